import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '@region-score/contracts';
import { elapsed, planAt, planLine, reportedSeries, yearPeriod } from '../../src/lib/state/plan';

const period = yearPeriod('2025-05-10T12:00:00Z');
const mid = period.start + (period.end - period.start) / 2;

describe('planLine', () => {
  it('runs from the baseline at the start to the target at the end', () => {
    const line = planLine({ target: 100, baseline: 50, planToDate: 75 }, mid, period);
    expect(line.trajectory).toBe('linear');
    expect(line.start).toEqual({ at: Date.UTC(2025, 0, 1), value: 50 });
    expect(line.end).toEqual({ at: Date.UTC(2026, 0, 1), value: 100 });
    expect(planAt(line, mid)).toBeCloseTo(75);
  });

  it('is flat when the indicator says so, or when the plan already equals the target', () => {
    expect(
      planLine({ target: 80, baseline: 60, planToDate: 70 }, mid, period, 'flat'),
    ).toMatchObject({ trajectory: 'flat', start: { value: 80 } });
    const inferred = planLine({ target: 80, baseline: 60, planToDate: 80 }, mid, period);
    expect(inferred.trajectory).toBe('flat');
    expect(planAt(inferred, period.start)).toBe(80);
  });

  it('solves a missing baseline from the plan to date', () => {
    const line = planLine({ target: 1000, baseline: null, planToDate: 500 }, mid, period);
    expect(line.start.value).toBeCloseTo(0);
    expect(
      planLine({ target: 10, baseline: null, planToDate: 10 }, period.end, period).start.value,
    ).toBe(10);
  });
});

describe('elapsed', () => {
  it('is clamped to the period', () => {
    expect(elapsed(period, period.start - 1)).toBe(0);
    expect(elapsed(period, period.end + 1)).toBe(1);
    expect(elapsed(period, mid)).toBeCloseTo(0.5);
  });
});

describe('reportedSeries', () => {
  const e = (date: string, value: number, current = true): HistoryEntry => ({
    date,
    value,
    current,
    correction: false,
    reportedAt: `${date}T08:00:00Z`,
    reportedBy: 'key:test',
    obsId: `${date}-${value}`,
  });

  it('keeps current values only, in date order', () => {
    const series = reportedSeries(
      [e('2025-03-01', 30), e('2025-01-01', 10), e('2025-03-01', 25, false)],
      'level',
    );
    expect(series.value).toEqual([10, 30]);
    expect(series.at).toEqual([Date.UTC(2025, 0, 1), Date.UTC(2025, 2, 1)]);
  });

  it('sums increments for sum indicators and drops values outside the period', () => {
    const series = reportedSeries(
      [e('2024-12-31', 99), e('2025-01-15', 5), e('2025-02-15', 7)],
      'sum',
      period,
    );
    expect(series.value).toEqual([5, 12]);
  });
});
