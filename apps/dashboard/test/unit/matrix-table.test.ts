import { describe, expect, it } from 'vitest';
import {
  ariaSort,
  percentOfPlan,
  RANK_ORDER,
  sortRows,
  toggleSort,
} from '../../src/lib/state/matrix-table';

describe('percentOfPlan', () => {
  it('is value against plan, or plan against value when less is better', () => {
    expect(percentOfPlan({ value: 45, planToDate: 50 }, 'higher')).toBeCloseTo(90);
    expect(percentOfPlan({ value: 5, planToDate: 4 }, 'lower')).toBeCloseTo(80);
  });

  it('is null without a value or a plan', () => {
    expect(percentOfPlan({ value: null, planToDate: 50 }, 'higher')).toBeNull();
    expect(percentOfPlan({ value: 3, planToDate: 0 }, 'higher')).toBeNull();
    expect(percentOfPlan({ value: 0, planToDate: 4 }, 'lower')).toBeNull();
    expect(percentOfPlan(undefined, 'higher')).toBeNull();
  });
});

describe('matrix sorting', () => {
  const rows = [
    { id: 'a', rank: 1, name: 'Щучинск' },
    { id: 'b', rank: 2, name: 'Аршалы' },
    { id: 'c', rank: 3, name: 'Зеренди' },
  ];
  const scores: Record<string, number | null> = { a: 70, b: null, c: 95 };
  const scoreOf = (d: string) => scores[d] ?? null;

  it('starts an indicator column best first, flips on a second click', () => {
    const first = toggleSort(RANK_ORDER, { by: 'indicator', id: 'gdp' });
    expect(first.direction).toBe('descending');
    expect(sortRows(rows, first, scoreOf, 'ru').map((r) => r.id)).toEqual(['c', 'a', 'b']);
    const second = toggleSort(first, { by: 'indicator', id: 'gdp' });
    expect(second.direction).toBe('ascending');
    // Rows without a score stay last either way.
    expect(sortRows(rows, second, scoreOf, 'ru').map((r) => r.id)).toEqual(['a', 'c', 'b']);
    expect(toggleSort(second, { by: 'indicator', id: 'jobs' }).direction).toBe('descending');
  });

  it('sorts by name in the language collation and by rank', () => {
    const byName = toggleSort(RANK_ORDER, { by: 'name' });
    expect(sortRows(rows, byName, scoreOf, 'ru').map((r) => r.id)).toEqual(['b', 'c', 'a']);
    const rankDown = toggleSort(RANK_ORDER, { by: 'rank' });
    expect(sortRows(rows, rankDown, scoreOf, 'ru').map((r) => r.id)).toEqual(['c', 'b', 'a']);
  });

  it('names the direction only on the sorted header', () => {
    const sort = toggleSort(RANK_ORDER, { by: 'indicator', id: 'gdp' });
    expect(ariaSort(sort, { by: 'indicator', id: 'gdp' })).toBe('descending');
    expect(ariaSort(sort, { by: 'indicator', id: 'jobs' })).toBe('none');
    expect(ariaSort(RANK_ORDER, { by: 'rank' })).toBe('ascending');
    expect(ariaSort(RANK_ORDER, { by: 'name' })).toBe('none');
  });
});
