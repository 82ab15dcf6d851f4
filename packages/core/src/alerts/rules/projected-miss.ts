import { regionIndex } from '../../region-index';
import { FORECAST_MIN_POINTS } from '../../scoring/forecast';
import type { AlertCondition, AlertContext } from '../context';
import { districtLabel, indicatorLabel, num, round1, withUnit } from '../labels';
import { ruleSettingsFor, type AlertRulesSettings } from '../settings';
import { makeCondition } from './make';

/**
 * Projected miss: the end-of-period forecast misses the target by more than `marginPct`, fitted on
 * at least `minPoints` values so two early reports cannot raise it. The alert comes before the
 * miss, while there is still time to act.
 *
 * `minPoints` below `FORECAST_MIN_POINTS` is read as `FORECAST_MIN_POINTS`: the region schema
 * already rejects it, and a score stored under methodology 1.0.0 may still carry a forecast of two
 * points, which must not raise an alert the current rules would not.
 */
export function projectedMiss(ctx: AlertContext, settings: AlertRulesSettings): AlertCondition[] {
  return ctx.score.indicators.flatMap((r) => {
    const f = r.forecast;
    if (!f?.miss) return [];
    const s = ruleSettingsFor(settings, 'projected_miss', ctx.district, r.indicator);
    const minPoints = Math.max(s.minPoints, FORECAST_MIN_POINTS);
    if (!s.enabled || f.points < minPoints || !(f.gapPct > s.marginPct)) return [];
    const unit = regionIndex(ctx.region).indicators.get(r.indicator)?.unit ?? '';
    const gap = round1(f.gapPct);
    return [
      makeCondition(ctx, 'projected_miss', r.indicator, {
        severity: s.severity,
        value: gap,
        threshold: s.marginPct,
        summary:
          `${districtLabel(ctx.region, ctx.district)}: ${indicatorLabel(ctx.region, r.indicator)} ` +
          `projected at ${withUnit(f.value, unit)} vs target ${withUnit(f.target, unit)}, ` +
          `${num(gap)}% short (${s.severity} > ${num(s.marginPct)}%)`,
        forMinutes: s.forMinutes,
      }),
    ];
  });
}
