import { describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import {
  AlertRulesSchema,
  BehindPlanRuleSchema,
  ProjectedMissRuleSchema,
  RankDropRuleSchema,
  RegionSchema,
  ScoreDropRuleSchema,
  StaleDataRuleSchema,
} from '@region-score/contracts';
import {
  DEFAULT_ALERT_RULES,
  alertFingerprint,
  resolveAlertRules,
  ruleSettingsFor,
} from '../src/alerts/index';
import { FORECAST_MIN_POINTS } from '../src/scoring/forecast';

describe('alert rule settings', () => {
  it('fills every default when the region has no alerts section', () => {
    const s = resolveAlertRules(undefined);
    expect(s.behindPlan).toEqual({
      enabled: true,
      warningBelowPct: 90,
      criticalBelowPct: 75,
      resolveAbovePct: 95,
      forMinutes: 0,
    });
    expect(s.projectedMiss).toEqual({
      enabled: true,
      marginPct: 5,
      minPoints: 3,
      severity: 'warning',
      forMinutes: 60,
    });
    expect(s.scoreDrop).toMatchObject({ points: 5, windowDays: 7, severity: 'warning' });
    expect(s.rankDrop).toMatchObject({ places: 3, severity: 'warning' });
    expect(s.staleData).toMatchObject({ enabled: true, severity: 'warning' });
    expect(s.overrides).toEqual([]);
  });

  it('keeps defaults for the fields a section leaves out', () => {
    const s = resolveAlertRules({
      behindPlan: { warningBelowPct: 85, resolveAbovePct: undefined },
      rankDrop: { enabled: false },
    });
    expect(s.behindPlan).toMatchObject({ warningBelowPct: 85, resolveAbovePct: 95 });
    expect(s.rankDrop).toEqual({ ...DEFAULT_ALERT_RULES.rankDrop, enabled: false });
  });

  it('applies the most specific override: district+indicator > indicator > district > rule', () => {
    const s = resolveAlertRules({
      behindPlan: { warningBelowPct: 88 },
      overrides: [
        { rule: 'behind_plan', district: 'akkol', indicator: 'road_quality', warningBelowPct: 70 },
        { rule: 'behind_plan', indicator: 'road_quality', warningBelowPct: 80 },
        { rule: 'behind_plan', district: 'akkol', warningBelowPct: 85, forMinutes: 30 },
        { rule: 'stale_data', district: 'akkol', enabled: false },
      ],
    });
    const pct = (d: string, i: string | null) =>
      ruleSettingsFor(s, 'behind_plan', d, i).warningBelowPct;
    expect(pct('akkol', 'road_quality')).toBe(70);
    expect(pct('zerende', 'road_quality')).toBe(80);
    expect(pct('akkol', 'jobs')).toBe(85);
    expect(pct('zerende', 'jobs')).toBe(88);
    // Fields a more specific override leaves out still come from the less specific ones.
    expect(ruleSettingsFor(s, 'behind_plan', 'akkol', 'road_quality').forMinutes).toBe(30);
    expect(ruleSettingsFor(s, 'stale_data', 'akkol', 'jobs').enabled).toBe(false);
    expect(ruleSettingsFor(s, 'stale_data', 'zerende', 'jobs').enabled).toBe(true);
  });

  it('lets an indicator override switch a rule back on inside a disabled district', () => {
    const s = resolveAlertRules({
      overrides: [
        { rule: 'behind_plan', indicator: 'road_quality', enabled: true },
        { rule: 'behind_plan', district: 'akkol', enabled: false },
      ],
    });
    expect(ruleSettingsFor(s, 'behind_plan', 'akkol', 'jobs').enabled).toBe(false);
    expect(ruleSettingsFor(s, 'behind_plan', 'akkol', 'road_quality').enabled).toBe(true);
  });

  it('ignores indicator overrides for district-wide rules', () => {
    const s = resolveAlertRules({
      overrides: [{ rule: 'score_drop', indicator: 'jobs', points: 1 }],
    });
    expect(ruleSettingsFor(s, 'score_drop', 'akkol', null).points).toBe(5);
  });
});

describe('AlertRulesSchema', () => {
  it('accepts a full section and is what RegionSchema uses', () => {
    const alerts = {
      behindPlan: { warningBelowPct: 85, criticalBelowPct: 70 },
      projectedMiss: { enabled: false },
      scoreDrop: { points: 4, windowDays: 14, severity: 'critical' },
      rankDrop: { places: 2 },
      staleData: { forMinutes: 30 },
      overrides: [
        { rule: 'stale_data', district: 'akkol', enabled: false },
        { rule: 'behind_plan', indicator: 'harvest_yield', warningBelowPct: 80 },
      ],
    };
    expect(Value.Check(AlertRulesSchema, alerts)).toBe(true);
    expect(RegionSchema.properties.alerts).toMatchObject({
      properties: AlertRulesSchema.properties,
    });
  });

  it('rejects unknown keys and tunables of another rule in an override', () => {
    expect(Value.Check(AlertRulesSchema, { behindPlan: { warnBelow: 80 } })).toBe(false);
    expect(Value.Check(AlertRulesSchema, { overrides: [{ rule: 'behind_plan', places: 3 }] })).toBe(
      false,
    );
    expect(Value.Check(AlertRulesSchema, { overrides: [{ rule: 'nope' }] })).toBe(false);
  });

  it('holds minPoints to the forecast minimum, the default', () => {
    expect(DEFAULT_ALERT_RULES.projectedMiss.minPoints).toBe(FORECAST_MIN_POINTS);
    expect(ProjectedMissRuleSchema.properties.minPoints).toMatchObject({
      minimum: FORECAST_MIN_POINTS,
    });
    const check = (minPoints: number) =>
      Value.Check(AlertRulesSchema, {
        projectedMiss: { minPoints },
        overrides: [{ rule: 'projected_miss', indicator: 'jobs', minPoints }],
      });
    expect(check(FORECAST_MIN_POINTS - 1)).toBe(false);
    expect(check(FORECAST_MIN_POINTS)).toBe(true);
    expect(check(FORECAST_MIN_POINTS + 2)).toBe(true);
    expect(
      Value.Check(AlertRulesSchema, {
        overrides: [{ rule: 'projected_miss', district: 'akkol', minPoints: 2 }],
      }),
    ).toBe(false);
  });

  it('documents the same defaults the rules use', () => {
    const sections: [TSchema, Record<string, unknown>][] = [
      [BehindPlanRuleSchema, { ...DEFAULT_ALERT_RULES.behindPlan }],
      [ProjectedMissRuleSchema, { ...DEFAULT_ALERT_RULES.projectedMiss }],
      [ScoreDropRuleSchema, { ...DEFAULT_ALERT_RULES.scoreDrop }],
      [RankDropRuleSchema, { ...DEFAULT_ALERT_RULES.rankDrop }],
      [StaleDataRuleSchema, { ...DEFAULT_ALERT_RULES.staleData }],
    ];
    for (const [schema, defaults] of sections) {
      const props = schema.properties as Record<string, { description?: string }>;
      expect(Object.keys(props).sort()).toEqual(Object.keys(defaults).sort());
      for (const [key, prop] of Object.entries(props)) {
        const documented = /\(default ([^)]+)\)/.exec(prop.description ?? '')?.[1];
        expect(documented, key).toBe(String(defaults[key]));
      }
    }
  });
});

describe('alertFingerprint', () => {
  it('is readable and URL-safe', () => {
    expect(alertFingerprint('behind_plan', 'aqmola', 'akkol', 'road_quality')).toBe(
      'behind_plan.aqmola.akkol.road_quality',
    );
    expect(alertFingerprint('rank_drop', 'aqmola', 'akkol', null)).toBe('rank_drop.aqmola.akkol.-');
  });

  it('keeps parts apart even for ids that are not slugs', () => {
    const f = alertFingerprint('stale_data', 'a.b', 'c d', 'e/f');
    expect(f).toBe('stale_data.a%2Eb.c%20d.e%2Ff');
    expect(encodeURIComponent(f)).toBe(f.replace(/%/g, '%25'));
    expect(f).not.toBe(alertFingerprint('stale_data', 'a', 'b.c d', 'e/f'));
  });
});
