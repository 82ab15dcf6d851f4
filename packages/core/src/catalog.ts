import type {
  District,
  Indicator,
  NationalSettings,
  Region,
  RegionConfig,
  Target,
} from '@region-score/contracts';
import { regionIndex } from './region-index';

/**
 * Fast look-ups over a loaded region config: which region a district belongs to (district ids
 * are unique across regions), an indicator of a region, the target of a district × indicator.
 */
export class RegionCatalog {
  readonly regions: readonly Region[];
  /** The national ranking's name and day zone. */
  readonly national: NationalSettings;
  private readonly regionById = new Map<string, Region>();
  private readonly districtIndex = new Map<string, { region: Region; district: District }>();
  private readonly indicatorIndex = new Map<string, Indicator>();

  constructor(config: RegionConfig) {
    this.regions = config.regions;
    this.national = config.national;
    for (const region of config.regions) {
      this.regionById.set(region.id, region);
      for (const district of region.districts)
        this.districtIndex.set(district.id, { region, district });
      for (const indicator of region.indicators)
        this.indicatorIndex.set(`${region.id}/${indicator.id}`, indicator);
    }
  }

  region(id: string): Region | undefined {
    return this.regionById.get(id);
  }

  /** The district and its region, by district id. */
  district(id: string): { region: Region; district: District } | undefined {
    return this.districtIndex.get(id);
  }

  indicator(region: string, id: string): Indicator | undefined {
    return this.indicatorIndex.get(`${region}/${id}`);
  }

  target(region: string, district: string, indicator: string, year: number): Target | undefined {
    // One index per region, shared with scoring (a national config holds 200,000 targets).
    const r = this.regionById.get(region);
    return r ? regionIndex(r).targets.get(`${district}/${indicator}/${year}`) : undefined;
  }
}
