import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { app } from './lib/state/app.svelte';
import { rotator } from './lib/state/rotation.svelte';

const RETRY_MS = 10_000;
/** A still pointer disappears after this long on the screen views, as in Grafana's kiosk mode. */
const POINTER_IDLE_MS = 3_000;

/**
 * Hides the pointer after a few seconds without movement (the `pointer-idle` class on body),
 * and shows it again on the next move: a wall screen shows no cursor, a desktop browser keeps it.
 */
function hidePointerWhenIdle(): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wake = () => {
    document.body.classList.remove('pointer-idle');
    clearTimeout(timer);
    timer = setTimeout(() => document.body.classList.add('pointer-idle'), POINTER_IDLE_MS);
  };
  addEventListener('pointermove', wake, { passive: true });
  addEventListener('pointerdown', wake, { passive: true });
  wake();
}

/** The region list names the default region and translates ids; retry until the server answers. */
async function loadRegions(): Promise<void> {
  await app.loadRegions();
  if (app.regionsError) setTimeout(() => void loadRegions(), RETRY_MS);
}

app.start();
hidePointerWhenIdle();
rotator.start(app.options.rotate);
void loadRegions();

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
mount(App, { target });
