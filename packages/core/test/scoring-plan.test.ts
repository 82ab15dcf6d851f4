import { describe, expect, it } from 'vitest';
import { periodValue, planToDate } from '../src/scoring/index';
import { periodOf } from '../src/time';
import { makeIndicator, makeTarget } from './factories';

describe('planToDate', () => {
  it('moves linearly from baseline to target', () => {
    const target = makeTarget({ baseline: 50, target: 100 });
    expect(planToDate(makeIndicator(), target, 0)).toBe(50);
    expect(planToDate(makeIndicator(), target, 0.2)).toBe(60);
    expect(planToDate(makeIndicator(), target, 1)).toBe(100);
  });

  it('falls linearly when the target is below the baseline', () => {
    const target = makeTarget({ baseline: 20, target: 10 });
    expect(planToDate(makeIndicator({ direction: 'lower' }), target, 0.2)).toBe(18);
  });

  it('starts sum indicators from 0 when no baseline is given', () => {
    const sum = makeIndicator({ mode: 'sum' });
    expect(planToDate(sum, makeTarget({ target: 1000 }), 0.2)).toBe(200);
  });

  it('holds level indicators without a baseline to the target all period', () => {
    expect(planToDate(makeIndicator(), makeTarget({ target: 80 }), 0.2)).toBe(80);
  });

  it('holds the target all period on a flat trajectory, whatever the baseline', () => {
    const flat = makeIndicator({ trajectory: 'flat' });
    expect(planToDate(flat, makeTarget({ baseline: 50, target: 100 }), 0.2)).toBe(100);
  });
});

describe('periodValue', () => {
  const period = periodOf(2025, 'Asia/Almaty');
  const level = makeIndicator({ mode: 'level' });
  const sum = makeIndicator({ mode: 'sum' });

  it('takes the latest-dated value in level mode, whatever the array order', () => {
    const values = [
      { date: '2025-03-01', value: 7 },
      { date: '2025-01-10', value: 5 },
    ];
    expect(periodValue(level, values, period, 'Asia/Almaty')).toEqual({
      value: 7,
      date: '2025-03-01',
    });
  });

  it('sums the values dated within the period in sum mode, dated at the latest', () => {
    const values = [
      { date: '2025-02-15', value: 150 },
      { date: '2024-12-31', value: 500 },
      { date: '2025-01-15', value: 100 },
      { date: '2026-01-01', value: 900 },
    ];
    expect(periodValue(sum, values, period, 'Asia/Almaty')).toEqual({
      value: 250,
      date: '2025-02-15',
    });
  });

  it('bounds the period by local calendar dates', () => {
    const values = [
      { date: '2025-01-01', value: 1 },
      { date: '2025-12-31', value: 2 },
    ];
    expect(periodValue(sum, values, period, 'Asia/Almaty')).toEqual({
      value: 3,
      date: '2025-12-31',
    });
  });

  it('is null when nothing is dated in the period', () => {
    expect(periodValue(level, [], period, 'Asia/Almaty')).toBeNull();
    const outside = [{ date: '2024-12-31', value: 1 }];
    expect(periodValue(level, outside, period, 'Asia/Almaty')).toBeNull();
  });

  it('ignores entries with an unreal date or a non-finite value', () => {
    const values = [
      { date: '2025-02-30', value: 1 },
      { date: '2025-03-01', value: Number.NaN },
      { date: '2025-01-05', value: 4 },
    ];
    expect(periodValue(level, values, period, 'Asia/Almaty')).toEqual({
      value: 4,
      date: '2025-01-05',
    });
  });
});
