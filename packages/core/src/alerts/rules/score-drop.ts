import type { AlertCondition, AlertContext } from '../context';
import { addDays } from '../../time';
import { districtLabel, num, round1 } from '../labels';
import { ruleSettingsFor, type AlertRulesSettings } from '../settings';
import { makeCondition } from './make';

/**
 * Score drop: the district score is at least `points` below the highest closing score of the
 * previous `windowDays` days. Measured from the peak, not from yesterday, so a slow slide of one
 * point a day is caught as surely as a sudden fall.
 */
export function scoreDrop(ctx: AlertContext, settings: AlertRulesSettings): AlertCondition[] {
  const s = ruleSettingsFor(settings, 'score_drop', ctx.district, null);
  if (!s.enabled) return [];
  const since = addDays(ctx.today, -s.windowDays);
  // 'YYYY-MM-DD' strings order as dates do.
  const window = ctx.dailyScores.filter((d) => d.date >= since && d.date < ctx.today);
  if (window.length === 0) return [];
  const peak = Math.max(...window.map((d) => d.score));
  const drop = round1(peak - ctx.score.score);
  if (drop < s.points) return [];
  return [
    makeCondition(ctx, 'score_drop', null, {
      severity: s.severity,
      value: drop,
      threshold: s.points,
      summary:
        `${districtLabel(ctx.region, ctx.district)}: score fell ${num(drop)} points within ` +
        `${s.windowDays} days (${num(peak)} → ${num(ctx.score.score)}; ${s.severity} ≥ ${num(s.points)})`,
      forMinutes: s.forMinutes,
    }),
  ];
}
