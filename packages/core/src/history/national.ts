import type { LocalizedName, NationalRanking } from '@region-score/contracts';
import { aggregateRows, nationalRanking, nationalRow, rankingRow } from '../ranking/rows';
import { addDays } from '../time';
import {
  closeOfDay,
  regionOn,
  regionToday,
  scoresAsOf,
  type ClosedDayMemo,
  type RegionByDay,
  type RegionHistory,
} from './as-of';

/**
 * The national ranking of regions as it stood at the close of `date`: each region's aggregate
 * recomputed from its values accepted by the end of that day in its own zone; rank changes
 * against the day before, recomputed the same way. `histories` holds each region's history by id.
 */
export function nationalAsOf(
  name: LocalizedName,
  regions: readonly RegionByDay[],
  histories: Readonly<Record<string, RegionHistory>>,
  date: string,
  now: Date,
  memo?: ClosedDayMemo,
): NationalRanking {
  const rowsOf = (day: string) =>
    regions.map((byDay) => {
      const region = regionOn(byDay, day);
      const scores = scoresAsOf(region, histories[region.id] ?? {}, day, now, memo);
      const rows = region.districts.map((d, i) => rankingRow(d, scores[i]));
      return nationalRow(region, aggregateRows(rows, region.scoring.thresholds));
    });
  const at = (day: string) =>
    new Date(
      Math.max(...regions.map((r) => closeOfDay(day, regionToday(r).timezone, now).getTime()), 0),
    );
  const before = addDays(date, -1);
  const previous = Object.fromEntries(
    nationalRanking(name, rowsOf(before), {}, at(before)).entries.map((e) => [e.id, e.rank]),
  );
  return nationalRanking(name, rowsOf(date), previous, at(date));
}
