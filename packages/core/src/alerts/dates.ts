/*
 * Day arithmetic on 'YYYY-MM-DD' strings, done in UTC so no time zone or daylight saving shift can
 * move a day. Kept private to the alerts: the scoring module has its own time helpers.
 */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date; NaN when the string is not a date. */
function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** `date` moved by `days` (may be negative). */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** First day of the calendar year `date` falls in: the default reporting period's start. */
export function yearStart(date: string): string {
  return `${date.slice(0, 4)}-01-01`;
}
