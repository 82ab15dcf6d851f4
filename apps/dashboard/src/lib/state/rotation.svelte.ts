import { live } from '../live/feed.svelte';
import { app } from './app.svelte';
import { parseSelection } from './selection';
import { nextRotation, ROTATION_CYCLE, type RotatingView } from './rotation';

/** How long a district that just turned red stays highlighted when the wall is not rotating. */
const HIGHLIGHT_MS = 60_000;

/**
 * Drives `?rotate=`: the `?views=` playlist (default wall → matrix → national) on a timer. A district turning red jumps the
 * rotation to the wall with that row highlighted, and the timer restarts so it stays a full turn.
 */
class Rotator {
  highlight = $state.raw<string[]>([]);
  private position = 0;
  private seconds: number | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private clearTimer: ReturnType<typeof setTimeout> | null = null;

  /** `?views=` in order, else wall → matrix → national. */
  private get cycle(): readonly RotatingView[] {
    return parseSelection(app.search).views ?? ROTATION_CYCLE;
  }

  start(seconds: number | null): void {
    this.seconds = seconds;
    const current = this.cycle.indexOf(app.route.view as RotatingView);
    this.position = current >= 0 ? current + 1 : 0;
    live.onBehind((ids) => this.onRed(ids));
    // A rotating wall opened on a view its playlist leaves out starts with the playlist's first.
    if (seconds && current < 0 && ['wall', 'matrix', 'national'].includes(app.route.view)) {
      this.advance([]);
    }
    this.restart();
  }

  private restart(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = this.seconds ? setInterval(() => this.advance([]), this.seconds * 1000) : null;
  }

  private onRed(ids: string[]): void {
    if (this.seconds) {
      this.advance(ids);
      this.restart();
      return;
    }
    this.highlight = [...new Set([...this.highlight, ...ids])];
    if (this.clearTimer) clearTimeout(this.clearTimer);
    this.clearTimer = setTimeout(() => (this.highlight = []), HIGHLIGHT_MS);
  }

  private advance(red: string[]): void {
    const { step, position } = nextRotation(this.position, red, this.cycle);
    this.position = position;
    this.highlight = step.highlight;
    const path = `/${step.view}`;
    if (app.route.view !== step.view) app.navigate(path, true);
  }
}

/** The page's rotation controller. */
export const rotator = new Rotator();
