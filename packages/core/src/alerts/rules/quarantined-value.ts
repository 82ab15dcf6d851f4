import type { AlertCondition, AlertContext } from '../context';
import { districtLabel, indicatorLabel, num } from '../labels';
import { ruleSettingsFor, type AlertRulesSettings } from '../settings';
import { makeCondition } from './make';

/**
 * Quarantined value: the quality gate holds values of an indicator of the district for review (a
 * jump no office makes in one report, most likely a typo). The value is not counted until an
 * analyst releases it, so someone must look; the alert resolves once every held value of the
 * indicator is released or discarded. `value` is how many are waiting.
 */
export function quarantinedValue(
  ctx: AlertContext,
  settings: AlertRulesSettings,
): AlertCondition[] {
  return (ctx.quarantined ?? []).flatMap((q) => {
    if (q.count <= 0) return [];
    const s = ruleSettingsFor(settings, 'quarantined_value', ctx.district, q.indicator);
    if (!s.enabled) return [];
    const what = indicatorLabel(ctx.region, q.indicator);
    const many = q.count === 1 ? '1 value' : `${q.count} values`;
    return [
      makeCondition(ctx, 'quarantined_value', q.indicator, {
        severity: s.severity,
        value: q.count,
        threshold: null,
        summary:
          `${districtLabel(ctx.region, ctx.district)}: ${many} of ${what} awaiting review ` +
          `(latest ${num(q.latest.value)} on ${q.latest.date}: ${q.latest.reason})`,
        forMinutes: s.forMinutes,
      }),
    ];
  });
}
