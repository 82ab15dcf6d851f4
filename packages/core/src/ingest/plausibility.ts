import type { Indicator, QuarantineReason, Target } from '@region-score/contracts';
import type { DatedValue } from '../scoring/period-value';

/*
 * The quality gate. Beside the hard `range`, which refuses a value, each indicator has a
 * plausibility rule: a value that moves too far from the previous one (`level`), or a single
 * increment larger than is believable (`sum`), is accepted into quarantine: stored and shown as
 * awaiting review, but not counted until an analyst releases it. A typo (road quality 8 instead
 * of 80) so never throws a district to the bottom of the wall before someone has looked.
 */

/** The limits of one indicator, defaults filled; null means no such limit. */
export interface PlausibilitySettings {
  enabled: boolean;
  /** `level`: most a value may move from the previous one, in the indicator's unit. */
  maxJump: number | null;
  /** `level`: most it may move in % of the smaller of the two (200: triple, or fall to a third). */
  maxJumpPct: number | null;
  /** `sum`: the largest single increment. */
  maxIncrement: number | null;
}

/** Default jump of a percentage indicator, in percentage points. */
export const DEFAULT_MAX_JUMP_POINTS = 25;
/** Default relative jump of a `level` indicator in any other unit. */
export const DEFAULT_MAX_JUMP_PCT = 200;

/**
 * The plausibility limits of an indicator for a district's year. Defaults by unit and mode:
 * a `%` indicator may move 25 points between reports; another `level` indicator may triple or
 * fall to a third (200 %); a `sum` increment may not exceed the district's target for the year
 * (when it is positive). `plausibility.enabled: false` switches the gate off for the indicator.
 */
export function plausibilityOf(
  indicator: Indicator,
  target: Pick<Target, 'target' | 'baseline'> | undefined,
): PlausibilitySettings {
  const cfg = indicator.plausibility ?? {};
  const enabled = cfg.enabled ?? true;
  if (indicator.mode === 'sum') {
    const yearly = target && target.target - (target.baseline ?? 0);
    const fallback = yearly !== undefined && yearly > 0 ? yearly : null;
    return { enabled, maxJump: null, maxJumpPct: null, maxIncrement: cfg.maxIncrement ?? fallback };
  }
  const explicit = cfg.maxJump !== undefined || cfg.maxJumpPct !== undefined;
  const percent = indicator.unit.trim() === '%';
  return {
    enabled,
    maxJump: cfg.maxJump ?? (!explicit && percent ? DEFAULT_MAX_JUMP_POINTS : null),
    maxJumpPct: cfg.maxJumpPct ?? (!explicit && !percent ? DEFAULT_MAX_JUMP_PCT : null),
    maxIncrement: null,
  };
}

/** One value to screen. */
export interface ScreenedValue {
  indicator: string;
  date: string;
  value: number;
}

export interface ScreenContext {
  /** The district's indicators by id (values of others pass: they are refused elsewhere). */
  indicators: ReadonlyMap<string, Indicator>;
  /** The district's target of an indicator for a year (its baseline is the first reference). */
  target: (indicator: string, year: number) => Pick<Target, 'target' | 'baseline'> | undefined;
  /** The district's current value per date, per indicator (as scoring reads them). */
  current: Readonly<Record<string, readonly DatedValue[]>>;
}

const num = (x: number) => String(Math.round(x * 100) / 100);

/**
 * Screens the values of one district against its current values: for each value, `null` when it
 * may be applied, else why it goes to quarantine. Pure.
 *
 * A `level` value is compared with the nearest earlier-dated value (the current ones and the
 * values of this batch already let through), else the nearest later one, else the baseline of the
 * year's target; with none of those there is nothing to compare and it passes. A held value is
 * never the reference of another. A `sum` value is compared with the largest increment.
 */
export function screenValues(
  values: readonly ScreenedValue[],
  ctx: ScreenContext,
): (QuarantineReason | null)[] {
  const result: (QuarantineReason | null)[] = values.map(() => null);
  const series = new Map<string, Map<string, number>>();
  const seriesOf = (indicator: string) => {
    let s = series.get(indicator);
    if (!s) {
      s = new Map((ctx.current[indicator] ?? []).map((v) => [v.date, v.value]));
      series.set(indicator, s);
    }
    return s;
  };
  // In date order, so a batch of months is judged month after month.
  const order = values
    .map((v, i) => ({ v, i }))
    .sort((a, b) => (a.v.date < b.v.date ? -1 : a.v.date > b.v.date ? 1 : a.i - b.i));
  for (const { v, i } of order) {
    const indicator = ctx.indicators.get(v.indicator);
    if (!indicator) continue;
    const year = Number(v.date.slice(0, 4));
    const target = ctx.target(v.indicator, year);
    const s = plausibilityOf(indicator, target);
    if (!s.enabled) continue;
    const unit = indicator.unit.trim() === '%' ? ' points' : ` ${indicator.unit}`;
    if (indicator.mode === 'sum') {
      if (s.maxIncrement !== null && v.value > s.maxIncrement) {
        result[i] = {
          code: 'increment',
          limit: s.maxIncrement,
          previous: null,
          message: `a single increment of ${num(v.value)}${unit} is more than ${num(s.maxIncrement)}`,
        };
      }
      continue;
    }
    const known = seriesOf(v.indicator);
    const previous = reference(known, v.date, target?.baseline, year);
    if (previous) {
      const delta = Math.abs(v.value - previous.value);
      const small = Math.min(Math.abs(v.value), Math.abs(previous.value));
      const sameSign =
        Math.sign(v.value) === Math.sign(previous.value) || v.value === 0 || previous.value === 0;
      const pct = delta === 0 ? 0 : small === 0 || !sameSign ? Infinity : (delta / small) * 100;
      const from = `from ${num(previous.value)} on ${previous.date}`;
      if (s.maxJump !== null && delta > s.maxJump) {
        result[i] = {
          code: 'jump',
          limit: s.maxJump,
          previous,
          message: `moved ${num(delta)}${unit} ${from} (limit ${num(s.maxJump)})`,
        };
      } else if (s.maxJumpPct !== null && previous.value !== 0 && pct > s.maxJumpPct) {
        result[i] = {
          code: 'jump_pct',
          limit: s.maxJumpPct,
          previous,
          message:
            pct === Infinity
              ? `moved to ${num(v.value)} ${from} (limit ${num(s.maxJumpPct)}%)`
              : `moved ${num(pct)}% ${from} (limit ${num(s.maxJumpPct)}%)`,
        };
      }
    }
    if (result[i] === null) known.set(v.date, v.value);
  }
  return result;
}

/** The value a new one is judged against; see `screenValues`. */
function reference(
  known: ReadonlyMap<string, number>,
  date: string,
  baseline: number | undefined,
  year: number,
): { date: string; value: number } | null {
  let before: string | null = null;
  let after: string | null = null;
  for (const d of known.keys()) {
    if (d < date && (before === null || d > before)) before = d;
    if (d > date && (after === null || d < after)) after = d;
  }
  const pick = before ?? after;
  if (pick !== null) return { date: pick, value: known.get(pick) as number };
  return baseline === undefined ? null : { date: `${year}-01-01`, value: baseline };
}
