import type { Redis } from 'ioredis';
import type {
  AuditEntry,
  HistoryEntry,
  QuarantineItem,
  StampedObservation,
} from '@region-score/contracts';
import type { DatedValue } from '@region-score/core';
import type { KeySpace } from '../keys';
import { decodeValueRecord, encodeValueRecord, type ValueRecord } from './records';

/** The record the history and the current-value meta keep of an observation. */
export function valueRecordOf(o: StampedObservation): ValueRecord {
  return {
    date: o.date,
    value: o.value,
    at: o.at,
    by: o.by,
    obsId: o.obsId,
    ...(o.clientId === undefined ? {} : { clientId: o.clientId }),
  };
}

/** How long observation ids are remembered for de-duplication (job retries, client ids). */
export const SEEN_RETENTION_MS = 30 * 24 * 3600 * 1000;

/** What became of one observation (see `apply-observations.lua`). */
export type ApplyStatus =
  | 'duplicate'
  | 'applied'
  | 'corrected'
  | 'history'
  | 'unchanged'
  | 'quarantined'
  | 'duplicate-quarantined';

const STATUS_CODES: readonly ApplyStatus[] = [
  'duplicate',
  'applied',
  'corrected',
  'history',
  'unchanged',
  'quarantined',
  'duplicate-quarantined',
];

/**
 * One observation to apply: written, or (with `held`) put in quarantine. `audit` describes it;
 * the script adds the event's type (value, correction, quarantine) and the value it replaced.
 */
export interface ApplyItem {
  observation: StampedObservation;
  held: QuarantineItem | null;
  audit: Omit<AuditEntry, 'type' | 'previous'>;
}

export type ApplyResult =
  /** The district changed since `expectedVersion`: nothing was written. */
  | { conflict: true; version: number }
  | {
      conflict: false;
      version: number;
      /** Values written to the history (applied, corrected, history). */
      written: number;
      statuses: ApplyStatus[];
    };

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
   * Writes the observations of one district atomically (`apply-observations.lua`): the ones
   * without `held` are applied, the others go to quarantine, each with its audit event.
   * Re-applying the same observations (a retried job) changes nothing. With `expectedVersion`,
   * nothing is written when the district's data version is no longer that one (`conflict`).
   */
  async apply(
    region: string,
    district: string,
    items: readonly ApplyItem[],
    nowMs: number,
    options: { expectedVersion?: number; skipUnchanged?: boolean } = {},
  ): Promise<ApplyResult> {
    const { keys } = this;
    const indicatorIndex = new Map<string, number>();
    const keyList = [
      keys.seen(region),
      keys.versions(region),
      keys.quarantine(region),
      keys.quarantineIndex(region),
      keys.quarantineHeld(region),
      keys.regionAudit(region),
    ];
    const args: (string | number)[] = [
      district,
      nowMs,
      SEEN_RETENTION_MS,
      options.expectedVersion ?? '',
      options.skipUnchanged ? '1' : '0',
    ];
    for (const { observation: o, held, audit } of items) {
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
      args.push(
        idx,
        o.date,
        String(o.value),
        o.at,
        o.obsId,
        encodeValueRecord(valueRecordOf(o)),
        held ? JSON.stringify(held) : '',
        JSON.stringify(audit),
      );
    }
    const [version = 0, ...codes] = await this.redis.rsApplyObservations(
      keyList.length,
      ...keyList,
      ...args,
    );
    if (version === -1) return { conflict: true, version: codes[0] ?? 0 };
    const statuses = codes.map((c) => STATUS_CODES[c] ?? 'duplicate');
    const written = statuses.filter(
      (s) => s === 'applied' || s === 'corrected' || s === 'history',
    ).length;
    return { conflict: false, version, written, statuses };
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

  /** Data version of the given districts of a region, in order (0 when never written). */
  async districtVersions(region: string, districts: readonly string[]): Promise<number[]> {
    if (districts.length === 0) return [];
    const replies = await this.redis.hmget(this.keys.versions(region), ...districts);
    return replies.map((v) => Number(v ?? 0));
  }

  /** Data version of each district of a region (0 when nothing was ever written). */
  async versions(region: string): Promise<Record<string, number>> {
    const hash = await this.redis.hgetall(this.keys.versions(region));
    return Object.fromEntries(Object.entries(hash).map(([d, v]) => [d, Number(v)]));
  }

  /**
   * Every value reported for one indicator of a district, corrections included, oldest first.
   * Values the quality gate held are listed too, with their review state (`held`: awaiting
   * review, not counted; `discarded`; a released one is in the history as applied).
   */
  async history(region: string, district: string, indicator: string): Promise<HistoryEntry[]> {
    const { keys } = this;
    const [rows, meta, quarantined] = await Promise.all([
      this.redis.lrange(keys.audit(region, district, indicator), 0, -1),
      this.redis.hgetall(keys.valueMeta(region, district, indicator)),
      this.redis.hgetall(keys.quarantine(region)),
    ]);
    const held = Object.values(quarantined)
      .map((json) => JSON.parse(json) as QuarantineItem)
      .filter((q) => q.district === district && q.indicator === indicator);
    const review = new Map(held.map((q) => [q.id, q]));
    const currentIds = new Set(Object.values(meta).map((m) => decodeValueRecord(m).obsId));
    const seenDates = new Set<string>();
    const entries = rows.map((row) => {
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
      const q = review.get(record.obsId);
      if (q) {
        entry.review = 'released';
        entry.reason = q.reason.message;
      }
      return entry;
    });
    for (const q of held) {
      if (q.state === 'released') continue;
      entries.push({
        date: q.date,
        value: q.value,
        reportedAt: q.reportedAt,
        reportedBy: q.reportedBy.id,
        obsId: q.id,
        correction: false,
        current: false,
        review: q.state,
        reason: q.reason.message,
      });
    }
    return entries.sort((a, b) => a.reportedAt.localeCompare(b.reportedAt));
  }
}
