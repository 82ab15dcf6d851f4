import type { Redis } from 'ioredis';
import type { Region } from '@region-score/contracts';
import type { AcceptedValue, RegionHistory } from '@region-score/core';
import type { KeySpace } from '../keys';
import { decodeValueRecord } from './records';

/** Most history entries kept decoded in memory before the cache starts over. */
const CACHE_LIMIT = 2_000_000;

/**
 * Reads the value history kept per series (every applied value with its acceptance time, in
 * arrival order) for time travel: what a ranking or a district looked like at the end of a past
 * day is recomputed from it (see `rankingAsOf` in core).
 *
 * The lists only ever grow at the end (RPUSH), so each series is read once and afterwards only
 * its new tail: a wall refreshing its sparklines, or an analyst stepping through days, costs
 * Redis the values added since the last read, not the whole year.
 */
export class TimelineStore {
  private readonly cache = new Map<string, AcceptedValue[]>();
  private cached = 0;

  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  /** Every accepted value of the given districts of `region` (all of them by default). */
  async region(region: Region, districts?: readonly string[]): Promise<RegionHistory> {
    const ids = districts ?? region.districts.map((d) => d.id);
    const series = ids.flatMap((district) =>
      region.indicators.map((indicator) => ({
        district,
        indicator: indicator.id,
        key: this.keys.audit(region.id, district, indicator.id),
      })),
    );
    if (this.cached > CACHE_LIMIT) {
      this.cache.clear();
      this.cached = 0;
    }
    // One LRANGE per series from where the last read ended; the connection pipelines them (and a
    // cluster routes each by slot).
    const lists = await Promise.all(series.map((s) => this.read(s.key)));
    const history: Record<string, Record<string, AcceptedValue[]>> = {};
    series.forEach((s, i) => {
      const perDistrict = (history[s.district] ??= {});
      perDistrict[s.indicator] = lists[i] ?? [];
    });
    return history;
  }

  private async read(key: string): Promise<AcceptedValue[]> {
    let known = this.cache.get(key) ?? [];
    const [length, tail] = await Promise.all([
      this.redis.llen(key),
      this.redis.lrange(key, known.length, -1),
    ]);
    if (length < known.length) {
      // The list was removed or rebuilt (a data reset): read it again from the start.
      this.cache.delete(key);
      known = [];
      return this.read(key);
    }
    if (tail.length === 0) return known;
    const list = known.concat(
      tail.map((raw) => {
        const { date, value, at } = decodeValueRecord(raw);
        return { date, value, at };
      }),
    );
    this.cache.set(key, list);
    this.cached += tail.length;
    return list;
  }
}
