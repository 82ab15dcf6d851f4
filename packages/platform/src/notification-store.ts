import type { Redis } from 'ioredis';
import type { FailedNotificationRecord } from '@region-score/contracts';
import type { KeySpace } from './keys';

/*
 * What notification delivery keeps in Redis: when each alert was last sent to each channel (so
 * repeats honour their interval and two workers do not both repeat one alert), and the
 * dead-letter list of notifications that exhausted their retries.
 */

/** The dead-letter list keeps this many entries; older ones are dropped first. */
export const MAX_FAILED_NOTIFICATIONS = 1000;

/** Records that these alerts were sent (or queued for sending) to the channel at `at`. */
export async function markNotified(
  redis: Redis,
  keys: KeySpace,
  channel: string,
  alertIds: readonly string[],
  at: Date,
): Promise<void> {
  if (alertIds.length === 0) return;
  const ms = String(at.getTime());
  await redis.hset(keys.notifiedAt(channel), Object.fromEntries(alertIds.map((id) => [id, ms])));
}

/** Forgets these alerts for the channel: they resolved, so there is nothing left to repeat. */
export async function forgetNotified(
  redis: Redis,
  keys: KeySpace,
  channel: string,
  alertIds: readonly string[],
): Promise<void> {
  if (alertIds.length === 0) return;
  await redis.hdel(keys.notifiedAt(channel), ...alertIds);
}

/** When each alert was last sent to the channel (ms), by alert id. */
export async function readNotifiedAt(
  redis: Redis,
  keys: KeySpace,
  channel: string,
): Promise<Map<string, number>> {
  const hash = await redis.hgetall(keys.notifiedAt(channel));
  return new Map(Object.entries(hash).map(([id, ms]) => [id, Number(ms)]));
}

/**
 * Claims alerts due for a repeat on the channel, atomically: an alert is claimed when it was last
 * sent before its `cutoffMs`, or never sent and `whenNeverSent` is true; claiming sets its last
 * sent time to `at`. Several workers running the repeat at once therefore send each alert once.
 *
 * KEYS: notifiedAt(channel). ARGV: nowMs, then triples alertId, cutoffMs, whenNeverSent (0/1).
 */
const CLAIM_REPEATS = `
local claimed = {}
for i = 2, #ARGV, 3 do
  local id = ARGV[i]
  local last = redis.call('HGET', KEYS[1], id)
  local due
  if last then due = tonumber(last) < tonumber(ARGV[i + 1]) else due = ARGV[i + 2] == '1' end
  if due then
    redis.call('HSET', KEYS[1], id, ARGV[1])
    claimed[#claimed + 1] = id
  end
end
return claimed
`;

/** An alert the repeat may re-send, with the moment before which its last sending is stale. */
export interface RepeatCandidate {
  alertId: string;
  cutoffMs: number;
  /** Claim it even if it was never sent (e.g. its silence just ended). */
  whenNeverSent: boolean;
}

/** See `CLAIM_REPEATS`: the ids claimed for re-sending to the channel now. */
export async function claimRepeats(
  redis: Redis,
  keys: KeySpace,
  channel: string,
  candidates: readonly RepeatCandidate[],
  at: Date,
): Promise<string[]> {
  if (candidates.length === 0) return [];
  const args = candidates.flatMap((c) => [
    c.alertId,
    String(c.cutoffMs),
    c.whenNeverSent ? '1' : '0',
  ]);
  const claimed = (await redis.eval(
    CLAIM_REPEATS,
    1,
    keys.notifiedAt(channel),
    String(at.getTime()),
    ...args,
  )) as string[];
  return claimed;
}

/** Puts a notification on the dead-letter list, dropping the oldest beyond the cap. */
export async function addFailedNotification(
  redis: Redis,
  keys: KeySpace,
  record: FailedNotificationRecord,
  max = MAX_FAILED_NOTIFICATIONS,
): Promise<void> {
  await redis
    .multi()
    .hset(keys.failedNotifications(), record.id, JSON.stringify(record))
    .zadd(keys.failedNotificationIndex(), Date.parse(record.failedAt), record.id)
    .exec();
  const excess = (await redis.zcard(keys.failedNotificationIndex())) - max;
  if (excess > 0) {
    const dropped = await redis.zpopmin(keys.failedNotificationIndex(), excess);
    const ids = dropped.filter((_, i) => i % 2 === 0);
    if (ids.length > 0) await redis.hdel(keys.failedNotifications(), ...ids);
  }
}

/** The dead-letter list, newest first. */
export async function listFailedNotifications(
  redis: Redis,
  keys: KeySpace,
  limit = 200,
): Promise<FailedNotificationRecord[]> {
  const ids = await redis.zrevrange(keys.failedNotificationIndex(), 0, limit - 1);
  if (ids.length === 0) return [];
  const jsons = await redis.hmget(keys.failedNotifications(), ...ids);
  return jsons.flatMap((json) => (json ? [JSON.parse(json) as FailedNotificationRecord] : []));
}

/**
 * Removes an entry from the dead-letter list and returns it, or `null` when there is none. Atomic,
 * so two admins retrying the same entry at once retry it once.
 */
export async function takeFailedNotification(
  redis: Redis,
  keys: KeySpace,
  id: string,
): Promise<FailedNotificationRecord | null> {
  const result = await redis
    .multi()
    .hget(keys.failedNotifications(), id)
    .hdel(keys.failedNotifications(), id)
    .zrem(keys.failedNotificationIndex(), id)
    .exec();
  const json = result?.[0]?.[1];
  const removed = result?.[1]?.[1];
  return typeof json === 'string' && removed === 1
    ? (JSON.parse(json) as FailedNotificationRecord)
    : null;
}
