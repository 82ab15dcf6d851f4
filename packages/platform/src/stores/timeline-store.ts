import type { Redis } from 'ioredis';
import type { Region } from '@region-score/contracts';
import type { AcceptedValue, RegionHistory } from '@region-score/core';
import type { KeySpace } from '../keys';
import { decodeValueRecord } from './records';

/**
 * Reads the value history kept per series (every applied value with its acceptance time, in
 * arrival order) for time travel: what a ranking or a district looked like at the end of a past
 * day is recomputed from it (see `rankingAsOf` in core).
 */
export class TimelineStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  /** Every accepted value of the given districts of `region` (all of them by default). */
  async region(region: Region, districts?: readonly string[]): Promise<RegionHistory> {
    const ids = districts ?? region.districts.map((d) => d.id);
    const series = ids.flatMap((district) =>
      region.indicators.map((indicator) => ({ district, indicator: indicator.id })),
    );
    // One LRANGE per series; the connection pipelines them (and a cluster routes each by slot).
    const lists = await Promise.all(
      series.map((s) =>
        this.redis.lrange(this.keys.audit(region.id, s.district, s.indicator), 0, -1),
      ),
    );
    const history: Record<string, Record<string, AcceptedValue[]>> = {};
    series.forEach((s, i) => {
      const perDistrict = (history[s.district] ??= {});
      perDistrict[s.indicator] = (lists[i] ?? []).map((raw) => {
        const { date, value, at } = decodeValueRecord(raw);
        return { date, value, at };
      });
    });
    return history;
  }
}
