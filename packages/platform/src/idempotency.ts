import type { Redis } from 'ioredis';
import type { KeySpace } from './keys';

/** How long a request's answer is replayed for the same Idempotency-Key. */
export const IDEMPOTENCY_TTL_S = 24 * 3600;
const IN_FLIGHT = '__in_flight__';

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'in-flight' }
  | { kind: 'replay'; statusCode: number; body: unknown };

/**
 * Claims an Idempotency-Key for a principal. The first caller gets `claimed` and must `settle`
 * (or `release` on failure); a repeat within 24 h gets the stored answer.
 */
export async function claimIdempotencyKey(
  redis: Redis,
  keys: KeySpace,
  principal: string,
  key: string,
): Promise<IdempotencyClaim> {
  const k = keys.idempotency(principal, key);
  const set = await redis.set(k, IN_FLIGHT, 'EX', 60, 'NX');
  if (set === 'OK') return { kind: 'claimed' };
  const stored = await redis.get(k);
  if (stored === null) return claimIdempotencyKey(redis, keys, principal, key);
  if (stored === IN_FLIGHT) return { kind: 'in-flight' };
  const { statusCode, body } = JSON.parse(stored) as { statusCode: number; body: unknown };
  return { kind: 'replay', statusCode, body };
}

/** Stores the answer to replay for the next 24 h. */
export async function settleIdempotencyKey(
  redis: Redis,
  keys: KeySpace,
  principal: string,
  key: string,
  statusCode: number,
  body: unknown,
): Promise<void> {
  await redis.set(
    keys.idempotency(principal, key),
    JSON.stringify({ statusCode, body }),
    'EX',
    IDEMPOTENCY_TTL_S,
  );
}

/** Frees a claimed key after a request failed, so a retry is processed. */
export async function releaseIdempotencyKey(
  redis: Redis,
  keys: KeySpace,
  principal: string,
  key: string,
): Promise<void> {
  await redis.del(keys.idempotency(principal, key));
}
