import type { Logger } from 'pino';

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Collects work items per key while a run is in progress and hands everything collected to the
 * next run: one run at a time, never more runs than needed. `add` resolves when a run that
 * includes the item has finished (rejects if that run failed).
 *
 * With `minIntervalMs`, runs start at most that often: the first one after a quiet spell starts at
 * once, later ones wait out the interval and so take in more work each (a district touched by 50
 * jobs in that time is rescored once, not 50 times).
 */
export class CoalescingLoop<T> {
  private pending = new Map<string, Set<T>>();
  private waiters: Waiter[] = [];
  private running: Promise<void> | null = null;
  private lastStart = 0;

  constructor(
    private readonly run: (batch: Map<string, Set<T>>) => Promise<void>,
    private readonly logger: Logger,
    private readonly what: string,
    private readonly minIntervalMs = 0,
  ) {}

  add(key: string, items: Iterable<T>): Promise<void> {
    let set = this.pending.get(key);
    if (!set) this.pending.set(key, (set = new Set()));
    for (const item of items) set.add(item);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.running ??= this.loop();
    return done;
  }

  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    try {
      while (this.pending.size > 0) {
        const wait = this.lastStart + this.minIntervalMs - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        this.lastStart = Date.now();
        const batch = this.pending;
        const waiters = this.waiters;
        this.pending = new Map();
        this.waiters = [];
        try {
          await this.run(batch);
          for (const w of waiters) w.resolve();
        } catch (err) {
          this.logger.error({ err }, `${this.what} failed`);
          for (const w of waiters) w.reject(err);
        }
      }
    } finally {
      this.running = null;
    }
  }
}
