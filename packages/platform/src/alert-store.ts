import { randomBytes, randomUUID } from 'node:crypto';
import type { Redis, Result } from 'ioredis';
import type {
  Alert,
  AlertState,
  AlertTransition,
  Severity,
  Silence,
} from '@region-score/contracts';
import { acknowledgeAlert } from '@region-score/core';
import type { KeySpace } from './keys';

/*
 * Alerts in Redis.
 *
 * - `{r:<region>}:al`             hash fingerprint → Alert JSON (active and recently resolved)
 * - `{r:<region>}:alt:<id>`       list of AlertTransition JSON of one alert, oldest first, capped
 * - `{r:<region>}:al:lock`        the region's alert lock (see `withAlertLock`)
 * - `<prefix>:al:regions`         set of regions with stored alerts
 * - `<prefix>:silences`           hash silence id → Silence JSON
 *
 * Concurrency: several workers may evaluate the same region at once, and the API acknowledges
 * alerts while they do. Evaluation is read–compute–write over the whole region hash, so a plain
 * write could put back an alert another writer changed meanwhile (an acknowledgement lost, a
 * transition announced twice). Every such read–compute–write therefore runs under a short
 * per-region lock (`SET NX PX` with a random token, released by compare-and-delete), and the
 * write itself is a Lua script that checks the token first: if the lock expired while its holder
 * was stalled (GC pause, slow Redis) and someone else took it, the late write is refused instead
 * of overwriting newer state. A lock was chosen over a per-alert compare-and-set because an
 * evaluation writes many alerts and its steps depend on each other (hysteresis reads the active
 * set), and because a region's evaluation takes milliseconds, so the lock is rarely contended.
 */

/** Transitions kept per alert for `GET /alerts/:id`. */
export const ALERT_TRANSITIONS_KEPT = 200;
/** Resolved alerts are kept this long for history, then pruned by the next evaluation. */
export const RESOLVED_ALERT_RETENTION_MS = 7 * 24 * 3600 * 1000;
/** Silences that ended longer ago than this are pruned when a silence is added. */
export const EXPIRED_SILENCE_RETENTION_MS = 7 * 24 * 3600 * 1000;
/** A transitions list untouched this long (its alert gone) expires on its own. */
const TRANSITIONS_TTL_S = 30 * 24 * 3600;

/** Releases the lock only if the caller still holds it. KEYS: lock. ARGV: token. */
const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * Writes alert changes of one region if the caller still holds the region's lock.
 *
 * KEYS: lock, alerts hash, then the transitions lists the ops refer to (by 1-based key index)
 * ARGV: token, transitions kept, transitions list TTL in seconds, ops JSON
 *   ops = { set: [[id, alertJson]], del: [id], push: [[keyIndex, transitionJson]], drop: [keyIndex] }
 * Returns 1 when written, 0 when the lock was lost (nothing written).
 */
const SAVE_ALERTS = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
local cap = tonumber(ARGV[2]); local ttl = tonumber(ARGV[3])
local ops = cjson.decode(ARGV[4])
for _, p in ipairs(ops.set) do redis.call('HSET', KEYS[2], p[1], p[2]) end
for _, id in ipairs(ops.del) do redis.call('HDEL', KEYS[2], id) end
for _, p in ipairs(ops.push) do
  local k = KEYS[p[1]]
  redis.call('RPUSH', k, p[2])
  redis.call('LTRIM', k, -cap, -1)
  redis.call('EXPIRE', k, ttl)
end
for _, i in ipairs(ops.drop) do redis.call('DEL', KEYS[i]) end
return 1
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    rsReleaseLock(numKeys: number, ...args: (string | number)[]): Result<number, Context>;
    rsSaveAlerts(numKeys: number, ...args: (string | number)[]): Result<number, Context>;
  }
}

function defineAlertScripts(redis: Redis): void {
  if (typeof redis.rsSaveAlerts === 'function') return;
  redis.defineCommand('rsReleaseLock', { lua: RELEASE_LOCK });
  redis.defineCommand('rsSaveAlerts', { lua: SAVE_ALERTS });
}

/** The region's alert lock could not be taken in time: another writer holds it. */
export class AlertLockTimeoutError extends Error {
  readonly code = 'ALERT_LOCK_TIMEOUT';
  constructor(region: string) {
    super(`alerts of region "${region}" are locked by another writer`);
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

/**
 * Runs `fn` holding the region's alert lock. Waits up to `waitMs` for it, then throws
 * `AlertLockTimeoutError`. The lock expires after `ttlMs` even if its holder dies, and
 * `saveAlertSteps` refuses to write once it has, so a stalled holder cannot clobber newer state.
 */
export async function withAlertLock<T>(
  redis: Redis,
  keys: KeySpace,
  region: string,
  fn: (lock: AlertLock) => Promise<T>,
  { ttlMs = 10_000, waitMs = 5_000 }: { ttlMs?: number; waitMs?: number } = {},
): Promise<T> {
  defineAlertScripts(redis);
  const key = keys.alertLock(region);
  const token = randomBytes(12).toString('hex');
  const deadline = Date.now() + waitMs;
  while ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') {
    if (Date.now() >= deadline) throw new AlertLockTimeoutError(region);
    await new Promise((r) => setTimeout(r, 10 + Math.random() * 20));
  }
  try {
    return await fn({ region, token });
  } finally {
    await redis.rsReleaseLock(1, key, token);
  }
}

/** What to write for one region after an evaluation (or an acknowledgement). */
export interface AlertChanges {
  /** Alerts to store (new or changed). */
  put: readonly Alert[];
  /** Fingerprints to remove (a pending alert whose condition went; pruned resolved alerts). */
  remove: readonly string[];
  /** Transitions to append to their alert's history. */
  transitions: readonly AlertTransition[];
  /** Fingerprints whose history is deleted with them (pruned alerts). */
  dropHistory: readonly string[];
}

/**
 * Writes the changes of one region atomically, fenced by the lock: throws `AlertLockLostError`
 * (and writes nothing) when the lock is no longer held.
 */
export async function saveAlertSteps(
  redis: Redis,
  keys: KeySpace,
  lock: AlertLock,
  changes: AlertChanges,
): Promise<void> {
  const { put, remove, transitions, dropHistory } = changes;
  if (put.length + remove.length + transitions.length + dropHistory.length === 0) return;
  defineAlertScripts(redis);
  const region = lock.region;
  const listKeys: string[] = [];
  const index = new Map<string, number>();
  const keyIndex = (id: string) => {
    let i = index.get(id);
    if (i === undefined) {
      listKeys.push(keys.alertTransitions(region, id));
      // KEYS[1] is the lock and KEYS[2] the hash, so lists start at 3 (Lua is 1-based).
      i = listKeys.length + 2;
      index.set(id, i);
    }
    return i;
  };
  const ops = {
    set: put.map((a) => [a.id, JSON.stringify(a)]),
    del: [...remove],
    push: transitions.map((t) => [keyIndex(t.id), JSON.stringify(t)]),
    drop: dropHistory.map(keyIndex),
  };
  if (put.length > 0) await redis.sadd(keys.alertRegions(), region);
  const written = await redis.rsSaveAlerts(
    2 + listKeys.length,
    keys.alertLock(region),
    keys.alerts(region),
    ...listKeys,
    lock.token,
    ALERT_TRANSITIONS_KEPT,
    TRANSITIONS_TTL_S,
    JSON.stringify(ops),
  );
  if (written !== 1) throw new AlertLockLostError(region);
}

/** Every stored alert of a region (active and recently resolved), in no particular order. */
export async function readRegionAlerts(
  redis: Redis,
  keys: KeySpace,
  region: string,
): Promise<Alert[]> {
  const hash = await redis.hgetall(keys.alerts(region));
  return Object.values(hash).map((json) => JSON.parse(json) as Alert);
}

/** Filters of `listAlerts`; every given field must equal the alert's. */
export interface AlertFilter {
  region?: string;
  district?: string;
  state?: AlertState;
  severity?: Severity;
}

const STATE_ORDER: Record<AlertState, number> = { firing: 0, pending: 1, resolved: 2 };
const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1 };

/**
 * Stored alerts matching the filter: firing first, then pending, then resolved; critical before
 * warning; the most recently changed first. Without a region it reads every region that has
 * alerts (one hash each).
 */
export async function listAlerts(
  redis: Redis,
  keys: KeySpace,
  filter: AlertFilter,
): Promise<Alert[]> {
  const regions =
    filter.region !== undefined ? [filter.region] : await redis.smembers(keys.alertRegions());
  const all = (await Promise.all(regions.map((r) => readRegionAlerts(redis, keys, r)))).flat();
  return all
    .filter(
      (a) =>
        (filter.district === undefined || a.district === filter.district) &&
        (filter.state === undefined || a.state === filter.state) &&
        (filter.severity === undefined || a.severity === filter.severity),
    )
    .sort(
      (a, b) =>
        STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        b.updatedAt.localeCompare(a.updatedAt) ||
        a.id.localeCompare(b.id),
    );
}

/** One alert by fingerprint, wherever its region; `null` when none is stored. */
export async function readAlert(redis: Redis, keys: KeySpace, id: string): Promise<Alert | null> {
  const regions = await redis.smembers(keys.alertRegions());
  const found = await Promise.all(regions.map((r) => redis.hget(keys.alerts(r), id)));
  const json = found.find((j) => j !== null);
  return json ? (JSON.parse(json) as Alert) : null;
}

/** The kept history of an alert's state changes, oldest first. */
export async function readAlertTransitions(
  redis: Redis,
  keys: KeySpace,
  region: string,
  id: string,
): Promise<AlertTransition[]> {
  const rows = await redis.lrange(keys.alertTransitions(region, id), 0, -1);
  return rows.map((json) => JSON.parse(json) as AlertTransition);
}

/** Outcome of `ackAlert`. */
export type AckResult =
  | { status: 'acked'; alert: Alert }
  | { status: 'not_found' }
  /** Resolved alerts need no acknowledgement; a new episode can be acknowledged. */
  | { status: 'resolved'; alert: Alert }
  /** The first acknowledgement is kept: it says who took the alert on. */
  | { status: 'already_acked'; alert: Alert };

/**
 * Acknowledges an alert: records who, when and why, so it is notified to no one for the rest of
 * this episode. Runs under the region's alert lock, so an evaluation running at the same time
 * cannot write the alert back without the acknowledgement.
 */
export async function ackAlert(
  redis: Redis,
  keys: KeySpace,
  id: string,
  ack: { by: string; comment: string; at: Date },
): Promise<AckResult> {
  const found = await readAlert(redis, keys, id);
  if (!found) return { status: 'not_found' };
  return withAlertLock<AckResult>(redis, keys, found.region, async (lock) => {
    const json = await redis.hget(keys.alerts(found.region), id);
    if (!json) return { status: 'not_found' } as const;
    const alert = JSON.parse(json) as Alert;
    if (alert.state === 'resolved') return { status: 'resolved', alert } as const;
    if (alert.ack !== null) return { status: 'already_acked', alert } as const;
    const acked = acknowledgeAlert(alert, ack.by, ack.comment, ack.at);
    await saveAlertSteps(redis, keys, lock, {
      put: [acked],
      remove: [],
      transitions: [],
      dropHistory: [],
    });
    return { status: 'acked', alert: acked } as const;
  });
}

/** Every stored silence (active, future and recently ended), by start then end. */
export async function listSilences(redis: Redis, keys: KeySpace): Promise<Silence[]> {
  const hash = await redis.hgetall(keys.silences());
  return Object.values(hash)
    .map((json) => JSON.parse(json) as Silence)
    .sort(
      (a, b) =>
        Date.parse(a.startsAt) - Date.parse(b.startsAt) ||
        Date.parse(a.endsAt) - Date.parse(b.endsAt) ||
        a.id.localeCompare(b.id),
    );
}

/**
 * Stores a new silence with a fresh id and returns it. Silences that ended more than
 * `EXPIRED_SILENCE_RETENTION_MS` before `at` are pruned on the way.
 */
export async function addSilence(
  redis: Redis,
  keys: KeySpace,
  input: Omit<Silence, 'id'>,
  at: Date,
): Promise<Silence> {
  const silence: Silence = { id: randomUUID(), ...input };
  const expired = (await listSilences(redis, keys))
    .filter((s) => Date.parse(s.endsAt) < at.getTime() - EXPIRED_SILENCE_RETENTION_MS)
    .map((s) => s.id);
  const tx = redis.multi().hset(keys.silences(), silence.id, JSON.stringify(silence));
  if (expired.length > 0) tx.hdel(keys.silences(), ...expired);
  await tx.exec();
  return silence;
}

/** Deletes a silence; false when there was none with this id. */
export async function deleteSilence(redis: Redis, keys: KeySpace, id: string): Promise<boolean> {
  return (await redis.hdel(keys.silences(), id)) === 1;
}
