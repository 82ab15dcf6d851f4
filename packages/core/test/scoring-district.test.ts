import type { IndicatorResult } from '@region-score/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORECAST_MIN_POINTS } from '../src/scoring/forecast';
import { METHODOLOGY_VERSION, explainScore, scoreDistrict } from '../src/scoring/index';
import { makeIndicator, makeRegion, makeTarget } from './factories';

// Local 2025-03-15 00:00 in Asia/Almaty (UTC+5): 73 of 365 days in, so the plan fraction is 0.2.
const at = new Date('2025-03-14T19:00:00Z');

/**
 * The worked example: plans at f = 0.2 are jobs 60, crime 18, investment 200.
 * Scores: jobs 54/60 = 90, crime 18/24 = 75, investment 250/200 capped 120, roads overdue 0,
 * survey optional and silent (not counted), parks has no target for alpha (not applicable).
 * Counted weights 2+1+1+1 = 5 → shares .4 .2 .2 .2 → 36 + 15 + 24 + 0 = 75.
 */
const example = makeRegion({
  indicators: [
    makeIndicator({ id: 'jobs', weight: 2 }),
    makeIndicator({ id: 'crime', direction: 'lower' }),
    makeIndicator({ id: 'investment', mode: 'sum' }),
    makeIndicator({ id: 'roads' }),
    makeIndicator({ id: 'survey', weight: 3, required: false }),
    makeIndicator({ id: 'parks' }),
  ],
  targets: [
    makeTarget({ indicator: 'jobs', baseline: 50, target: 100 }),
    makeTarget({ indicator: 'crime', baseline: 20, target: 10 }),
    makeTarget({ indicator: 'investment', target: 1000 }),
    makeTarget({ indicator: 'roads' }),
    makeTarget({ indicator: 'survey' }),
    makeTarget({ indicator: 'parks', district: 'beta' }),
    makeTarget({ indicator: 'parks', year: 2024 }),
  ],
});
const exampleValues = {
  jobs: [{ date: '2025-03-10', value: 54 }],
  crime: [{ date: '2025-01-20', value: 24 }],
  investment: [
    { date: '2025-02-15', value: 150 },
    { date: '2024-12-31', value: 500 },
    { date: '2025-01-15', value: 100 },
  ],
  parks: [{ date: '2025-03-01', value: 1 }],
};

const byId = (results: IndicatorResult[], id: string) => results.find((r) => r.indicator === id);

describe('scoreDistrict', () => {
  const score = scoreDistrict({
    region: example,
    district: 'alpha',
    values: exampleValues,
    at,
    version: 7,
  });

  it('is the weighted mean of the counted indicator scores', () => {
    expect(score.score).toBe(75);
    expect(score.status).toBe('at_risk');
    expect(score.indicators.map((r) => r.indicator)).toEqual([
      'jobs',
      'crime',
      'investment',
      'roads',
      'survey',
    ]);
    expect(score.indicators.map((r) => r.score)).toEqual([90, 75, 120, 0, null]);
    expect(score.indicators.map((r) => r.status)).toEqual([
      'on_track',
      'at_risk',
      'on_track',
      'behind',
      'no_data',
    ]);
    expect(score.indicators.map((r) => r.counted)).toEqual([true, true, true, true, false]);
  });

  it('reports shares, contributions and impacts of the counted weight', () => {
    expect(score.indicators.map((r) => r.weight)).toEqual([0.4, 0.2, 0.2, 0.2, 0]);
    expect(score.indicators.map((r) => r.contribution)).toEqual([36, 15, 24, 0, 0]);
    expect(score.indicators.map((r) => r.impact)).toEqual([-4, -5, 4, -20, 0]);
  });

  it('reports value, plan and the fresh share of all applicable weight', () => {
    expect(byId(score.indicators, 'investment')).toMatchObject({
      value: 250,
      valueDate: '2025-02-15',
      target: 1000,
      baseline: null,
      planToDate: 200,
      fresh: true,
    });
    expect(byId(score.indicators, 'jobs')?.planToDate).toBeCloseTo(60, 9);
    expect(byId(score.indicators, 'jobs')?.baseline).toBe(50);
    // Crime was last reported 2025-01-20, before 2025-03-15 − 37 days = 2025-02-06.
    expect(byId(score.indicators, 'crime')?.fresh).toBe(false);
    expect(byId(score.indicators, 'roads')).toMatchObject({ value: null, valueDate: null });
    // Fresh: jobs 2 + investment 1 of 2+1+1+1+3 = 8.
    expect(score.coverage).toBe(0.375);
  });

  it('attaches a forecast only from FORECAST_MIN_POINTS values in the period', () => {
    // Jobs has one value, investment two in 2025 (the 2024 one is outside the period).
    expect(byId(score.indicators, 'jobs')?.forecast).toBeNull();
    expect(byId(score.indicators, 'investment')?.forecast).toBeNull();
    const third = { date: '2025-03-01', value: 100 };
    const withThird = scoreDistrict({
      region: example,
      district: 'alpha',
      values: { ...exampleValues, investment: [...exampleValues.investment, third] },
      at,
      version: 7,
    });
    expect(byId(withThird.indicators, 'investment')?.forecast).toMatchObject({
      target: 1000,
      miss: false,
      points: FORECAST_MIN_POINTS,
    });
  });

  it('scores a lower-is-better plan ≤ 0 by the distance from it in units of the target', () => {
    // Baseline 0, target −5.4: the plan at f = 0.2 is −1.08, the scale |−5.4|.
    const region = makeRegion({
      indicators: [makeIndicator({ direction: 'lower' })],
      targets: [makeTarget({ baseline: 0, target: -5.4 })],
    });
    const run = (value: number) =>
      scoreDistrict({
        region,
        district: 'alpha',
        values: { jobs: [{ date: '2025-03-10', value }] },
        at,
        version: 1,
      });
    expect(run(0).indicators[0]?.planToDate).toBeCloseTo(-1.08, 9);
    expect(run(0)).toMatchObject({ score: 80, status: 'at_risk' });
    expect(run(-1.08).score).toBe(100);
    expect(run(-2.16).score).toBe(120);
    expect(run(4.32).score).toBe(0);
  });

  it('stamps methodology 1.1.0', () => {
    expect(METHODOLOGY_VERSION).toBe('1.1.0');
  });

  it('stamps the methodology, the moment and the version', () => {
    expect(score).toMatchObject({
      region: 'akmola',
      district: 'alpha',
      version: 7,
      methodology: METHODOLOGY_VERSION,
      computedAt: '2025-03-14T19:00:00.000Z',
    });
  });

  it('explains itself, most negative impact first', () => {
    expect(explainScore(score)).toEqual([
      { indicator: 'roads', impact: -20 },
      { indicator: 'crime', impact: -5 },
      { indicator: 'jobs', impact: -4 },
      { indicator: 'investment', impact: 4 },
    ]);
  });

  it('throws for a district not in the region', () => {
    expect(() =>
      scoreDistrict({ region: example, district: 'nowhere', values: {}, at, version: 1 }),
    ).toThrow('District "nowhere" is not in region "akmola"');
  });

  it('scores the year containing `at` in the region zone', () => {
    const region = makeRegion({
      targets: [makeTarget({ year: 2024, target: 50 }), makeTarget({ year: 2025, target: 100 })],
    });
    const values = { jobs: [{ date: '2025-01-01', value: 50 }] };
    // 19:30 UTC on 31 December is already 1 January in Almaty.
    const newYear = new Date('2024-12-31T19:30:00Z');
    const result = scoreDistrict({ region, district: 'alpha', values, at: newYear, version: 1 });
    expect(result.indicators[0]).toMatchObject({ target: 100, score: 50, fresh: true });
  });

  describe('a required indicator without values', () => {
    const region = makeRegion();
    // Jan 1 + 30 + 7 days = local 2025-02-07 00:00 = 2025-02-06T19:00Z.
    const due = new Date('2025-02-06T19:00:00Z');
    const run = (moment: Date) =>
      scoreDistrict({ region, district: 'alpha', values: {}, at: moment, version: 1 });

    it('is not counted until the first report is overdue', () => {
      const result = run(due);
      expect(result.indicators[0]).toMatchObject({
        counted: false,
        score: null,
        status: 'no_data',
      });
      expect(result.score).toBe(0);
      expect(result.coverage).toBe(0);
    });

    it('counts as 0 once past the first grace period', () => {
      const result = run(new Date(due.getTime() + 1));
      expect(result.indicators[0]).toMatchObject({ counted: true, score: 0, status: 'behind' });
      expect(result.indicators[0]?.weight).toBe(1);
      expect(result.indicators[0]?.impact).toBe(-100);
    });
  });

  it('scores 0 with zero coverage when no indicator applies', () => {
    const result = scoreDistrict({ region: example, district: 'beta', values: {}, at, version: 1 });
    expect(result.indicators.map((r) => r.indicator)).toEqual(['parks']);
    const none = scoreDistrict({
      region: makeRegion({ targets: [] }),
      district: 'alpha',
      values: {},
      at,
      version: 1,
    });
    expect(none).toMatchObject({ score: 0, status: 'behind', coverage: 0, indicators: [] });
  });

  it('considers a value fresh up to frequency + grace days after its date', () => {
    const region = makeRegion();
    const run = (date: string) =>
      scoreDistrict({
        region,
        district: 'alpha',
        values: { jobs: [{ date, value: 1 }] },
        at,
        version: 1,
      });
    expect(run('2025-02-06').coverage).toBe(1);
    expect(run('2025-02-05').coverage).toBe(0);
  });
});

describe('scoreDistrict properties', () => {
  const cap = 120;
  // Level indicators without a baseline have plan = target = 100, so each score is min(value, cap).
  const indicators = fc.array(
    fc.record({
      weight: fc.double({ min: 0.1, max: 10, noNaN: true }),
      value: fc.double({ min: 0, max: 200, noNaN: true }),
    }),
    { minLength: 1, maxLength: 6 },
  );
  const run = (items: { weight: number; value: number }[]) => {
    const region = makeRegion({
      indicators: items.map((item, i) => makeIndicator({ id: `i${i}`, weight: item.weight })),
      targets: items.map((_, i) => makeTarget({ indicator: `i${i}`, target: 100 })),
    });
    const values = Object.fromEntries(
      items.map((item, i) => [`i${i}`, [{ date: '2025-03-01', value: item.value }]]),
    );
    return scoreDistrict({ region, district: 'alpha', values, at, version: 1 });
  };

  it('equals the weighted mean of indicator scores and lies within [0, cap]', () => {
    fc.assert(
      fc.property(indicators, (items) => {
        const result = run(items);
        const totalWeight = items.reduce((s, item) => s + item.weight, 0);
        const mean =
          items.reduce((s, item) => s + item.weight * Math.min(item.value, cap), 0) / totalWeight;
        expect(Math.abs(result.score - mean)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(cap);
        const shares = result.indicators.reduce((s, r) => s + r.weight, 0);
        expect(shares).toBeCloseTo(1, 9);
      }),
    );
  });

  it('moves toward an indicator whose weight is raised', () => {
    fc.assert(
      fc.property(
        indicators,
        fc.nat(),
        fc.double({ min: 1, max: 10, noNaN: true }),
        (items, pick, factor) => {
          const k = pick % items.length;
          const own = Math.min(items[k]?.value ?? 0, cap);
          const raised = items.map((item, i) =>
            i === k ? { ...item, weight: item.weight * factor } : item,
          );
          const before = Math.abs(run(items).score - own);
          const after = Math.abs(run(raised).score - own);
          // Rounding each score to 2 decimals can move either by at most 0.005.
          expect(after).toBeLessThanOrEqual(before + 0.01);
        },
      ),
    );
  });
});
