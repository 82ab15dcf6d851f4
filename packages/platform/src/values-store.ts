import type { Redis } from 'ioredis';
import type { HistoryEntry, StampedObservation } from '@region-score/contracts';
import type { DatedValue } from '@region-score/core';
import type { KeySpace } from './keys';
import { defineScripts } from './scripts';

/** How long observation ids are remembered for de-duplication (job retries, client ids). */
export const SEEN_RETENTION_MS = 30 * 24 * 3600 * 1000;

export interface ApplyResult {
  applied: number;
  version: number;
}

/**
 * Writes the observations of one district atomically (one Lua call). Re-applying the same
 * observations (a retried job) changes nothing.
 */
export async function applyDistrictObservations(
  redis: Redis,
  keys: KeySpace,
  region: string,
  district: string,
  observations: readonly StampedObservation[],
  nowMs: number,
): Promise<ApplyResult> {
  defineScripts(redis);
  const indicatorIndex = new Map<string, number>();
  const keyList = [keys.seen(region), keys.versions(region)];
  const args: (string | number)[] = [district, nowMs, SEEN_RETENTION_MS];
  for (const o of observations) {
    let idx = indicatorIndex.get(o.indicator);
    if (idx === undefined) {
      idx = indicatorIndex.size + 1;
      indicatorIndex.set(o.indicator, idx);
      keyList.push(
        keys.values(region, district, o.indicator),
        keys.valueMeta(region, district, o.indicator),
        keys.audit(region, district, o.indicator),
      );
    }
    args.push(idx, o.date, String(o.value), o.obsId, o.at, o.by, '');
  }
  const [applied, version] = await redis.rsApplyObservations(keyList.length, ...keyList, ...args);
  return { applied, version };
}

/**
 * A consistent read of a district: its data version and the current value per date of each
 * indicator, in one MULTI so the values are never older than the version they are labelled with.
 */
export async function readDistrictState(
  redis: Redis,
  keys: KeySpace,
  region: string,
  district: string,
  indicators: readonly string[],
): Promise<{ version: number; values: Record<string, DatedValue[]> }> {
  const multi = redis.multi().hget(keys.versions(region), district);
  for (const indicator of indicators) multi.hgetall(keys.values(region, district, indicator));
  const replies = (await multi.exec()) ?? [];
  for (const [err] of replies) if (err) throw err;
  const values: Record<string, DatedValue[]> = {};
  indicators.forEach((indicator, i) => {
    const hash = (replies[i + 1]?.[1] ?? {}) as Record<string, string>;
    values[indicator] = Object.entries(hash).map(([date, value]) => ({
      date,
      value: Number(value),
    }));
  });
  return { version: Number(replies[0]?.[1] ?? 0), values };
}

/** Data version of each district of a region (0 when nothing was ever written). */
export async function readVersions(
  redis: Redis,
  keys: KeySpace,
  region: string,
): Promise<Record<string, number>> {
  const hash = await redis.hgetall(keys.versions(region));
  return Object.fromEntries(Object.entries(hash).map(([d, v]) => [d, Number(v)]));
}

/** Every value reported for one indicator of a district, corrections included, oldest first. */
export async function readAudit(
  redis: Redis,
  keys: KeySpace,
  region: string,
  district: string,
  indicator: string,
): Promise<HistoryEntry[]> {
  const [rows, meta] = await Promise.all([
    redis.lrange(keys.audit(region, district, indicator), 0, -1),
    redis.hgetall(keys.valueMeta(region, district, indicator)),
  ]);
  const currentIds = new Set(Object.values(meta).map((m) => m.split('|').slice(2).join('|')));
  return rows.map((row) => {
    const parts = row.split('|');
    const [date = '', value = '0', at = '0', correction = '0', by = ''] = parts;
    const obsId = parts.slice(5).join('|');
    const entry: HistoryEntry = {
      date,
      value: Number(value),
      reportedAt: new Date(Number(at)).toISOString(),
      reportedBy: by,
      obsId,
      correction: correction === '1',
      current: currentIds.has(obsId),
    };
    if (obsId.startsWith('c:')) entry.clientId = obsId.slice(obsId.indexOf(':', 2) + 1);
    return entry;
  });
}
