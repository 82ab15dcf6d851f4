import type { District, Indicator, Region, Target } from '@region-score/contracts';

/** A region's districts, indicators and targets by id, for lookups on the hot path. */
export interface RegionIndex {
  districts: ReadonlyMap<string, District>;
  indicators: ReadonlyMap<string, Indicator>;
  /** Keyed `district/indicator/year`. */
  targets: ReadonlyMap<string, Target>;
}

// The config is immutable, so each region object is indexed once. A national deployment scores
// 200 districts × 50 indicators per region: searching the lists for every lookup made rescoring
// and alert evaluation grow with the size of the region.
const indexes = new WeakMap<Region, RegionIndex>();

export function regionIndex(region: Region): RegionIndex {
  let index = indexes.get(region);
  if (!index) {
    index = {
      districts: new Map(region.districts.map((d) => [d.id, d])),
      indicators: new Map(region.indicators.map((i) => [i.id, i])),
      targets: new Map(region.targets.map((t) => [`${t.district}/${t.indicator}/${t.year}`, t])),
    };
    indexes.set(region, index);
  }
  return index;
}
