import type { AsOfBasis, ConfigVersion, DistrictScore, Region } from '@region-score/contracts';
import {
  METHODOLOGY_VERSION,
  asOfProblem,
  basisOf,
  closeOfDay,
  regionUnder,
  versionAt,
  type ClosedDayMemo,
  type RegionByDay,
  type RegionCatalog,
  type RegionHistory,
} from '@region-score/core';
import { TimelineStore, type Platform } from '@region-score/platform';
import { badRequest } from './errors';

/** Closed region-days whose scores are kept (a region-day of 40 districts is ~100 kB). */
const MEMO_LIMIT = 1000;

/** A region at a past day, ready to be recomputed: its configs by day, its history, the basis. */
export interface PastDay {
  /** Each day's config: the version in force at its end (see `regionUnder`). */
  byDay: RegionByDay;
  history: RegionHistory;
  /** What `date` is recomputed with, for the reply. */
  basis: AsOfBasis;
}

/** What the time-travel routes of one platform share. */
export interface TimeTravel {
  /** The value-history reader, its cache of decoded history held once. */
  timeline: TimelineStore;
  /** The scores of closed days, computed once (they never change). */
  memo: ClosedDayMemo;
  /**
   * Checks `asOf` for `region` (a 400 naming the field when it is not a past or current day)
   * and loads what recomputing it needs. The one place the routes handle `asOf`.
   */
  day(region: Region, asOf: string, now: Date): Promise<PastDay>;
  /**
   * Each region's configs by day, without checking a date (daily history), and the version
   * number each day is scored under (0: none stored).
   */
  configsOf(
    region: Region,
    now: Date,
  ): Promise<{ byDay: RegionByDay; versionOn: (date: string) => number }>;
  /** Like `day`, with `asOf` already checked (in another zone: the national view). */
  dayUnchecked(region: Region, asOf: string, now: Date): Promise<PastDay>;
}

const shared = new WeakMap<Platform, TimeTravel>();

/** The config each day of `region` is scored under, from its stored versions. */
function byDayOf(region: Region, versions: readonly ConfigVersion[], now: Date): RegionByDay {
  if (versions.length === 0) return region;
  const built = new Map<number, Region>();
  const under = (v: ConfigVersion) => {
    let found = built.get(v.version);
    if (!found) built.set(v.version, (found = regionUnder(region, v)));
    return found;
  };
  return {
    today: region,
    on: (date) => {
      const v = versionAt(versions, closeOfDay(date, region.timezone, now).getTime());
      return v ? under(v) : region;
    },
  };
}

/** The time-travel state of a platform, shared by rankings, districts, history and exports. */
export function timeTravelOf(platform: Platform): TimeTravel {
  let found = shared.get(platform);
  if (!found) {
    const days = new Map<string, readonly DistrictScore[]>();
    const timeline = new TimelineStore(platform.redis, platform.keys);
    const configsOf = async (region: Region, now: Date) => {
      const versions = await platform.configHistory.versions(region.id);
      return {
        byDay: byDayOf(region, versions, now),
        versionOn: (date: string) =>
          versionAt(versions, closeOfDay(date, region.timezone, now).getTime())?.version ?? 0,
      };
    };
    const dayUnchecked = async (region: Region, asOf: string, now: Date): Promise<PastDay> => {
      const [versions, history] = await Promise.all([
        platform.configHistory.versions(region.id),
        timeline.region(region),
      ]);
      const at = closeOfDay(asOf, region.timezone, now).getTime();
      return {
        byDay: byDayOf(region, versions, now),
        history,
        basis: basisOf(asOf, versionAt(versions, at), at, METHODOLOGY_VERSION),
      };
    };
    found = {
      timeline,
      memo: {
        get: (key) => days.get(key),
        set: (key, scores) => {
          if (days.size >= MEMO_LIMIT) days.delete(days.keys().next().value as string);
          days.set(key, scores);
        },
      },
      configsOf,
      async day(region, asOf, now) {
        const problem = asOfProblem(asOf, region.timezone, now);
        if (problem) throw badRequest(`asOf: ${problem}`);
        return dayUnchecked(region, asOf, now);
      },
      dayUnchecked,
    };
    shared.set(platform, found);
  }
  return found;
}

/**
 * Stores the scoring config of every region the API runs with as a new version when it differs
 * from the latest stored one (or the methodology version does), in force from `now`. Run when
 * the API starts; atomic per region, so API nodes starting together store one version.
 */
export async function recordConfigVersions(
  platform: Platform,
  catalog: RegionCatalog,
  now: Date,
): Promise<{ region: string; version: number; stored: boolean }[]> {
  return Promise.all(
    catalog.regions.map(async (region) => ({
      region: region.id,
      ...(await platform.configHistory.record(region, now, METHODOLOGY_VERSION)),
    })),
  );
}
