import type { DistrictScore } from '@region-score/contracts';
import type { ClosedDayMemo } from '@region-score/core';
import { TimelineStore, type Platform } from '@region-score/platform';

/** Closed region-days whose scores are kept (a region-day of 40 districts is ~100 kB). */
const MEMO_LIMIT = 1000;

/** What the time-travel routes of one platform share. */
export interface TimeTravel {
  /** The value-history reader, its cache of decoded history held once. */
  timeline: TimelineStore;
  /** The scores of closed days, computed once (they never change). */
  memo: ClosedDayMemo;
}

const shared = new WeakMap<Platform, TimeTravel>();

/** The time-travel state of a platform, shared by rankings, districts, history and exports. */
export function timeTravelOf(platform: Platform): TimeTravel {
  let found = shared.get(platform);
  if (!found) {
    const days = new Map<string, readonly DistrictScore[]>();
    found = {
      timeline: new TimelineStore(platform.redis, platform.keys),
      memo: {
        get: (key) => days.get(key),
        set: (key, scores) => {
          if (days.size >= MEMO_LIMIT) days.delete(days.keys().next().value as string);
          days.set(key, scores);
        },
      },
    };
    shared.set(platform, found);
  }
  return found;
}
