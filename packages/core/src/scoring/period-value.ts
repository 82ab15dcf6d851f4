import type { Indicator } from '@region-score/contracts';
import { isRealDate, localDate, type Period } from '../time';

/**
 * The current value reported for one date (corrections already resolved by the caller, so at
 * most one per date). Arrays of these may be unsorted and may reach outside the period.
 */
export interface DatedValue {
  date: string;
  value: number;
}

// A district's rescoring asks this for every indicator, twice (value and forecast), with the same
// period object: its two dates are worked out once per period and zone, not 200 times.
const boundaries = new WeakMap<Period, { timezone: string; dates: [string, string] }>();

function periodDates(period: Period, timezone: string): [string, string] {
  const known = boundaries.get(period);
  if (known?.timezone === timezone) return known.dates;
  const dates: [string, string] = [
    localDate(period.start, timezone),
    localDate(period.end, timezone),
  ];
  boundaries.set(period, { timezone, dates });
  return dates;
}

/**
 * The values dated within `period` (in `timezone`), oldest first.
 *
 * Values whose date is not a real calendar date or whose value is not finite are dropped too: one
 * malformed entry must not turn a whole district score into NaN. Among entries with the same date
 * the later array entry comes last, so it is the one `level` mode keeps.
 */
export function valuesInPeriod(
  values: readonly DatedValue[],
  period: Period,
  timezone: string,
): DatedValue[] {
  // A date belongs to the period when it is on or after the period's first local date and before
  // the next period's; comparing YYYY-MM-DD strings compares the calendar dates.
  const [first, next] = periodDates(period, timezone);
  return values
    .filter((v) => isRealDate(v.date) && Number.isFinite(v.value))
    .filter((v) => v.date >= first && v.date < next)
    .map((v, index) => ({ v, index }))
    .sort((a, b) => (a.v.date < b.v.date ? -1 : a.v.date > b.v.date ? 1 : a.index - b.index))
    .map(({ v }) => v);
}

/**
 * The indicator's value for the period and the date it stands at, or null when nothing is dated
 * in the period.
 *
 * `level`: the value with the latest date (a late-arriving older report never overrides a newer
 * one). `sum`: the values are increments, so their total, dated at the latest of them.
 */
export function periodValue(
  indicator: Indicator,
  values: readonly DatedValue[],
  period: Period,
  timezone: string,
): { value: number; date: string } | null {
  const inPeriod = valuesInPeriod(values, period, timezone);
  const latest = inPeriod.at(-1);
  if (!latest) return null;
  if (indicator.mode === 'level') return { value: latest.value, date: latest.date };
  return { value: inPeriod.reduce((sum, v) => sum + v.value, 0), date: latest.date };
}
