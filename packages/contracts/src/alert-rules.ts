import { Type, type Static } from '@sinclair/typebox';
import type { Severity } from './alerts';

/*
 * The `alerts:` section of a region in the region config. Every field is optional: the defaults
 * quoted in the descriptions live in `@region-score/core` (`DEFAULT_ALERT_RULES`), and a core test
 * checks that each "(default X)" below still equals the value the rules use.
 */

const enabled = Type.Optional(
  Type.Boolean({ description: 'false switches the rule off (default true)' }),
);

const forMinutes = (byDefault: number) =>
  Type.Optional(
    Type.Integer({
      minimum: 0,
      description: `minutes the condition must hold before the alert fires (default ${byDefault})`,
    }),
  );

const severity = (byDefault: Severity) =>
  Type.Optional(
    Type.Union([Type.Literal('warning'), Type.Literal('critical')], {
      description: `severity of the alert (default ${byDefault})`,
    }),
  );

const pct = (description: string) => Type.Optional(Type.Number({ minimum: 0, description }));

/* Tunables per rule, shared by the rule's own section and by its overrides. */

const behindPlanTunables = {
  warningBelowPct: pct('warning when the value is below this % of plan to date (default 90)'),
  criticalBelowPct: pct('critical when the value is below this % of plan to date (default 75)'),
  resolveAbovePct: pct(
    'a firing alert resolves only once the value reaches this % of plan (default 95); the gap to warningBelowPct is the hysteresis that stops flapping',
  ),
  forMinutes: forMinutes(0),
};

const projectedMissTunables = {
  marginPct: pct('alert only when the projected shortfall exceeds this % of target (default 5)'),
  minPoints: Type.Optional(
    Type.Integer({
      // The core's FORECAST_MIN_POINTS: no forecast has fewer (a core test checks they agree).
      minimum: 3,
      description: 'values the trend must be fitted on before it is trusted (default 3)',
    }),
  ),
  severity: severity('warning'),
  forMinutes: forMinutes(60),
};

const scoreDropTunables = {
  points: Type.Optional(
    Type.Number({
      exclusiveMinimum: 0,
      description: 'alert when the score fell by at least this many points (default 5)',
    }),
  ),
  windowDays: Type.Optional(
    Type.Integer({
      minimum: 1,
      description: 'compare with the highest closing score of this many previous days (default 7)',
    }),
  ),
  severity: severity('warning'),
  forMinutes: forMinutes(0),
};

const rankDropTunables = {
  places: Type.Optional(
    Type.Integer({
      minimum: 1,
      description:
        'alert when the district lost at least this many places since yesterday (default 3)',
    }),
  ),
  severity: severity('warning'),
  forMinutes: forMinutes(0),
};

const staleDataTunables = {
  severity: severity('warning'),
  forMinutes: forMinutes(0),
};

const quarantinedValueTunables = {
  severity: severity('warning'),
  forMinutes: forMinutes(0),
};

const strict = { additionalProperties: false } as const;

/** Behind plan: an indicator is below a share of its plan to date. */
export const BehindPlanRuleSchema = Type.Object({ enabled, ...behindPlanTunables }, strict);
/** Projected miss: the end-of-period forecast misses the target by more than a margin. */
export const ProjectedMissRuleSchema = Type.Object({ enabled, ...projectedMissTunables }, strict);
/** Score drop: the district score fell by some points within a window of days. */
export const ScoreDropRuleSchema = Type.Object({ enabled, ...scoreDropTunables }, strict);
/** Rank drop: the district lost places in the ranking since the previous day. */
export const RankDropRuleSchema = Type.Object({ enabled, ...rankDropTunables }, strict);
/** Stale data: a required indicator was not reported within its frequency + grace. */
export const StaleDataRuleSchema = Type.Object({ enabled, ...staleDataTunables }, strict);
/** Quarantined value: a reported value the quality gate held is awaiting an analyst's review. */
export const QuarantinedValueRuleSchema = Type.Object(
  { enabled, ...quarantinedValueTunables },
  strict,
);

const scope = {
  district: Type.Optional(
    Type.String({ minLength: 1, description: 'only this district (omit: every district)' }),
  ),
  indicator: Type.Optional(
    Type.String({ minLength: 1, description: 'only this indicator (omit: every indicator)' }),
  ),
  enabled,
};

/**
 * One override: switches a rule off or tunes it for a district, an indicator, or both. The `rule`
 * field picks which tunables are allowed, so a typo such as `places` on `behind_plan` is rejected
 * when the config loads instead of being ignored. When several overrides match, the most specific
 * wins field by field: district + indicator over indicator over district over the rule's section.
 */
export const AlertRuleOverrideSchema = Type.Union([
  Type.Object({ rule: Type.Literal('behind_plan'), ...scope, ...behindPlanTunables }, strict),
  Type.Object({ rule: Type.Literal('projected_miss'), ...scope, ...projectedMissTunables }, strict),
  Type.Object({ rule: Type.Literal('score_drop'), ...scope, ...scoreDropTunables }, strict),
  Type.Object({ rule: Type.Literal('rank_drop'), ...scope, ...rankDropTunables }, strict),
  Type.Object({ rule: Type.Literal('stale_data'), ...scope, ...staleDataTunables }, strict),
  Type.Object(
    { rule: Type.Literal('quarantined_value'), ...scope, ...quarantinedValueTunables },
    strict,
  ),
]);
export type AlertRuleOverride = Static<typeof AlertRuleOverrideSchema>;

/**
 * Alert rule settings of a region (the `alerts:` section of its config). Every field is optional;
 * `resolveAlertRules` in `@region-score/core` fills the defaults.
 */
export const AlertRulesSchema = Type.Object(
  {
    behindPlan: Type.Optional(BehindPlanRuleSchema),
    projectedMiss: Type.Optional(ProjectedMissRuleSchema),
    scoreDrop: Type.Optional(ScoreDropRuleSchema),
    rankDrop: Type.Optional(RankDropRuleSchema),
    staleData: Type.Optional(StaleDataRuleSchema),
    quarantinedValue: Type.Optional(QuarantinedValueRuleSchema),
    overrides: Type.Optional(Type.Array(AlertRuleOverrideSchema)),
  },
  strict,
);
/** The `alerts:` section as written in the config file, before defaults. */
export type AlertRulesInput = Static<typeof AlertRulesSchema>;
