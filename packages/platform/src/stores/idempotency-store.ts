import type { Redis } from 'ioredis';
import type { KeySpace } from '../keys';

/** How long a request's answer is replayed for the same Idempotency-Key. */
export const IDEMPOTENCY_TTL_S = 24 * 3600;
/** How long a claim waits for its answer before another request may take the key over. */
const IN_FLIGHT_TTL_S = 60;

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'in-flight' }
  /** The key was used for a request with a different body: its answer does not apply. */
  | { kind: 'mismatch' }
  | { kind: 'replay'; statusCode: number; body: unknown };

/** A stored claim; `fingerprint` identifies the request body the key was first used with. */
type Stored =
  | { state: 'in-flight'; fingerprint: string }
  | { state: 'done'; fingerprint: string; statusCode: number; body: unknown };

/** Answers of requests made with an `Idempotency-Key`, per caller. */
export class IdempotencyStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  /**
   * Claims a key for a caller's request with the given body fingerprint. The first caller gets
   * `claimed` and must `settle` (or `release` on failure); a repeat of the same request within
   * 24 h gets the stored answer; the same key with another body gets `mismatch`.
   */
  async claim(principal: string, key: string, fingerprint: string): Promise<IdempotencyClaim> {
    const k = this.keys.idempotency(principal, key);
    const inFlight: Stored = { state: 'in-flight', fingerprint };
    for (;;) {
      const set = await this.redis.set(k, JSON.stringify(inFlight), 'EX', IN_FLIGHT_TTL_S, 'NX');
      if (set === 'OK') return { kind: 'claimed' };
      const raw = await this.redis.get(k);
      if (raw === null) continue; // expired between the two commands: claim again
      const stored = JSON.parse(raw) as Stored;
      if (stored.fingerprint !== fingerprint) return { kind: 'mismatch' };
      if (stored.state === 'in-flight') return { kind: 'in-flight' };
      return { kind: 'replay', statusCode: stored.statusCode, body: stored.body };
    }
  }

  /** Stores the answer to replay for the next 24 h. */
  async settle(
    principal: string,
    key: string,
    fingerprint: string,
    statusCode: number,
    body: unknown,
  ): Promise<void> {
    const stored: Stored = { state: 'done', fingerprint, statusCode, body };
    await this.redis.set(
      this.keys.idempotency(principal, key),
      JSON.stringify(stored),
      'EX',
      IDEMPOTENCY_TTL_S,
    );
  }

  /** Frees a claimed key after a request failed, so a retry is processed. */
  async release(principal: string, key: string): Promise<void> {
    await this.redis.del(this.keys.idempotency(principal, key));
  }
}
