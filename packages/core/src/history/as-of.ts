import type { DistrictScore, Region, RegionRanking } from '@region-score/contracts';
import { rankingRow, regionRanking } from '../ranking/rows';
import { scoreDistrict } from '../scoring/district-score';
import { addDays, dateStart, isRealDate, localDate } from '../time';
import { valuesKnownAt, versionKnownAt, type AcceptedValue } from './known-values';

/**
 * A region and the config each past day is scored under (the version in force at its end, see
 * `regionUnder`); a plain `Region` scores every day with that one config.
 */
export type RegionByDay = Region | { readonly today: Region; on(date: string): Region };

/** The config `date` is scored under. */
export function regionOn(region: RegionByDay, date: string): Region {
  return 'on' in region ? region.on(date) : region;
}

/** Today's config of the region (ids, zone and names of the reply). */
export function regionToday(region: RegionByDay): Region {
  return 'today' in region ? region.today : region;
}

/** Every accepted value of a region: district id → indicator id → values in arrival order. */
export type RegionHistory = Readonly<
  Record<string, Readonly<Record<string, readonly AcceptedValue[]>>>
>;

/**
 * The moment a day is closed: the last millisecond of `date` in `timezone`, or `now` when the day
 * is today (its end has not come yet).
 */
export function closeOfDay(date: string, timezone: string, now: Date): Date {
  const end = dateStart(addDays(date, 1), timezone).getTime() - 1;
  return new Date(Math.min(end, now.getTime()));
}

/**
 * Why `date` cannot be travelled to, or null when it can: it must be a real calendar date, not
 * after today in the region's zone.
 */
export function asOfProblem(date: string, timezone: string, now: Date): string | null {
  if (!isRealDate(date)) return `"${date}" is not a calendar date (YYYY-MM-DD)`;
  if (date > localDate(now, timezone)) return `"${date}" is in the future`;
  return null;
}

/** The same day a year before `date` (YYYY-MM-DD; 29 February: the 28th), for year over year. */
export function yearBefore(date: string): string {
  const [y, m, d] = date.split('-');
  return `${Number(y) - 1}-${m}-${m === '02' && d === '29' ? '28' : d}`;
}

/** A district's score at `at`, from the values the service had accepted by then. */
export function scoreKnownAt(
  region: Region,
  district: string,
  history: RegionHistory,
  at: Date,
): DistrictScore {
  const perIndicator = history[district] ?? {};
  const cutoff = at.getTime();
  const values: Record<string, ReturnType<typeof valuesKnownAt>> = {};
  let version = 0;
  for (const [indicator, accepted] of Object.entries(perIndicator)) {
    values[indicator] = valuesKnownAt(accepted, cutoff);
    version += versionKnownAt(accepted, cutoff);
  }
  return scoreDistrict({ region, district, values, at, version });
}

/**
 * Where the scores of closed days can be kept: a closed day's scores never change (a value
 * accepted now is stamped now, after the day's end), so they are computed once. Keyed by region
 * and date; the caller bounds its size.
 */
export interface ClosedDayMemo {
  get(key: string): readonly DistrictScore[] | undefined;
  set(key: string, scores: readonly DistrictScore[]): void;
}

/** Every district's score at the close of `date`, as known then. */
export function scoresAsOf(
  byDay: RegionByDay,
  history: RegionHistory,
  date: string,
  now: Date,
  memo?: ClosedDayMemo,
): DistrictScore[] {
  const region = regionOn(byDay, date);
  const at = closeOfDay(date, region.timezone, now);
  const closed = at.getTime() < now.getTime();
  const key = `${region.id}/${date}`;
  const known = closed ? memo?.get(key) : undefined;
  if (known) return [...known];
  const scores = region.districts.map((d) => scoreKnownAt(region, d.id, history, at));
  if (closed) memo?.set(key, scores);
  return scores;
}

/**
 * The region's ranking as it stood at the close of `date`, recomputed from the values accepted by
 * then; rank changes are against the close of the day before, recomputed the same way. Rows carry
 * no sparkline (see the daily history for the days around it).
 */
export function rankingAsOf(
  byDay: RegionByDay,
  history: RegionHistory,
  date: string,
  now: Date,
  memo?: ClosedDayMemo,
): { ranking: RegionRanking; scores: DistrictScore[] } {
  const rank = (day: string) => {
    const region = regionOn(byDay, day);
    const scores = scoresAsOf(region, history, day, now, memo);
    const rows = region.districts.map((d, i) => rankingRow(d, scores[i]));
    const at = closeOfDay(day, region.timezone, now);
    return { region, scores, rows, at };
  };
  const before = rank(addDays(date, -1));
  const previousRanks = Object.fromEntries(
    regionRanking(before.region, before.rows, {}, before.at).entries.map((e) => [e.id, e.rank]),
  );
  const then = rank(date);
  return {
    ranking: regionRanking(then.region, then.rows, previousRanks, then.at),
    scores: then.scores,
  };
}
