import type { AlertCondition, AlertContext } from '../context';
import { daysBetween, startOfYear } from '../../time';
import { districtLabel, indicatorLabel } from '../labels';
import { ruleSettingsFor, type AlertRulesSettings } from '../settings';
import { makeCondition } from './make';

/**
 * Stale data: a required indicator that applies to the district (it has a result in the score)
 * was last reported more than `frequencyDays + graceDays` days ago, or has never been reported
 * although that much time has passed since the period (calendar year) began.
 */
export function staleData(ctx: AlertContext, settings: AlertRulesSettings): AlertCondition[] {
  const applicable = new Set(ctx.score.indicators.map((r) => r.indicator));
  return ctx.region.indicators.flatMap((indicator) => {
    if (!indicator.required || !applicable.has(indicator.id)) return [];
    const s = ruleSettingsFor(settings, 'stale_data', ctx.district, indicator.id);
    if (!s.enabled) return [];
    const allowed = indicator.frequencyDays + indicator.graceDays;
    const last = ctx.lastReported[indicator.id] ?? null;
    const age = daysBetween(last ?? startOfYear(ctx.today), ctx.today);
    if (!(age > allowed)) return [];
    const who = `${districtLabel(ctx.region, ctx.district)}: `;
    const what = indicatorLabel(ctx.region, indicator.id);
    const expected = `expected every ${indicator.frequencyDays} + ${indicator.graceDays} days`;
    return [
      makeCondition(ctx, 'stale_data', indicator.id, {
        severity: s.severity,
        value: last === null ? null : age,
        threshold: allowed,
        summary:
          last === null
            ? `${who}${what} not reported this period (${expected})`
            : `${who}no ${what} report for ${age} days (${expected})`,
        forMinutes: s.forMinutes,
      }),
    ];
  });
}
