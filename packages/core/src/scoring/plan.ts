import type { Indicator, Target } from '@region-score/contracts';

/**
 * The plan to date: where the indicator should stand after `fraction` of the period,
 * `P = B + (T − B) · f`.
 *
 * `f` is the elapsed fraction for a `linear` trajectory and 1 for `flat` (the target holds all
 * period, e.g. a rate that must stay under a limit). The baseline B defaults to 0 in `sum` mode
 * (increments accumulate from nothing) and to the target itself in `level` mode, so a level
 * indicator without a known starting point is simply held to its target from day one.
 */
export function planToDate(indicator: Indicator, target: Target, fraction: number): number {
  const baseline = target.baseline ?? (indicator.mode === 'sum' ? 0 : target.target);
  const f = indicator.trajectory === 'flat' ? 1 : fraction;
  return baseline + (target.target - baseline) * f;
}
