import type { Redis } from 'ioredis';
import type { DomainEvent } from '@region-score/contracts';
import type { KeySpace } from '../keys';

/** Events kept in the stream: enough for a reconnecting node, bounded in memory. */
const STREAM_MAXLEN = 10_000;

/** The Redis Stream of domain events every API node tails. */
export class EventStream {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  /** Appends domain events to the stream. */
  async publish(events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const event of events) {
      pipeline.xadd(
        this.keys.events(),
        'MAXLEN',
        '~',
        STREAM_MAXLEN,
        '*',
        'e',
        JSON.stringify(event),
      );
    }
    await pipeline.exec();
  }

  /**
   * Tails the stream from "now" until `signal` aborts, handing each batch of events to
   * `onEvents`. Reading resumes after the last id seen, so a short Redis outage loses nothing the
   * stream still holds. `connection` must be dedicated: XREAD BLOCK holds it.
   */
  async tail(
    connection: Redis,
    onEvents: (events: DomainEvent[]) => void,
    signal: AbortSignal,
    blockMs = 1000,
  ): Promise<void> {
    let lastId = '$';
    while (!signal.aborted) {
      let reply: [string, [string, string[]][]][] | null;
      try {
        reply = (await connection.xread(
          'COUNT',
          1000,
          'BLOCK',
          blockMs,
          'STREAMS',
          this.keys.events(),
          lastId,
        )) as [string, [string, string[]][]][] | null;
      } catch {
        // Redis unreachable or the connection closed: retry unless we are shutting down.
        if (signal.aborted) return;
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      if (!reply) continue;
      const events: DomainEvent[] = [];
      for (const [, entries] of reply) {
        for (const [id, fields] of entries) {
          lastId = id;
          const raw = fields[1];
          if (raw) events.push(JSON.parse(raw) as DomainEvent);
        }
      }
      if (events.length > 0) onEvents(events);
    }
  }
}
