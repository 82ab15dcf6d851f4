import type { Forecast, Indicator, Target } from '@region-score/contracts';
import { dateStart, elapsedFraction, type Period } from '../time';
import { valuesInPeriod, type DatedValue } from './period-value';

/**
 * The fewest values in the period a forecast is made from. A line always passes through two
 * points, so a "trend" of two early reports is only their difference extrapolated over the rest
 * of the year; a third value is the first that can disagree with it. The one minimum for the
 * forecast the API and the screens show and for the `projected_miss` alert, whose `minPoints` may
 * raise it but never lower it.
 */
export const FORECAST_MIN_POINTS = 3;

/**
 * Projects the indicator's end-of-period value with an ordinary least-squares line over the
 * period's values, so a miss is flagged while there is still time to act.
 *
 * x is the elapsed fraction of the period at the start of each value's date; y is the value
 * (`level`) or the running total in date order (`sum`, whose end value is the total). The line is
 * read at x = 1. Returns null with fewer than `FORECAST_MIN_POINTS` values in the period or fewer
 * than two distinct dates among them (values share a date only if the caller left corrections
 * unresolved; a line needs two x values).
 *
 * `miss` means the projection falls short of the target in the indicator's direction; `gapPct`
 * is that shortfall as a percentage of |target| (the absolute shortfall when the target is 0, and
 * 0 when not a miss). `points` is the number of values the line was fitted on.
 */
export function forecastEnd(
  indicator: Indicator,
  target: Target,
  values: readonly DatedValue[],
  period: Period,
  timezone: string,
): Forecast | null {
  const inPeriod = valuesInPeriod(values, period, timezone);
  if (inPeriod.length < FORECAST_MIN_POINTS) return null;
  let total = 0;
  const points = inPeriod.map((v) => {
    total += v.value;
    return {
      x: elapsedFraction(period, dateStart(v.date, timezone)),
      y: indicator.mode === 'sum' ? total : v.value,
    };
  });
  const line = fitLine(points);
  if (!line) return null;

  const projected = line.meanY + line.slope * (1 - line.meanX);
  const shortfall =
    indicator.direction === 'higher' ? target.target - projected : projected - target.target;
  const miss = shortfall > 0;
  const gapPct = !miss
    ? 0
    : target.target === 0
      ? shortfall
      : (shortfall / Math.abs(target.target)) * 100;
  return { value: projected, target: target.target, miss, gapPct, points: points.length };
}

/** The least-squares line through `points` as mean and slope; null when all x are equal. */
function fitLine(
  points: readonly { x: number; y: number }[],
): { meanX: number; meanY: number; slope: number } | null {
  // Checked on the x values themselves: a mean of equal floats need not equal them exactly.
  if (new Set(points.map((p) => p.x)).size < 2) return null;
  const meanX = points.reduce((s, p) => s + p.x, 0) / points.length;
  const meanY = points.reduce((s, p) => s + p.y, 0) / points.length;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - meanX) ** 2;
    sxy += (p.x - meanX) * (p.y - meanY);
  }
  return { meanX, meanY, slope: sxy / sxx };
}
