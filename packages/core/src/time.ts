/**
 * Calendar and time-zone arithmetic for the scoring period.
 *
 * Every function takes the instant and the zone as parameters: the core never reads the clock, so
 * a score can be recomputed for any moment and tested without faking time. Zones are handled with
 * `Intl.DateTimeFormat`, which knows every IANA zone and its DST history.
 */

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A span of time scores are measured over: one calendar year in the region's zone. */
export interface Period {
  year: number;
  /** Local midnight of 1 January. */
  start: Date;
  /** Local midnight of 1 January of the next year (exclusive). */
  end: Date;
}

/**
 * Whether `date` is a `YYYY-MM-DD` string naming a real calendar date (`2025-02-29` is not).
 * Reported dates come from users; this is the one check every other date function relies on.
 */
export function isRealDate(date: string): boolean {
  const parts = DATE_PATTERN.exec(date);
  if (!parts) return false;
  const year = Number(parts[1]);
  const month = Number(parts[2]);
  const day = Number(parts[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The calendar date (`YYYY-MM-DD`) the instant `at` falls on in `timezone`. */
export function localDate(at: Date, timezone: string): string {
  const wall = new Date(at.getTime() + cachedOffset(at.getTime(), timezone));
  return formatDate(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate());
}

/** The calendar year the instant `at` falls in, in `timezone`: the year being scored. */
export function currentYear(at: Date, timezone: string): number {
  return new Date(at.getTime() + cachedOffset(at.getTime(), timezone)).getUTCFullYear();
}

// `formatToParts` costs microseconds and the API checks every reported date against "today";
// a zone's offset is constant within a 15-minute window unless a transition falls inside it,
// which is checked, so the offset of each window is remembered.
const OFFSET_WINDOW_MS = 15 * 60_000;
const OFFSET_CACHE_SIZE = 100_000;
const offsets = new Map<string, number>();

function cachedOffset(instant: number, timezone: string): number {
  const window = Math.floor(instant / OFFSET_WINDOW_MS);
  const key = `${timezone} ${window}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const start = window * OFFSET_WINDOW_MS;
  const offset = offsetAt(start, timezone);
  // A transition inside the window: answer exactly and remember nothing.
  if (offsetAt(start + OFFSET_WINDOW_MS - 1000, timezone) !== offset)
    return offsetAt(instant, timezone);
  if (offsets.size >= OFFSET_CACHE_SIZE) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/**
 * The instant `date` begins in `timezone`: local midnight, or, in the rare zones whose DST jump
 * skips midnight, the first instant that exists on that date.
 */
export function dateStart(date: string, timezone: string): Date {
  const key = `${timezone} ${date}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    // The cache only bounds memory; a cleared entry is recomputed identically.
    if (dayStarts.size >= DAY_START_CACHE_SIZE) dayStarts.clear();
    start = findDayStart(date, timezone);
    dayStarts.set(key, start);
  }
  return new Date(start);
}

// Forecasts ask for the start of every reported date on every rescoring, and each lookup costs a
// few formatter calls; the answers never change, so they are remembered.
const DAY_START_CACHE_SIZE = 50_000;
const dayStarts = new Map<string, number>();

function findDayStart(date: string, timezone: string): number {
  const wall = utcMidnight(date);
  // Offsets a day either side cover a transition on this very day; each candidate is valid only
  // if the zone really shows midnight at that instant.
  const offsets = new Set([DAY_MS, 0, -DAY_MS].map((d) => offsetAt(wall + d, timezone)));
  const valid = [...offsets]
    .map((offset) => wall - offset)
    .filter((instant) => offsetAt(instant, timezone) === wall - instant);
  if (valid.length > 0) return Math.min(...valid);
  // Midnight falls in a DST gap: the day starts at the transition, found by bisection.
  let before = wall - Math.max(...offsets);
  let after = wall - Math.min(...offsets);
  while (after - before > 1) {
    const mid = Math.floor((before + after) / 2);
    if (localDate(new Date(mid), timezone) >= date) after = mid;
    else before = mid;
  }
  return after;
}

/** `date` moved by a whole number of calendar `days` (negative moves back); zone-independent. */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  const moved = new Date(utcMidnight(date) + days * DAY_MS);
  return formatDate(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

/** Whole calendar days from `a` to `b` (`b − a`; negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((utcMidnight(b) - utcMidnight(a)) / DAY_MS);
}

/** 1 January of the calendar year `date` falls in: the default period's first day. */
export function startOfYear(date: string): string {
  return `${date.slice(0, 4)}-01-01`;
}

/** The scoring period of `year` in `timezone`: local midnight 1 January to the next one. */
export function periodOf(year: number, timezone: string): Period {
  return {
    year,
    start: dateStart(formatDate(year, 1, 1), timezone),
    end: dateStart(formatDate(year + 1, 1, 1), timezone),
  };
}

/**
 * Share of `period` elapsed at `at`, clamped to [0, 1]: the `f(t)` of the plan to date. Measured
 * in real time, so a DST day counts as 23 or 25 hours, as it did for the people reporting.
 */
export function elapsedFraction(period: Period, at: Date): number {
  const length = period.end.getTime() - period.start.getTime();
  const fraction = (at.getTime() - period.start.getTime()) / length;
  return Math.min(1, Math.max(0, fraction));
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Building a formatter is costly and scoring asks the same few zones thousands of times.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

function wallClock(instant: number, timezone: string): WallClock {
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timezone).formatToParts(instant)) fields[part.type] = part.value;
  const year = Number(fields.year);
  return {
    // 'en-US' numbers years before the common era from 1 down: 1 BC is astronomical year 0.
    year: fields.era === 'BC' ? 1 - year : year,
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour),
    minute: Number(fields.minute),
    second: Number(fields.second),
  };
}

/** Milliseconds the zone's wall clock is ahead of UTC at `instant`. */
function offsetAt(instant: number, timezone: string): number {
  const w = wallClock(instant, timezone);
  const wall =
    utcInstant(w.year, w.month, w.day) + ((w.hour * 60 + w.minute) * 60 + w.second) * 1000;
  // The formatter drops milliseconds, so compare against the instant truncated to the second.
  return wall - (instant - mod(instant, 1000));
}

function utcMidnight(date: string): number {
  if (!isRealDate(date)) throw new RangeError(`Not a real YYYY-MM-DD date: "${date}"`);
  return utcInstant(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

function utcInstant(year: number, month: number, day: number): number {
  const d = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}
