import type { Redis } from 'ioredis';
import type { KeySpace } from '../keys';

/**
 * Fixed-window counters in Redis (INCR + PEXPIRE), so a limit holds across API nodes: failed
 * authentications per client IP. One key per counter: cluster-safe.
 */
export class ThrottleStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  /** Counts one more event; returns the count in the window and the ms until it resets. */
  async hit(
    scope: string,
    subject: string,
    windowMs: number,
  ): Promise<{ count: number; resetMs: number }> {
    const key = this.keys.throttle(scope, subject);
    const [[, count], , [, ttl]] = ((await this.redis
      .multi()
      .incr(key)
      .pexpire(key, windowMs, 'NX')
      .pttl(key)
      .exec()) ?? []) as [[unknown, number], unknown, [unknown, number]];
    return { count, resetMs: ttl > 0 ? ttl : windowMs };
  }

  /** The current count in the window (0 when none) and the ms until it resets. */
  async peek(scope: string, subject: string): Promise<{ count: number; resetMs: number }> {
    const key = this.keys.throttle(scope, subject);
    const [count, ttl] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
    return { count: Number(count ?? 0), resetMs: ttl > 0 ? ttl : 0 };
  }
}
