import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { app } from './lib/state/app.svelte';
import { rotator } from './lib/state/rotation.svelte';

const RETRY_MS = 10_000;

/** The region list names the default region and translates ids; retry until the server answers. */
async function loadRegions(): Promise<void> {
  await app.loadRegions();
  if (app.regionsError) setTimeout(() => void loadRegions(), RETRY_MS);
}

app.start();
rotator.start(app.options.rotate);
void loadRegions();

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
mount(App, { target });
