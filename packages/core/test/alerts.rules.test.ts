import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type {
  AlertTransition,
  Alert,
  AlertRulesInput,
  DistrictScore,
  Indicator,
  IndicatorResult,
  Region,
} from '@region-score/contracts';
import {
  activeFingerprints,
  advanceAlerts,
  evaluateAlertRules,
  resolveAlertRules,
  type AlertContext,
} from '../src/alerts/index';

// --- factories -------------------------------------------------------------------------------

const indicator = (id: string, en: string, over: Partial<Indicator> = {}): Indicator => ({
  id,
  name: { ru: en, kk: en, en },
  unit: '%',
  category: 'infrastructure',
  direction: 'higher',
  weight: 1,
  mode: 'level',
  trajectory: 'linear',
  frequencyDays: 30,
  graceDays: 7,
  required: true,
  ...over,
});

const REGION: Region = {
  id: 'aqmola',
  name: { ru: 'Акмолинская область', kk: 'Ақмола облысы', en: 'Aqmola Region' },
  timezone: 'Asia/Almaty',
  scoring: { cap: 120, thresholds: { onTrack: 90, atRisk: 75 } },
  indicators: [
    indicator('road_quality', 'Road quality'),
    indicator('emissions', 'Emissions', { direction: 'lower', unit: 'kt' }),
    indicator('jobs', 'Jobs created', { mode: 'sum', unit: 'jobs', required: false }),
  ],
  districts: [
    {
      id: 'akkol',
      kind: 'district',
      name: { ru: 'Аккольский район', kk: 'Ақкөл ауданы', en: 'Akkol' },
    },
    {
      id: 'zerende',
      kind: 'district',
      name: { ru: 'Зерендинский район', kk: 'Зеренді ауданы', en: 'Zerende' },
    },
  ],
  targets: [],
};

const result = (id: string, over: Partial<IndicatorResult> = {}): IndicatorResult => ({
  indicator: id,
  value: 100,
  valueDate: '2025-03-01',
  target: 100,
  baseline: null,
  planToDate: 100,
  score: 100,
  status: 'on_track',
  counted: true,
  fresh: true,
  weight: 1 / 3,
  contribution: 33.3,
  impact: 0,
  forecast: null,
  ...over,
});

const districtScore = (over: Partial<IndicatorResult>[] = [], score = 90): DistrictScore => ({
  region: 'aqmola',
  district: 'akkol',
  score,
  status: 'on_track',
  coverage: 1,
  version: 1,
  methodology: '1.0.0',
  computedAt: '2025-03-10T06:00:00.000Z',
  indicators: ['road_quality', 'emissions', 'jobs'].map((id, i) => result(id, over[i] ?? {})),
});

const TODAY = '2025-03-10';
const context = (over: Partial<AlertContext> = {}): AlertContext => ({
  region: REGION,
  district: 'akkol',
  score: districtScore(),
  lastReported: { road_quality: '2025-03-01', emissions: '2025-03-01', jobs: '2025-03-01' },
  dailyScores: [],
  rank: 4,
  previousRank: 4,
  today: TODAY,
  active: new Set(),
  ...over,
});

/** Road quality at `pct`% of its plan; the other indicators on plan. */
const roadAt = (pct: number) => districtScore([{ value: pct, planToDate: 100 }]);

/**
 * Runs the rules and the lifecycle over a series of contexts, as the worker does once a minute,
 * and returns the transitions of each step.
 */
function run(
  steps: readonly Partial<AlertContext>[],
  input?: AlertRulesInput,
  stepMs = 60_000,
): { transitions: AlertTransition[][]; alerts: Map<string, Alert> } {
  const settings = resolveAlertRules(input);
  const alerts = new Map<string, Alert>();
  const transitions = steps.map((over, i) => {
    const ctx = context({ ...over, active: activeFingerprints(alerts.values()) });
    const conditions = evaluateAlertRules(ctx, settings);
    const at = new Date(Date.UTC(2025, 2, 10, 6) + i * stepMs);
    return advanceAlerts([...alerts.values()], conditions, at).flatMap((step) => {
      if (step.alert) alerts.set(step.id, step.alert);
      else alerts.delete(step.id);
      return step.transition ? [step.transition] : [];
    });
  });
  return { transitions, alerts };
}

const moves = (ts: AlertTransition[]) => ts.map((t) => `${t.id}:${t.from}>${t.to}:${t.severity}`);
const ROAD = 'behind_plan.aqmola.akkol.road_quality';

// --- rules -----------------------------------------------------------------------------------

describe('behind plan', () => {
  it('holds nothing while every indicator is on plan', () => {
    expect(evaluateAlertRules(context(), resolveAlertRules(undefined))).toEqual([]);
  });

  it('warns below 90% of plan with a readable summary', () => {
    const [c, ...rest] = evaluateAlertRules(
      context({ score: roadAt(71) }),
      resolveAlertRules(undefined),
    );
    expect(rest).toEqual([]);
    expect(c).toMatchObject({
      fingerprint: ROAD,
      rule: 'behind_plan',
      severity: 'critical',
      indicator: 'road_quality',
      value: 71,
      threshold: 75,
      forMs: 0,
      summary: 'Akkol: road quality at 71% of plan (critical < 75%)',
    });
    const [w] = evaluateAlertRules(context({ score: roadAt(85) }), resolveAlertRules(undefined));
    expect(w?.summary).toBe('Akkol: road quality at 85% of plan (warning < 90%)');
  });

  it('fires, escalates, and resolves on a series', () => {
    const { transitions } = run([100, 85, 70, 85, 96].map((p) => ({ score: roadAt(p) })));
    expect(transitions.map(moves)).toEqual([
      [],
      [`${ROAD}:inactive>firing:warning`],
      [`${ROAD}:firing>firing:critical`],
      [`${ROAD}:firing>firing:warning`],
      [`${ROAD}:firing>resolved:warning`],
    ]);
  });

  it('does not flap on a value oscillating 88 ↔ 92% of plan (hysteresis)', () => {
    const series = [100, 92, 88, 92, 88, 92, 94.9, 95, 92, 88];
    const { transitions } = run(series.map((p) => ({ score: roadAt(p) })));
    expect(transitions.map(moves)).toEqual([
      [],
      [], // 92 is above the warning line: nothing was active, nothing fires
      [`${ROAD}:inactive>firing:warning`],
      [], // 92 stays firing: still under the 95% resolve line
      [],
      [],
      [],
      [`${ROAD}:firing>resolved:warning`], // 95 reaches the resolve line
      [], // 92 after resolving does not fire again
      [`${ROAD}:resolved>firing:warning`],
    ]);
  });

  it('says why a held alert is still firing', () => {
    const ctx = context({ score: roadAt(92), active: new Set([ROAD]) });
    const [c] = evaluateAlertRules(ctx, resolveAlertRules(undefined));
    expect(c?.summary).toBe('Akkol: road quality at 92% of plan (warning < 90%, resolves at 95%)');
  });

  it('turns firing only below the warning line and resolves only at the resolve line', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 600, max: 1200 }), { maxLength: 40 }), (tenths) => {
        const pcts = tenths.map((t) => t / 10);
        const { transitions } = run(pcts.map((p) => ({ score: roadAt(p) })));
        transitions.forEach((ts, i) => {
          const pct = pcts[i] ?? 0;
          for (const t of ts) {
            if (t.from !== 'firing' && t.to === 'firing') expect(pct).toBeLessThan(90);
            if (t.to === 'resolved') expect(pct).toBeGreaterThanOrEqual(95);
          }
        });
      }),
    );
  });

  it('reads plan ÷ value for lower-is-better indicators', () => {
    const score = districtScore([{}, { value: 120, planToDate: 100 }]);
    const [c] = evaluateAlertRules(context({ score }), resolveAlertRules(undefined));
    expect(c).toMatchObject({ indicator: 'emissions', value: 83.3, severity: 'warning' });
  });

  it('ignores indicators not counted or without a value', () => {
    const score = districtScore([{ value: 50, counted: false }, { value: null }]);
    expect(evaluateAlertRules(context({ score }), resolveAlertRules(undefined))).toEqual([]);
  });

  it('is switched off or tuned per district and indicator by overrides', () => {
    const input: AlertRulesInput = {
      overrides: [
        { rule: 'behind_plan', district: 'akkol', enabled: false },
        { rule: 'behind_plan', indicator: 'road_quality', warningBelowPct: 80 },
      ],
    };
    const settings = resolveAlertRules(input);
    expect(evaluateAlertRules(context({ score: roadAt(70) }), settings)).toEqual([]);
    const zerende = (pct: number) =>
      evaluateAlertRules(context({ district: 'zerende', score: roadAt(pct) }), settings);
    expect(zerende(85)).toEqual([]);
    expect(zerende(79)).toMatchObject([
      { fingerprint: 'behind_plan.aqmola.zerende.road_quality', threshold: 80 },
    ]);
  });
});

describe('projected miss', () => {
  const forecast = (gapPct: number, points = 4) =>
    districtScore([
      { forecast: { value: 100 - gapPct, target: 100, miss: gapPct > 0, gapPct, points } },
    ]);

  it('fires after its for delay and resolves when the forecast recovers', () => {
    const steps = [20, 20, 20, 0].map((gap) => ({ score: forecast(gap) }));
    const { transitions } = run(steps, undefined, 30 * 60_000);
    const id = 'projected_miss.aqmola.akkol.road_quality';
    expect(transitions.map(moves)).toEqual([
      [`${id}:inactive>pending:warning`],
      [], // 30 minutes: still pending
      [`${id}:pending>firing:warning`], // 60 minutes held
      [`${id}:firing>resolved:warning`],
    ]);
  });

  it('needs enough points and a gap beyond the margin', () => {
    const settings = resolveAlertRules(undefined);
    expect(evaluateAlertRules(context({ score: forecast(20, 2) }), settings)).toEqual([]);
    expect(evaluateAlertRules(context({ score: forecast(20, 3) }), settings)).toHaveLength(1);
    expect(evaluateAlertRules(context({ score: forecast(5) }), settings)).toEqual([]);
    const [c] = evaluateAlertRules(context({ score: forecast(7.5) }), settings);
    expect(c).toMatchObject({ value: 7.5, threshold: 5, forMs: 3_600_000 });
    expect(c?.summary).toBe(
      'Akkol: road quality projected at 92.5% vs target 100%, 7.5% short (warning > 5%)',
    );
  });

  it('never fires below FORECAST_MIN_POINTS, whatever minPoints says', () => {
    // A score stored under methodology 1.0.0 may carry a two-point forecast; settings built
    // without the schema (which rejects minPoints < 3) may ask for 2.
    const lowered = resolveAlertRules({ projectedMiss: { minPoints: 2 } });
    expect(evaluateAlertRules(context({ score: forecast(20, 2) }), lowered)).toEqual([]);
    expect(evaluateAlertRules(context({ score: forecast(20, 3) }), lowered)).toHaveLength(1);
  });

  it('lets a region raise minPoints', () => {
    const raised = resolveAlertRules({ projectedMiss: { minPoints: 5 } });
    expect(evaluateAlertRules(context({ score: forecast(20, 4) }), raised)).toEqual([]);
    expect(evaluateAlertRules(context({ score: forecast(20, 5) }), raised)).toHaveLength(1);
  });

  it('vanishes when a pending alert loses its condition before the delay', () => {
    const { transitions, alerts } = run([{ score: forecast(20) }, {}]);
    expect(transitions.map(moves)[1]).toEqual([
      'projected_miss.aqmola.akkol.road_quality:pending>inactive:warning',
    ]);
    expect(alerts.size).toBe(0);
  });
});

describe('score drop', () => {
  const daily = [
    { date: '2025-03-01', score: 99 }, // 9 days ago: outside the 7-day window
    { date: '2025-03-03', score: 90 },
    { date: '2025-03-06', score: 88 },
    { date: '2025-03-09', score: 86 },
  ];

  it('fires on a fall from the window peak and resolves on recovery', () => {
    const steps = [87, 84, 86].map((s) => ({ score: districtScore([], s), dailyScores: daily }));
    const { transitions } = run(steps);
    const id = 'score_drop.aqmola.akkol.-';
    expect(transitions.map(moves)).toEqual([
      [],
      [`${id}:inactive>firing:warning`],
      [`${id}:firing>resolved:warning`],
    ]);
  });

  it('reports the drop against its threshold', () => {
    const ctx = context({ score: districtScore([], 84), dailyScores: daily });
    const [c] = evaluateAlertRules(ctx, resolveAlertRules({ scoreDrop: { severity: 'critical' } }));
    expect(c).toMatchObject({ value: 6, threshold: 5, severity: 'critical', indicator: null });
    expect(c?.summary).toBe('Akkol: score fell 6 points within 7 days (90 → 84; critical ≥ 5)');
  });

  it('can be switched off', () => {
    const ctx = context({ score: districtScore([], 50), dailyScores: daily });
    expect(evaluateAlertRules(ctx, resolveAlertRules({ scoreDrop: { enabled: false } }))).toEqual(
      [],
    );
  });
});

describe('rank drop', () => {
  it('fires on losing 3 places and resolves when the loss shrinks', () => {
    const steps = [
      { rank: 6, previousRank: 4 },
      { rank: 7, previousRank: 4 },
      { rank: 5, previousRank: 4 },
    ];
    const id = 'rank_drop.aqmola.akkol.-';
    expect(run(steps).transitions.map(moves)).toEqual([
      [],
      [`${id}:inactive>firing:warning`],
      [`${id}:firing>resolved:warning`],
    ]);
  });

  it('is tuned per district', () => {
    const settings = resolveAlertRules({
      overrides: [{ rule: 'rank_drop', district: 'akkol', places: 1, severity: 'critical' }],
    });
    const [c] = evaluateAlertRules(context({ rank: 5, previousRank: 4 }), settings);
    expect(c).toMatchObject({ value: 1, threshold: 1, severity: 'critical' });
    expect(c?.summary).toBe('Akkol: dropped 1 places since yesterday (rank 4 → 5; critical ≥ 1)');
    expect(evaluateAlertRules(context({ rank: null, previousRank: 4 }), settings)).toEqual([]);
  });
});

describe('stale data', () => {
  const reported = (road: string | null) => ({
    lastReported: { road_quality: road, emissions: '2025-03-01', jobs: '2025-03-01' },
  });
  const id = 'stale_data.aqmola.akkol.road_quality';

  it('fires past frequency + grace and resolves when a value arrives', () => {
    const { transitions } = run([
      reported('2025-02-01'),
      reported('2025-01-31'),
      reported('2025-03-09'),
    ]);
    expect(transitions.map(moves)).toEqual([
      [], // 37 days: exactly frequency + grace
      [`${id}:inactive>firing:warning`],
      [`${id}:firing>resolved:warning`],
    ]);
  });

  it('counts an indicator never reported from the start of the period', () => {
    const settings = resolveAlertRules(undefined);
    const never = { road_quality: null, emissions: '2025-01-05' };
    expect(
      evaluateAlertRules(context({ today: '2025-02-07', lastReported: never }), settings),
    ).toEqual([]);
    const [c] = evaluateAlertRules(context({ today: '2025-02-08', lastReported: never }), settings);
    expect(c).toMatchObject({ fingerprint: id, value: null, threshold: 37 });
    expect(c?.summary).toBe(
      'Akkol: road quality not reported this period (expected every 30 + 7 days)',
    );
  });

  it('skips optional indicators and indicators without a result', () => {
    const score = { ...districtScore(), indicators: [result('emissions')] };
    const ctx = context({ score, lastReported: { emissions: '2025-03-01' } });
    expect(evaluateAlertRules(ctx, resolveAlertRules(undefined))).toEqual([]);
  });

  it('is switched off for one indicator by an override', () => {
    const settings = resolveAlertRules({
      overrides: [{ rule: 'stale_data', indicator: 'road_quality', enabled: false }],
    });
    const ctx = context({ lastReported: { road_quality: null, emissions: null } });
    expect(evaluateAlertRules(ctx, settings).map((c) => c.fingerprint)).toEqual([
      'stale_data.aqmola.akkol.emissions',
    ]);
  });
});
