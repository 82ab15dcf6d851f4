import { regionIndex } from '../../region-index';
import type { Indicator, IndicatorResult } from '@region-score/contracts';
import type { AlertCondition, AlertContext } from '../context';
import { alertFingerprint } from '../fingerprint';
import { districtLabel, indicatorLabel, num, round1 } from '../labels';
import { ruleSettingsFor, type AlertRulesSettings } from '../settings';
import { makeCondition } from './make';

/**
 * Achievement of the plan to date in %, the way the indicator score measures it: value ÷ plan, or
 * plan ÷ value where lower is better. `null` when the ratio says nothing: no positive plan to
 * measure against, or a lower-is-better value at or below zero, which no plan can beat.
 */
export function planRatioPct(
  direction: Indicator['direction'],
  value: number,
  plan: number,
): number | null {
  if (direction === 'higher') return plan > 0 ? round1((value / plan) * 100) : null;
  return value > 0 && plan >= 0 ? round1((plan / value) * 100) : null;
}

/**
 * Behind plan: a counted indicator with a value below `warningBelowPct` of its plan to date
 * (critical below `criticalBelowPct`). Once its alert is pending or firing the condition holds
 * until the value reaches `resolveAbovePct`, so a value wobbling around the warning line raises
 * one alert, not one per report.
 */
export function behindPlan(ctx: AlertContext, settings: AlertRulesSettings): AlertCondition[] {
  return ctx.score.indicators.flatMap((r) => {
    const found = evaluate(ctx, settings, r);
    return found ? [found] : [];
  });
}

function evaluate(
  ctx: AlertContext,
  settings: AlertRulesSettings,
  r: IndicatorResult,
): AlertCondition | null {
  // An indicator no longer in the config has no direction to judge it by.
  const indicator = regionIndex(ctx.region).indicators.get(r.indicator);
  if (!indicator || !r.counted || r.value === null) return null;
  const s = ruleSettingsFor(settings, 'behind_plan', ctx.district, r.indicator);
  if (!s.enabled) return null;
  const pct = planRatioPct(indicator.direction, r.value, r.planToDate);
  if (pct === null) return null;

  const active = ctx.active.has(
    alertFingerprint('behind_plan', ctx.region.id, ctx.district, r.indicator),
  );
  // A resolve line under the warning line would resolve and re-raise on alternate evaluations.
  const resolveAt = Math.max(s.resolveAbovePct, s.warningBelowPct, s.criticalBelowPct);
  const critical = pct < s.criticalBelowPct;
  const holds = critical || pct < s.warningBelowPct || (active && pct < resolveAt);
  if (!holds) return null;

  const severity = critical ? 'critical' : 'warning';
  const threshold = critical ? s.criticalBelowPct : s.warningBelowPct;
  const held = !critical && pct >= s.warningBelowPct ? `, resolves at ${num(resolveAt)}%` : '';
  return makeCondition(ctx, 'behind_plan', r.indicator, {
    severity,
    value: pct,
    threshold,
    summary:
      `${districtLabel(ctx.region, ctx.district)}: ${indicatorLabel(ctx.region, r.indicator)} ` +
      `at ${num(pct)}% of plan (${severity} < ${num(threshold)}%${held})`,
    forMinutes: s.forMinutes,
  });
}
