import type { Target } from '@region-score/contracts';

/**
 * An indicator's achievement of its plan to date, 0..`cap`, as Boston's CityScore computes it:
 * `value ÷ plan × 100` when higher is better, `plan ÷ value × 100` when lower is better. The cap
 * keeps one overachieving indicator from hiding the others.
 *
 * Ratios stop meaning anything when the plan is zero or negative (a value of 0 against a plan of
 * −1.08 would score 0 and one of −2 would score 54), so with `plan ≤ 0` the score is linear in the
 * distance from the plan, measured in units of `scale` (see `planScale`: the larger of |target| and
 * |baseline|, fixed for the year):
 * - `higher`: `100 + 100 × (value − plan) ÷ scale`;
 * - `lower`: `100 − 100 × (value − plan) ÷ scale`.
 *
 * Meeting the plan scores 100, each `scale` worse than the plan loses 100 points (0 at one `scale`
 * worse), and doing better earns up to `cap` (at `(cap − 100) ÷ 100 × scale` better). It is the
 * slope the ratio would have at the plan with a denominator of `scale` instead of |plan|: since
 * |plan| ≤ `scale`, never steeper, and it does not jump about while a linear plan crosses 0. With
 * `scale` 0 (target and baseline both 0) there is nothing to measure a distance in, so the plan is
 * met (100) or not (0).
 *
 * With `plan > 0` a lower-is-better `value ≤ 0` scores `cap`: nothing at all is the best outcome.
 *
 * For every finite input the result is finite, within [0, cap] and monotone in `value`:
 * non-decreasing for `higher`, non-increasing for `lower`, so reporting a better value never
 * lowers the score.
 */
export function indicatorScore(
  value: number,
  plan: number,
  direction: 'higher' | 'lower',
  cap: number,
  scale: number,
): number {
  return clamp(rawScore(value, plan, direction, cap, scale), cap);
}

/**
 * The distance from a plan ≤ 0 that costs an indicator 100 points (see `indicatorScore`): the
 * larger of |target| and |baseline| for the year. A plan to date lies between baseline and target,
 * so this is never below |plan|; without a baseline it is |target| (the default baseline, 0 or the
 * target, changes nothing).
 */
export function planScale(target: Pick<Target, 'target' | 'baseline'>): number {
  return Math.max(Math.abs(target.target), Math.abs(target.baseline ?? 0));
}

function rawScore(
  value: number,
  plan: number,
  direction: 'higher' | 'lower',
  cap: number,
  scale: number,
): number {
  if (plan <= 0) {
    const better = direction === 'higher' ? value >= plan : value <= plan;
    if (!(scale > 0)) return better ? 100 : 0;
    const gain = ((value - plan) / scale) * 100;
    return direction === 'higher' ? 100 + gain : 100 - gain;
  }
  if (direction === 'higher') return (value / plan) * 100;
  if (value <= 0) return cap;
  return (plan / value) * 100;
}

function clamp(score: number, cap: number): number {
  return Math.min(cap, Math.max(0, score));
}
