import type { Redis } from 'ioredis';
import type { Alert, AlertState, AlertTransition, Severity } from '@region-score/contracts';
import {
  compareAlerts,
  decideAcknowledgement,
  type AckDecision,
  type AlertChanges,
} from '@region-score/core';
import type { KeySpace } from '../keys';
import { AlertLockLostError, type AlertLock, type AlertLocks } from './alert-locks';

/*
 * Alerts in Redis.
 *
 * - `{r:<region>}:al`             hash fingerprint → Alert JSON (active and recently resolved)
 * - `{r:<region>}:alt:<id>`       list of AlertTransition JSON of one alert, oldest first, capped
 * - `<prefix>:al:regions`         set of regions with stored alerts
 *
 * Writes are fenced by the region's alert lock (see `AlertLocks`): the write script checks the
 * lock's token first, so a holder that stalled past the lock's expiry writes nothing.
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
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
    private readonly locks: AlertLocks,
  ) {}

  /** Every stored alert of a region (active and recently resolved), in no particular order. */
  async region(region: string): Promise<Alert[]> {
    const hash = await this.redis.hgetall(this.keys.alerts(region));
    return Object.values(hash).map((json) => JSON.parse(json) as Alert);
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
    const all = (await Promise.all(regions.map((r) => this.region(r)))).flat();
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
    const regions = await this.redis.smembers(this.keys.alertRegions());
    const found = await Promise.all(regions.map((r) => this.redis.hget(this.keys.alerts(r), id)));
    const json = found.find((j) => j !== null);
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
    if (put.length > 0) await this.redis.sadd(keys.alertRegions(), region);
    const written = await this.redis.rsSaveAlerts(
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
      const json = await this.redis.hget(this.keys.alerts(found.region), id);
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
