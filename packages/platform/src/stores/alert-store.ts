import type { Redis } from 'ioredis';
import type { Alert, AlertState, AlertTransition, Severity } from '@region-score/contracts';
import {
  compareAlerts,
  parseFingerprint,
  decideAcknowledgement,
  type AckDecision,
  type AlertChanges,
} from '@region-score/core';
import type { KeySpace } from '../keys';
import { AlertLockLostError, type AlertLock, type AlertLocks } from './alert-locks';

/*
 * Alerts in Redis.
 *
 * - `{r:<region>}:al:d:<district>` hash fingerprint → Alert JSON (active and recently resolved)
 * - `{r:<region>}:al:ds`           set of the region's districts with stored alerts
 * - `{r:<region>}:alt:<id>`        list of AlertTransition JSON of one alert, oldest first, capped
 * - `<prefix>:al:regions`          set of regions with stored alerts
 *
 * Per district, so an evaluation reads only what it evaluates: work per observation does not grow
 * with the size of the region. Writes are fenced by the region's alert lock (see `AlertLocks`):
 * the write script checks the lock's token first, so a holder that stalled past the lock's expiry
 * writes nothing.
 */

/** Transitions kept per alert for `GET /alerts/:id`. */
export const ALERT_TRANSITIONS_KEPT = 200;
/** A transitions list untouched this long (its alert gone) expires on its own. */
const TRANSITIONS_TTL_S = 30 * 24 * 3600;

/** Filters of `AlertStore#list`; every given field must equal the alert's. */
export interface AlertFilter {
  region?: string;
  district?: string;
  state?: AlertState;
  severity?: Severity;
}

/** The alerts of every region, their histories, and acknowledgements. */
export class AlertStore {
  /** Regions whose version-0.2 alerts this process has moved (see `migrateLegacy`). */
  private readonly migrated = new Set<string>();

  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
    private readonly locks: AlertLocks,
  ) {}

  /** Every stored alert of a region (active and recently resolved), in no particular order. */
  async region(region: string): Promise<Alert[]> {
    const districts = await this.redis.smembers(this.keys.alertDistricts(region));
    const [byDistrict, legacy] = await Promise.all([
      this.districts(region, districts),
      this.redis.hgetall(this.keys.legacyAlerts(region)),
    ]);
    return [...byDistrict, ...Object.values(legacy).map((json) => JSON.parse(json) as Alert)];
  }

  /** Every stored alert of the given districts of a region. */
  async districts(region: string, districts: readonly string[]): Promise<Alert[]> {
    if (districts.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const d of districts) pipeline.hgetall(this.keys.districtAlerts(region, d));
    const replies = (await pipeline.exec()) ?? [];
    return replies.flatMap(([err, hash]) => {
      if (err) throw err;
      return Object.values(hash as Record<string, string>).map((json) => JSON.parse(json) as Alert);
    });
  }

  /**
   * Moves alerts stored by version 0.2 (one hash per region) into their districts' hashes, once
   * per region; run under the region's lock by the first evaluation after an upgrade.
   */
  async migrateLegacy(lock: AlertLock): Promise<void> {
    if (this.migrated.has(lock.region)) return;
    const hash = await this.redis.hgetall(this.keys.legacyAlerts(lock.region));
    const alerts = Object.values(hash).map((json) => JSON.parse(json) as Alert);
    if (alerts.length > 0) {
      await this.save(lock, { put: alerts, remove: [], transitions: [], dropHistory: [] });
      await this.redis.del(this.keys.legacyAlerts(lock.region));
    }
    this.migrated.add(lock.region);
  }

  /**
   * Stored alerts matching the filter, in core's `compareAlerts` order. Without a region it reads
   * every region that has alerts (one hash each).
   */
  async list(filter: AlertFilter): Promise<Alert[]> {
    const regions =
      filter.region !== undefined
        ? [filter.region]
        : await this.redis.smembers(this.keys.alertRegions());
    const all = (
      await Promise.all(
        regions.map((r) =>
          filter.district !== undefined && filter.region !== undefined
            ? this.districts(r, [filter.district])
            : this.region(r),
        ),
      )
    ).flat();
    return all
      .filter(
        (a) =>
          (filter.district === undefined || a.district === filter.district) &&
          (filter.state === undefined || a.state === filter.state) &&
          (filter.severity === undefined || a.severity === filter.severity),
      )
      .sort(compareAlerts);
  }

  /** One alert by fingerprint, wherever its region; `null` when none is stored. */
  async get(id: string): Promise<Alert | null> {
    const parts = parseFingerprint(id);
    if (!parts) return null;
    const json =
      (await this.redis.hget(this.keys.districtAlerts(parts.region, parts.district), id)) ??
      (await this.redis.hget(this.keys.legacyAlerts(parts.region), id));
    return json ? (JSON.parse(json) as Alert) : null;
  }

  /** The kept history of an alert's state changes, oldest first. */
  async transitions(region: string, id: string): Promise<AlertTransition[]> {
    const rows = await this.redis.lrange(this.keys.alertTransitions(region, id), 0, -1);
    return rows.map((json) => JSON.parse(json) as AlertTransition);
  }

  /**
   * Writes the changes of one region atomically, fenced by the lock: throws `AlertLockLostError`
   * (and writes nothing) when the lock is no longer held.
   */
  async save(lock: AlertLock, changes: AlertChanges): Promise<void> {
    const { put, remove, transitions, dropHistory } = changes;
    if (put.length + remove.length + transitions.length + dropHistory.length === 0) return;
    const { keys } = this;
    const region = lock.region;
    const extraKeys: string[] = [];
    const index = new Map<string, number>();
    // KEYS[1] is the lock and KEYS[2] the districts set: the rest start at 3 (Lua is 1-based).
    const keyIndex = (key: string) => {
      let i = index.get(key);
      if (i === undefined) {
        extraKeys.push(key);
        i = extraKeys.length + 2;
        index.set(key, i);
      }
      return i;
    };
    const districtOf = (id: string) => parseFingerprint(id)?.district ?? '';
    const hash = (district: string) => keyIndex(keys.districtAlerts(region, district));
    const list = (id: string) => keyIndex(keys.alertTransitions(region, id));
    const ops = {
      set: put.map((a) => [hash(a.district), a.district, a.id, JSON.stringify(a)]),
      del: remove.map((id) => [hash(districtOf(id)), id]),
      push: transitions.map((t) => [list(t.id), JSON.stringify(t)]),
      drop: dropHistory.map(list),
    };
    if (put.length > 0) await this.redis.sadd(keys.alertRegions(), region);
    const written = await this.redis.rsSaveAlerts(
      2 + extraKeys.length,
      keys.alertLock(region),
      keys.alertDistricts(region),
      ...extraKeys,
      lock.token,
      ALERT_TRANSITIONS_KEPT,
      TRANSITIONS_TTL_S,
      JSON.stringify(ops),
    );
    if (written !== 1) throw new AlertLockLostError(region);
  }

  /**
   * Acknowledges an alert as core's `decideAcknowledgement` decides, under the region's alert
   * lock, so an evaluation running at the same time cannot write the alert back without it.
   */
  async acknowledge(
    id: string,
    ack: { by: string; comment: string; at: Date },
  ): Promise<AckDecision> {
    const found = await this.get(id);
    if (!found) return { status: 'not_found' };
    return this.locks.withLock(found.region, async (lock) => {
      const json = await this.redis.hget(
        this.keys.districtAlerts(found.region, found.district),
        id,
      );
      const decision = decideAcknowledgement(json ? (JSON.parse(json) as Alert) : null, ack);
      if (decision.status === 'acked') {
        await this.save(lock, {
          put: [decision.alert],
          remove: [],
          transitions: [],
          dropHistory: [],
        });
      }
      return decision;
    });
  }
}
