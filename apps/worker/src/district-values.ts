import { setTimeout as delay } from 'node:timers/promises';
import type { DatedValue } from '@region-score/core';
import type { ValueStore } from '@region-score/platform';

interface Entry {
  version: number;
  values: Map<string, Map<string, number>>;
}

/**
 * The current values of recently written districts, kept in the worker so the quality gate does
 * not read a district's whole series before every write. An entry is only a guess: the write
 * script checks the district's data version the gate judged against, and a mismatch (another
 * worker wrote meanwhile) drops the entry and reads again. Bounded, least recently used out.
 */
/** Longest a job waits for the previous job of the same district in this process. */
export const EXCLUSIVE_WAIT_MS = 2000;

export class DistrictValues {
  private readonly entries = new Map<string, Entry>();
  /** The last task queued per district (see `exclusive`). */
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: Pick<ValueStore, 'districtState'>,
    private readonly max = 5000,
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

  /** The district's data version and the current values of `indicators`. */
  async get(
    region: string,
    district: string,
    indicators: readonly string[],
  ): Promise<{ version: number; current: Record<string, DatedValue[]> }> {
    const key = `${region}/${district}`;
    let entry = this.entries.get(key);
    if (!entry || indicators.some((i) => !entry?.values.has(i))) {
      const wanted = [...new Set([...(entry?.values.keys() ?? []), ...indicators])];
      const state = await this.store.districtState(region, district, wanted);
      entry = {
        version: state.version,
        values: new Map(
          Object.entries(state.values).map(([i, list]) => [
            i,
            new Map(list.map((v) => [v.date, v.value])),
          ]),
        ),
      };
    }
    // Re-insert: the map's order is the recency order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const current: Record<string, DatedValue[]> = {};
    for (const i of indicators) {
      current[i] = [...(entry.values.get(i) ?? new Map<string, number>())].map(([date, value]) => ({
        date,
        value,
      }));
    }
    return { version: entry.version, current };
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
    for (const v of current) entry.values.get(v.indicator)?.set(v.date, v.value);
  }

  /** Forgets a district (another path wrote it, or a write was refused). */
  forget(region: string, district: string): void {
    this.entries.delete(`${region}/${district}`);
  }
}
