import { describe, expect, it } from 'vitest';
import { indicatorScore, onTrackNeeds, scoreDistrict, valueForScore } from '../src/index';
import { makeIndicator, makeRegion, makeTarget } from './factories';

describe('the value an indicator needs for a score', () => {
  it('is the inverse of the indicator score, for both directions and any plan sign', () => {
    for (const [plan, direction, scale] of [
      [80, 'higher', 100],
      [5, 'lower', 6],
      [-2, 'higher', 10],
      [-2, 'lower', 10],
    ] as const) {
      const value = valueForScore(90, plan, direction, scale);
      expect(indicatorScore(value, plan, direction, 120, scale)).toBeCloseTo(90, 9);
    }
  });
});

describe('what a lagging district needs to be on track', () => {
  const region = makeRegion({
    indicators: [
      makeIndicator({ id: 'roads', frequencyDays: 30 }),
      makeIndicator({ id: 'jobs', mode: 'sum', frequencyDays: 30 }),
    ],
    targets: [
      makeTarget({ indicator: 'roads', year: 2026, baseline: 0, target: 100 }),
      makeTarget({ indicator: 'jobs', year: 2026, target: 1200 }),
    ],
  });
  // 1 July 2026, 00:00 in Almaty: half a year (181 of 365 days) elapsed.
  const at = new Date('2026-06-30T19:00:00Z');
  const score = scoreDistrict({
    region,
    district: 'alpha',
    values: {
      roads: [{ date: '2026-06-15', value: 20 }],
      jobs: [{ date: '2026-06-20', value: 100 }],
    },
    at,
    version: 2,
  });

  it('gives the value by the next report (last report + interval) and by year end', () => {
    const needs = onTrackNeeds(region, score);
    const roads = needs.find((n) => n.indicator === 'roads');
    expect(roads?.nextReport).toBe('2026-07-15');
    // Plan on 15 July: 100 × 195/365; on track is 90% of it.
    expect(roads?.byNextReport).toBeCloseTo(0.9 * 100 * (195 / 365), 2);
    expect(roads?.byYearEnd).toBe(90);
    expect(roads?.moreByYearEnd).toBeNull();
  });

  it('says how much a sum indicator must still add', () => {
    const jobs = onTrackNeeds(region, score).find((n) => n.indicator === 'jobs');
    expect(jobs?.byYearEnd).toBe(1080);
    expect(jobs?.moreByYearEnd).toBe(980);
  });

  it('leaves out indicators already on track, and dates an overdue report today', () => {
    const later = scoreDistrict({
      region,
      district: 'alpha',
      values: { roads: [{ date: '2026-01-10', value: 95 }], jobs: [] },
      at,
      version: 1,
    });
    const needs = onTrackNeeds(region, later);
    expect(needs.map((n) => n.indicator)).toEqual(['jobs']);
    expect(needs[0]?.nextReport).toBe('2026-07-01');
  });

  it('dates a report due after the year on its last day', () => {
    const december = scoreDistrict({
      region,
      district: 'alpha',
      values: { roads: [{ date: '2026-12-20', value: 10 }] },
      at: new Date('2026-12-21T10:00:00Z'),
      version: 1,
    });
    const roads = onTrackNeeds(region, december).find((n) => n.indicator === 'roads');
    expect(roads?.nextReport).toBe('2026-12-31');
  });
});
