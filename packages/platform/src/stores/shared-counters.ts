import type { Redis } from 'ioredis';
import type { KeySpace } from '../keys';

interface Counter {
  windowMs: number;
  /** When this node believes the window ends (from Redis's PTTL after a flush). */
  windowEnd: number;
  /** The count in Redis at the last flush (every node's hits). */
  shared: number;
  /** This node's hits not yet added to Redis. */
  pending: number;
}

/**
 * Fixed-window counters shared by every API node through Redis, without a Redis write per hit:
 * each node counts locally and adds its hits to Redis every `flushMs` (one INCRBY + PEXPIRE per
 * active counter), reading back the total; a counter's first hit in a window and every hit near
 * its limit are added at once. A limit therefore holds across nodes to within what they accept in
 * one flush interval far from the limit (documented in the README), while the request path never
 * waits for Redis. Used for request rate limits.
 */
export class SharedCounters {
  private readonly counters = new Map<string, Counter>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
    private readonly flushMs = 200,
  ) {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), flushMs);
    this.timer.unref();
  }

  /**
   * Counts one hit; returns the estimated count in the window (all nodes) and ms until reset.
   * `limit` (optional) makes hits close to it reach Redis at once.
   */
  hit(
    scope: string,
    subject: string,
    windowMs: number,
    limit = Infinity,
    now = Date.now(),
  ): { count: number; resetMs: number } {
    const key = this.keys.throttle(scope, subject);
    let c = this.counters.get(key);
    const fresh = !c || now >= c.windowEnd;
    if (!c || fresh) {
      c = { windowMs, windowEnd: now + windowMs, shared: 0, pending: 0 };
      this.counters.set(key, c);
    }
    c.pending += 1;
    const count = c.shared + c.pending;
    if (fresh || count >= limit * 0.9) void this.flush().catch(() => undefined);
    return { count, resetMs: c.windowEnd - now };
  }

  /** Adds the pending hits to Redis and reads the totals back (also runs every `flushMs`). */
  async flush(): Promise<void> {
    // One flush at a time; a request for another while one runs is folded into a follow-up.
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      do {
        this.again = false;
        await this.doFlush();
      } while (this.again);
    })().finally(() => (this.flushing = null));
    return this.flushing;
  }

  close(): void {
    clearInterval(this.timer);
  }

  private async doFlush(): Promise<void> {
    const now = Date.now();
    const batch: [string, Counter, number][] = [];
    for (const [key, c] of this.counters) {
      if (c.pending > 0) batch.push([key, c, c.pending]);
      else if (now >= c.windowEnd) this.counters.delete(key);
    }
    if (batch.length === 0) return;
    // One transaction per counter: each is a key of its own (its own cluster slot).
    const replies = await Promise.all(
      batch.map(([key, c, n]) =>
        this.redis.multi().incrby(key, n).pexpire(key, c.windowMs, 'NX').pttl(key).exec(),
      ),
    );
    batch.forEach(([, c, n], i) => {
      const total = Number(replies[i]?.[0]?.[1] ?? 0);
      const ttl = Number(replies[i]?.[2]?.[1] ?? 0);
      c.pending -= n;
      c.shared = total;
      if (ttl > 0) c.windowEnd = now + ttl;
    });
  }
}
