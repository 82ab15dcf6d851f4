import type { IndicatorResult } from '@region-score/contracts';

/**
 * Fulfilment of the plan to date in %: value against plan for "more is better", plan against
 * value for "less is better" (so 100 % and above is on plan either way). Null without a value
 * or a plan.
 */
export function percentOfPlan(
  result: Pick<IndicatorResult, 'value' | 'planToDate'> | undefined,
  direction: string,
): number | null {
  if (!result || result.value === null) return null;
  const { value, planToDate } = result;
  if (direction === 'lower') return value > 0 ? (planToDate / value) * 100 : null;
  return planToDate > 0 ? (value / planToDate) * 100 : null;
}

/** What the heat map is sorted by: the rank, the district name, or one indicator column. */
export type SortKey = { by: 'rank' } | { by: 'name' } | { by: 'indicator'; id: string };
export type SortDirection = 'ascending' | 'descending';
export interface MatrixSort {
  key: SortKey;
  direction: SortDirection;
}

/** The default order: the live ranking. */
export const RANK_ORDER: MatrixSort = { key: { by: 'rank' }, direction: 'ascending' };

/** A heat-map row as the sort sees it. */
export interface SortableRow {
  id: string;
  rank: number;
  name: string;
}

/**
 * The sort after clicking a header: a new column starts in its natural order (rank and name
 * ascending, an indicator best first), the same column again flips the direction.
 */
export function toggleSort(current: MatrixSort, key: SortKey): MatrixSort {
  const same =
    current.key.by === key.by &&
    (key.by !== 'indicator' || (current.key.by === 'indicator' && current.key.id === key.id));
  if (same) {
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { key, direction: key.by === 'indicator' ? 'descending' : 'ascending' };
}

/** `aria-sort` of a header: the sorted column says its direction, the others "none". */
export function ariaSort(sort: MatrixSort, key: SortKey): SortDirection | 'none' {
  const same =
    sort.key.by === key.by &&
    (key.by !== 'indicator' || (sort.key.by === 'indicator' && sort.key.id === key.id));
  return same ? sort.direction : 'none';
}

/**
 * Sorts rows by the chosen column. An indicator column sorts by its score (the same whether the
 * cells show scores or % of plan); rows without a score go last in either direction, and ties
 * keep the rank order.
 */
export function sortRows<T extends SortableRow>(
  rows: readonly T[],
  sort: MatrixSort,
  scoreOf: (districtId: string, indicatorId: string) => number | null,
  locale: string,
): T[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const key = sort.key;
  const byRank = (a: T, b: T) => a.rank - b.rank;
  return [...rows].sort((a, b) => {
    if (key.by === 'rank') return sign * byRank(a, b);
    if (key.by === 'name') return sign * a.name.localeCompare(b.name, locale) || byRank(a, b);
    const x = scoreOf(a.id, key.id);
    const y = scoreOf(b.id, key.id);
    if (x === null || y === null) return x === y ? byRank(a, b) : x === null ? 1 : -1;
    return sign * (x - y) || byRank(a, b);
  });
}
