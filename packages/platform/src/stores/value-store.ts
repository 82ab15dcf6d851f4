import type { Redis } from 'ioredis';
import type { HistoryEntry, StampedObservation } from '@region-score/contracts';
import type { DatedValue } from '@region-score/core';
import type { KeySpace } from '../keys';
import { decodeValueRecord, encodeValueRecord, type ValueRecord } from './records';

/** How long observation ids are remembered for de-duplication (job retries, client ids). */
export const SEEN_RETENTION_MS = 30 * 24 * 3600 * 1000;

export interface ApplyResult {
  applied: number;
  version: number;
}

/** A district's data version and the current value per date of each indicator. */
export interface DistrictState {
  version: number;
  values: Record<string, DatedValue[]>;
}

/**
 * Reported values: applied atomically per district (de-duplicated, corrections ordered by
 * acceptance time, every value kept in the audit list), read back for scoring and history.
 */
export class ValueStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  /**
   * Writes the observations of one district atomically (`apply-observations.lua`). Re-applying the
   * same observations (a retried job) changes nothing.
   */
  async apply(
    region: string,
    district: string,
    observations: readonly StampedObservation[],
    nowMs: number,
  ): Promise<ApplyResult> {
    const { keys } = this;
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
      const record: ValueRecord = {
        date: o.date,
        value: o.value,
        at: o.at,
        by: o.by,
        obsId: o.obsId,
        ...(o.clientId === undefined ? {} : { clientId: o.clientId }),
      };
      args.push(idx, o.date, String(o.value), o.at, o.obsId, encodeValueRecord(record));
    }
    const [applied, version] = await this.redis.rsApplyObservations(
      keyList.length,
      ...keyList,
      ...args,
    );
    return { applied, version };
  }

  /**
   * A consistent read of a district: its data version and the current value per date of each
   * indicator, in one MULTI so the values are never older than the version they are labelled with.
   */
  async districtState(
    region: string,
    district: string,
    indicators: readonly string[],
  ): Promise<DistrictState> {
    const { keys } = this;
    const multi = this.redis.multi().hget(keys.versions(region), district);
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
  async versions(region: string): Promise<Record<string, number>> {
    const hash = await this.redis.hgetall(this.keys.versions(region));
    return Object.fromEntries(Object.entries(hash).map(([d, v]) => [d, Number(v)]));
  }

  /** Every value reported for one indicator of a district, corrections included, oldest first. */
  async history(region: string, district: string, indicator: string): Promise<HistoryEntry[]> {
    const { keys } = this;
    const [rows, meta] = await Promise.all([
      this.redis.lrange(keys.audit(region, district, indicator), 0, -1),
      this.redis.hgetall(keys.valueMeta(region, district, indicator)),
    ]);
    const currentIds = new Set(Object.values(meta).map((m) => decodeValueRecord(m).obsId));
    const seenDates = new Set<string>();
    return rows.map((row) => {
      const record = decodeValueRecord(row);
      // A value is a correction when an earlier one was applied for the same date.
      const correction = record.correction ?? seenDates.has(record.date);
      seenDates.add(record.date);
      const entry: HistoryEntry = {
        date: record.date,
        value: record.value,
        reportedAt: new Date(record.at).toISOString(),
        reportedBy: record.by,
        obsId: record.obsId,
        correction,
        current: currentIds.has(record.obsId),
      };
      if (record.clientId !== undefined) entry.clientId = record.clientId;
      return entry;
    });
  }
}
