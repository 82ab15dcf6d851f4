import type { AlertCondition, AlertContext } from '../context';
import { districtLabel } from '../labels';
import { ruleSettingsFor, type AlertRulesSettings } from '../settings';
import { makeCondition } from './make';

/** Rank drop: the district lost at least `places` places since the end of the previous day. */
export function rankDrop(ctx: AlertContext, settings: AlertRulesSettings): AlertCondition[] {
  if (ctx.rank === null || ctx.previousRank === null) return [];
  const s = ruleSettingsFor(settings, 'rank_drop', ctx.district, null);
  // Rank 1 is best, so a larger number is a loss.
  const lost = ctx.rank - ctx.previousRank;
  if (!s.enabled || lost < s.places) return [];
  return [
    makeCondition(ctx, 'rank_drop', null, {
      severity: s.severity,
      value: lost,
      threshold: s.places,
      summary:
        `${districtLabel(ctx.region, ctx.district)}: dropped ${lost} places since yesterday ` +
        `(rank ${ctx.previousRank} → ${ctx.rank}; ${s.severity} ≥ ${s.places})`,
      forMinutes: s.forMinutes,
    }),
  ];
}
