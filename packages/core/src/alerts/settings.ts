import type {
  AlertRule,
  AlertRuleOverride,
  AlertRulesInput,
  Severity,
} from '@region-score/contracts';
import { FORECAST_MIN_POINTS } from '../scoring/forecast';

/** Behind plan, with defaults filled. Percentages are of the plan to date. */
export interface BehindPlanSettings {
  enabled: boolean;
  warningBelowPct: number;
  criticalBelowPct: number;
  /** A firing or pending alert holds until the value reaches this: the hysteresis band. */
  resolveAbovePct: number;
  forMinutes: number;
}

/** Projected miss, with defaults filled. */
export interface ProjectedMissSettings {
  enabled: boolean;
  marginPct: number;
  /** At least `FORECAST_MIN_POINTS` (the schema's minimum; the rule reads a lower value as it). */
  minPoints: number;
  severity: Severity;
  forMinutes: number;
}

/** Score drop, with defaults filled. */
export interface ScoreDropSettings {
  enabled: boolean;
  points: number;
  windowDays: number;
  severity: Severity;
  forMinutes: number;
}

/** Rank drop, with defaults filled. */
export interface RankDropSettings {
  enabled: boolean;
  places: number;
  severity: Severity;
  forMinutes: number;
}

/** Stale data, with defaults filled. */
export interface StaleDataSettings {
  enabled: boolean;
  severity: Severity;
  forMinutes: number;
}

/** Quarantined value, with defaults filled. */
export interface QuarantinedValueSettings {
  enabled: boolean;
  severity: Severity;
  forMinutes: number;
}

/** The settings type of each rule, by rule name, so `ruleSettingsFor` returns the right shape. */
export interface AlertRuleSettingsMap {
  behind_plan: BehindPlanSettings;
  projected_miss: ProjectedMissSettings;
  score_drop: ScoreDropSettings;
  rank_drop: RankDropSettings;
  stale_data: StaleDataSettings;
  quarantined_value: QuarantinedValueSettings;
}

/** A region's alert rules after defaults are applied; overrides are kept for `ruleSettingsFor`. */
export interface AlertRulesSettings {
  behindPlan: BehindPlanSettings;
  projectedMiss: ProjectedMissSettings;
  scoreDrop: ScoreDropSettings;
  rankDrop: RankDropSettings;
  staleData: StaleDataSettings;
  quarantinedValue: QuarantinedValueSettings;
  overrides: readonly AlertRuleOverride[];
}

/**
 * The defaults of every rule: the one place they are defined, so the pure rules, the config
 * schema's descriptions (checked by a test) and the README agree.
 */
export const DEFAULT_ALERT_RULES: Readonly<AlertRulesSettings> = Object.freeze({
  behindPlan: Object.freeze({
    enabled: true,
    warningBelowPct: 90,
    criticalBelowPct: 75,
    resolveAbovePct: 95,
    forMinutes: 0,
  }),
  projectedMiss: Object.freeze({
    enabled: true,
    marginPct: 5,
    // No fewer values than any forecast is made from; a region may ask for more.
    minPoints: FORECAST_MIN_POINTS,
    severity: 'warning' as Severity,
    // A forecast moves with every value; an hour keeps one odd report from paging anyone.
    forMinutes: 60,
  }),
  scoreDrop: Object.freeze({
    enabled: true,
    points: 5,
    windowDays: 7,
    severity: 'warning' as Severity,
    forMinutes: 0,
  }),
  rankDrop: Object.freeze({
    enabled: true,
    places: 3,
    severity: 'warning' as Severity,
    forMinutes: 0,
  }),
  staleData: Object.freeze({ enabled: true, severity: 'warning' as Severity, forMinutes: 0 }),
  quarantinedValue: Object.freeze({
    enabled: true,
    severity: 'warning' as Severity,
    forMinutes: 0,
  }),
  overrides: Object.freeze([]),
});

/** Which section of the settings holds each rule. */
export const ALERT_RULE_SECTIONS = Object.freeze({
  behind_plan: 'behindPlan',
  projected_miss: 'projectedMiss',
  score_drop: 'scoreDrop',
  rank_drop: 'rankDrop',
  stale_data: 'staleData',
  quarantined_value: 'quarantinedValue',
} as const satisfies Record<AlertRule, Exclude<keyof AlertRulesSettings, 'overrides'>>);

/** Keys of an override that say where it applies rather than what it sets. */
const SCOPE_KEYS = new Set(['rule', 'district', 'indicator']);

/**
 * Lays the fields a partial settings object actually sets over `base`. Explicit `undefined`s are
 * skipped so `{ points: undefined }` in parsed YAML does not erase a default.
 */
function layer<T extends object>(base: T, partial: object | undefined): T {
  if (!partial) return base;
  const set = Object.entries(partial).filter(([k, v]) => v !== undefined && !SCOPE_KEYS.has(k));
  return { ...base, ...Object.fromEntries(set) };
}

/**
 * Fills the defaults into a region's `alerts:` section. Pass `undefined` when the region has none.
 * The result is what `evaluateAlertRules` takes; overrides are applied per district and indicator
 * later, by `ruleSettingsFor`.
 */
export function resolveAlertRules(input: AlertRulesInput | undefined): AlertRulesSettings {
  const d = DEFAULT_ALERT_RULES;
  return {
    behindPlan: layer(d.behindPlan, input?.behindPlan),
    projectedMiss: layer(d.projectedMiss, input?.projectedMiss),
    scoreDrop: layer(d.scoreDrop, input?.scoreDrop),
    rankDrop: layer(d.rankDrop, input?.rankDrop),
    staleData: layer(d.staleData, input?.staleData),
    quarantinedValue: layer(d.quarantinedValue, input?.quarantinedValue),
    overrides: input?.overrides ?? [],
  };
}

/** How specific an override is; `null` when it does not apply to this district and indicator. */
function specificity(
  o: AlertRuleOverride,
  district: string,
  indicator: string | null,
): number | null {
  if (o.district !== undefined && o.district !== district) return null;
  if (o.indicator !== undefined && o.indicator !== indicator) return null;
  // district + indicator (3) > indicator (2) > district (1) > rule-wide override (0)
  return (o.indicator !== undefined ? 2 : 0) + (o.district !== undefined ? 1 : 0);
}

/**
 * The settings of one rule for one district and indicator (`null` for district-wide rules such as
 * score drop). Matching overrides are laid over the rule's section from the least to the most
 * specific, so the most specific one wins field by field and a district-wide `enabled: false`
 * still holds unless an indicator override switches the rule back on. Among overrides equally
 * specific, the later one in the file wins.
 */
export function ruleSettingsFor<R extends AlertRule>(
  settings: AlertRulesSettings,
  rule: R,
  district: string,
  indicator: string | null,
): AlertRuleSettingsMap[R] {
  const base = settings[ALERT_RULE_SECTIONS[rule]] as AlertRuleSettingsMap[R];
  const matching = settings.overrides
    .map((o, order) => ({
      o,
      order,
      rank: o.rule === rule ? specificity(o, district, indicator) : null,
    }))
    .filter((m): m is { o: AlertRuleOverride; order: number; rank: number } => m.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.order - b.order);
  return matching.reduce((acc, m) => layer(acc, m.o), base);
}
