import { aggregateScore } from '../ranking/rows';
import { addDays, localDate } from '../time';
import {
  regionToday,
  scoresAsOf,
  type ClosedDayMemo,
  type RegionByDay,
  type RegionHistory,
} from './as-of';

/** Closing scores of the last `days` closed days and the live score, per district and region. */
export interface DailyScores {
  today: string;
  /** The closed days, oldest first. */
  dates: string[];
  aggregate: { closing: number[] };
  /** District id → closing score per date of `dates`. */
  districts: Record<string, number[]>;
}

/**
 * The closing score of each district (and the region aggregate) on each of the `days` days
 * before today in the region's zone, each recomputed from the values accepted by that day's end.
 */
export function dailyClosingScores(
  byDay: RegionByDay,
  history: RegionHistory,
  days: number,
  now: Date,
  memo?: ClosedDayMemo,
): DailyScores {
  const region = regionToday(byDay);
  const today = localDate(now, region.timezone);
  const dates = Array.from({ length: days }, (_, i) => addDays(today, i - days));
  const districts: Record<string, number[]> = Object.fromEntries(
    region.districts.map((d) => [d.id, [] as number[]]),
  );
  const aggregate: number[] = [];
  for (const date of dates) {
    const scores = scoresAsOf(byDay, history, date, now, memo);
    for (const s of scores) districts[s.district]?.push(s.score);
    // A district the config of that day did not have yet scores 0 there, keeping rows aligned.
    for (const row of Object.values(districts))
      while (row.length < aggregate.length + 1) row.push(0);
    aggregate.push(aggregateScore(scores.map((s) => s.score)));
  }
  return { today, dates, aggregate: { closing: aggregate }, districts };
}
