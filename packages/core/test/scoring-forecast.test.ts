import { describe, expect, it } from 'vitest';
import { FORECAST_MIN_POINTS } from '../src/scoring/forecast';
import { forecastEnd } from '../src/scoring/index';
import { periodOf } from '../src/time';
import { makeIndicator, makeTarget } from './factories';

// In UTC, 2025-01-01 is x = 0, 2025-03-15 is x = 0.2 (day 73 of 365), 2025-05-27 is x = 0.4.
const zone = 'UTC';
const period = periodOf(2025, zone);
const level = makeIndicator({ mode: 'level' });
// Three values on the line y = 10 + 50x, unsorted: the line reaches 60 at the period end.
const three = [
  { date: '2025-03-15', value: 20 },
  { date: '2025-01-01', value: 10 },
  { date: '2025-05-27', value: 30 },
];

describe('forecastEnd', () => {
  it('projects the least-squares line of level values to the period end', () => {
    const forecast = forecastEnd(level, makeTarget({ target: 100 }), three, period, zone);
    expect(forecast?.value).toBeCloseTo(60, 9);
    expect(forecast?.miss).toBe(true);
    expect(forecast?.gapPct).toBeCloseTo(40, 9);
    expect(forecast?.target).toBe(100);
    expect(forecast?.points).toBe(3);
  });

  it('fits points that are not on one line', () => {
    const values = [
      { date: '2025-01-01', value: 10 },
      { date: '2025-03-15', value: 30 },
      { date: '2025-05-27', value: 20 },
    ];
    // mean x 0.2, mean y 20, slope 2 / 0.08 = 25 → 20 + 25 · 0.8 = 40.
    const forecast = forecastEnd(level, makeTarget({ target: 30 }), values, period, zone);
    expect(forecast?.value).toBeCloseTo(40, 9);
    expect(forecast?.miss).toBe(false);
    expect(forecast?.gapPct).toBe(0);
    expect(forecast?.points).toBe(3);
  });

  it('fits the running total in sum mode, in date order', () => {
    const sum = makeIndicator({ mode: 'sum' });
    const values = [
      { date: '2025-05-27', value: 10 },
      { date: '2025-01-01', value: 10 },
      { date: '2025-03-15', value: 10 },
    ];
    const forecast = forecastEnd(sum, makeTarget({ target: 50 }), values, period, zone);
    expect(forecast?.value).toBeCloseTo(60, 9);
    expect(forecast?.miss).toBe(false);
  });

  it('flags a miss upward for lower-is-better indicators', () => {
    const lower = makeIndicator({ direction: 'lower' });
    const forecast = forecastEnd(lower, makeTarget({ target: 50 }), three, period, zone);
    expect(forecast?.miss).toBe(true);
    expect(forecast?.gapPct).toBeCloseTo(20, 9);
  });

  it('uses the absolute shortfall when the target is 0', () => {
    const lower = makeIndicator({ direction: 'lower' });
    const forecast = forecastEnd(lower, makeTarget({ target: 0 }), three, period, zone);
    expect(forecast?.gapPct).toBeCloseTo(60, 9);
  });

  it('measures the gap against |target| when the target is negative', () => {
    const forecast = forecastEnd(level, makeTarget({ target: -40 }), three, period, zone);
    expect(forecast?.miss).toBe(false);
    const lower = makeIndicator({ direction: 'lower' });
    // Projected 60 against −40: shortfall 100, |target| 40 → 250 %.
    expect(
      forecastEnd(lower, makeTarget({ target: -40 }), three, period, zone)?.gapPct,
    ).toBeCloseTo(250, 9);
  });

  it('ignores values outside the period', () => {
    const values = [
      ...three,
      { date: '2024-06-01', value: 1000 },
      { date: '2026-01-01', value: 0 },
    ];
    const forecast = forecastEnd(level, makeTarget(), values, period, zone);
    expect(forecast?.value).toBeCloseTo(60, 9);
    expect(forecast?.points).toBe(3);
  });

  it('needs FORECAST_MIN_POINTS (3) values: two early reports make no trend', () => {
    expect(FORECAST_MIN_POINTS).toBe(3);
    const target = makeTarget();
    expect(forecastEnd(level, target, [], period, zone)).toBeNull();
    expect(forecastEnd(level, target, [{ date: '2025-03-15', value: 1 }], period, zone)).toBeNull();
    const two = three.slice(0, 2);
    expect(forecastEnd(level, target, two, period, zone)).toBeNull();
    expect(forecastEnd(makeIndicator({ mode: 'sum' }), target, two, period, zone)).toBeNull();
    expect(forecastEnd(level, target, three, period, zone)?.points).toBe(FORECAST_MIN_POINTS);
  });

  it('counts only values in the period towards the minimum', () => {
    const twoInPeriod = [...three.slice(0, 2), { date: '2024-12-31', value: 5 }];
    expect(forecastEnd(level, makeTarget(), twoInPeriod, period, zone)).toBeNull();
    const lastYear = [
      { date: '2024-03-15', value: 1 },
      { date: '2024-06-15', value: 2 },
      { date: '2024-09-15', value: 3 },
    ];
    expect(forecastEnd(level, makeTarget(), lastYear, period, zone)).toBeNull();
  });

  it('is null without two distinct dates, however many values', () => {
    const sameDay = [1, 2, 3].map((value) => ({ date: '2025-03-15', value }));
    expect(forecastEnd(level, makeTarget(), sameDay, period, zone)).toBeNull();
  });
});
