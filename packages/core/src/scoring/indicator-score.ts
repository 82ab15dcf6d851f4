/**
 * An indicator's achievement of its plan to date, 0..`cap`, as Boston's CityScore computes it:
 * `value ÷ plan × 100` when higher is better, `plan ÷ value × 100` when lower is better. The cap
 * keeps one overachieving indicator from hiding the others.
 *
 * Ratios stop meaning anything when the denominator is zero or negative, so those cases are
 * decided by comparison instead:
 * - `higher` with `plan ≤ 0`: 100 when `value ≥ plan`, else 0 (the plan asks for nothing positive).
 * - `lower` with `plan ≤ 0`: 100 when `value ≤ plan`, else 0.
 * - `lower` with `plan > 0` and `value ≤ 0`: `cap` (nothing at all is the best possible outcome).
 *
 * For every finite input the result is within [0, cap] and monotone in `value`: non-decreasing
 * for `higher`, non-increasing for `lower`, so reporting a better value never lowers the score.
 */
export function indicatorScore(
  value: number,
  plan: number,
  direction: 'higher' | 'lower',
  cap: number,
): number {
  return clamp(rawScore(value, plan, direction, cap), cap);
}

function rawScore(value: number, plan: number, direction: 'higher' | 'lower', cap: number): number {
  if (direction === 'higher') {
    if (plan <= 0) return value >= plan ? 100 : 0;
    return (value / plan) * 100;
  }
  if (plan <= 0) return value <= plan ? 100 : 0;
  if (value <= 0) return cap;
  return (plan / value) * 100;
}

function clamp(score: number, cap: number): number {
  return Math.min(cap, Math.max(0, score));
}
