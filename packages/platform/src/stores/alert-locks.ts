import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { KeySpace } from '../keys';

/*
 * Several workers may evaluate the same region at once, and the API acknowledges alerts while they
 * do. Evaluation is read–compute–write over the whole region, so a plain write could put back an
 * alert another writer changed meanwhile (an acknowledgement lost, a transition announced twice).
 * Every such read–compute–write therefore runs under a short per-region lock (`SET NX PX` with a
 * random token, released by compare-and-delete), and the write itself checks the token first
 * (`save-alerts.lua`). A lock was chosen over a per-alert compare-and-set because an evaluation
 * writes many alerts and its steps depend on each other (hysteresis reads the active set), and a
 * region's evaluation takes milliseconds, so the lock is rarely contended.
 */

/** The region's alert lock could not be taken in time: another writer holds it. */
export class AlertLockTimeoutError extends Error {
  readonly code = 'ALERT_LOCK_TIMEOUT';
  constructor(region: string) {
    super(`alerts of region "${region}" are locked by another writer; try again`);
    this.name = 'AlertLockTimeoutError';
  }
}

/** The lock expired before the write and someone else took it: the write was refused. */
export class AlertLockLostError extends Error {
  readonly code = 'ALERT_LOCK_LOST';
  constructor(region: string) {
    super(`lost the alert lock of region "${region}" before writing`);
    this.name = 'AlertLockLostError';
  }
}

/** Proof of holding a region's alert lock; writes check its token. */
export interface AlertLock {
  readonly region: string;
  readonly token: string;
}

/** The per-region alert locks. */
export class AlertLocks {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  /**
   * Runs `fn` holding the region's alert lock. Waits up to `waitMs` for it, then throws
   * `AlertLockTimeoutError`. The lock expires after `ttlMs` even if its holder dies, and writes
   * fenced by it are refused once it has, so a stalled holder cannot clobber newer state.
   */
  async withLock<T>(
    region: string,
    fn: (lock: AlertLock) => Promise<T>,
    { ttlMs = 10_000, waitMs = 5_000 }: { ttlMs?: number; waitMs?: number } = {},
  ): Promise<T> {
    const key = this.keys.alertLock(region);
    const token = randomBytes(12).toString('hex');
    const deadline = Date.now() + waitMs;
    while ((await this.redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') {
      if (Date.now() >= deadline) throw new AlertLockTimeoutError(region);
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 20));
    }
    try {
      return await fn({ region, token });
    } finally {
      await this.redis.rsReleaseLock(1, key, token);
    }
  }
}
