import { setTimeout as delay } from 'node:timers/promises';
import type { DatedValue } from '@region-score/core';
import type { ValueStore } from '@region-score/platform';

interface Entry {
  version: number;
  /** Every indicator of the region: current value per date. */
  values: Map<string, Map<string, number>>;
}

/** A district's current values as one version of its data. */
export interface DistrictSnapshot {
  version: number;
  values: Record<string, DatedValue[]>;
}

/** Longest a job waits for the previous job of the same district in this process. */
export const EXCLUSIVE_WAIT_MS = 2000;

/** Districts kept by default: a national deployment (20 × 200) fits whole. */
export const DISTRICTS_KEPT = 5000;

/**
 * The current values of recently written districts, kept in the worker so neither the quality gate
 * nor the rescoring reads a district's whole series from Redis for every value: a district is read
 * once (every indicator of its region, one MULTI), then kept current by this process's own writes.
 *
 * An entry is only a guess: another worker may have written since. Each use checks it against the
 * district's data version — the gate through the write script's version check (a mismatch drops
 * the entry and reads again), the rescoring by reading the versions of a flush's districts in one
 * HMGET. A score computed from an entry carries the entry's version, so even a stale one could
 * never overwrite a newer score. Bounded, least recently used out.
 */
export class DistrictValues {
  private readonly entries = new Map<string, Entry>();
  /** The last task queued per district (see `exclusive`). */
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: Pick<ValueStore, 'districtState'>,
    /** Every indicator id of a region (what an entry holds). */
    private readonly indicatorsOf: (region: string) => readonly string[],
    private readonly max = DISTRICTS_KEPT,
  ) {}

  /**
   * Runs `task` once the tasks queued before it for the same district are done; tasks of other
   * districts run meanwhile. Concurrent jobs of this process then never judge a district against
   * values another of its jobs is writing, so the version check fails only when another process
   * wrote: without it, 16 concurrent jobs on the same districts kept refusing each other's writes.
   *
   * The wait is bounded (`EXCLUSIVE_WAIT_MS`): it is an optimisation, correctness rests on the
   * version check, so a task stuck on a Redis failover never holds the district's later jobs
   * (BullMQ retries the stuck job; without the bound its retry would queue behind it forever).
   */
  exclusive<T>(region: string, district: string, task: () => Promise<T>): Promise<T> {
    const key = `${region}/${district}`;
    const previous = this.tails.get(key);
    const turn = previous
      ? Promise.race([previous, delay(EXCLUSIVE_WAIT_MS, undefined, { ref: false })])
      : Promise.resolve();
    const run = turn.then(task);
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }

  /** The district's data version and the current values of `indicators` (read if not kept). */
  async get(
    region: string,
    district: string,
    indicators: readonly string[],
  ): Promise<{ version: number; current: Record<string, DatedValue[]> }> {
    const entry = this.kept(region, district) ?? (await this.read(region, district));
    return { version: entry.version, current: datedValues(entry, indicators) };
  }

  /**
   * The district's values for scoring: the kept entry when its version is `version` (the stored
   * data version, read by the caller), otherwise read again.
   */
  async snapshot(
    region: string,
    district: string,
    indicators: readonly string[],
    version: number,
  ): Promise<DistrictSnapshot> {
    let entry = this.kept(region, district);
    if (!entry || entry.version !== version) entry = await this.read(region, district);
    return { version: entry.version, values: datedValues(entry, indicators) };
  }

  /** Records a successful write: the values that became current and the new version. */
  written(
    region: string,
    district: string,
    version: number,
    current: readonly { indicator: string; date: string; value: number }[],
  ): void {
    const entry = this.entries.get(`${region}/${district}`);
    if (!entry) return;
    entry.version = version;
    for (const v of current) {
      let dates = entry.values.get(v.indicator);
      if (!dates) entry.values.set(v.indicator, (dates = new Map()));
      dates.set(v.date, v.value);
    }
  }

  /** Forgets a district (another path wrote it, or a write was refused). */
  forget(region: string, district: string): void {
    this.entries.delete(`${region}/${district}`);
  }

  /** The kept entry, now the most recently used, or undefined. */
  private kept(region: string, district: string): Entry | undefined {
    const key = `${region}/${district}`;
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  private async read(region: string, district: string): Promise<Entry> {
    const state = await this.store.districtState(region, district, this.indicatorsOf(region));
    const entry: Entry = {
      version: state.version,
      values: new Map(
        Object.entries(state.values).map(([i, list]) => [
          i,
          new Map(list.map((v) => [v.date, v.value])),
        ]),
      ),
    };
    const key = `${region}/${district}`;
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return entry;
  }
}

function datedValues(entry: Entry, indicators: readonly string[]): Record<string, DatedValue[]> {
  const out: Record<string, DatedValue[]> = {};
  for (const i of indicators) {
    const dates = entry.values.get(i);
    out[i] = dates ? Array.from(dates, ([date, value]) => ({ date, value })) : [];
  }
  return out;
}
