import type { AlertCondition, AlertContext } from './context';
import { behindPlan } from './rules/behind-plan';
import { projectedMiss } from './rules/projected-miss';
import { rankDrop } from './rules/rank-drop';
import { scoreDrop } from './rules/score-drop';
import { quarantinedValue } from './rules/quarantined-value';
import { staleData } from './rules/stale-data';
import type { AlertRulesSettings } from './settings';

const RULES = [
  behindPlan,
  projectedMiss,
  scoreDrop,
  rankDrop,
  staleData,
  quarantinedValue,
] as const;

/**
 * Every alert condition that holds now for the context's district, across all rules, with each
 * rule's per-district and per-indicator overrides applied. A condition absent from the result does
 * not hold: `advanceAlert(prev, null, …)` resolves its alert. Disabled rules produce nothing.
 */
export function evaluateAlertRules(
  ctx: AlertContext,
  settings: AlertRulesSettings,
): AlertCondition[] {
  return RULES.flatMap((rule) => rule(ctx, settings));
}
