import { describe, expect, it } from 'vitest';
import { topBottom } from '../../src/lib/state/national';

const ranks = (n: number) => Array.from({ length: n }, (_, i) => ({ rank: n - i }));

describe('topBottom', () => {
  it('takes the best and the worst n in rank order', () => {
    const { top, bottom } = topBottom(ranks(20), 3);
    expect(top.map((e) => e.rank)).toEqual([1, 2, 3]);
    expect(bottom.map((e) => e.rank)).toEqual([18, 19, 20]);
  });

  it('never shows a row twice when there are fewer than 2n rows', () => {
    const { top, bottom } = topBottom(ranks(4), 3);
    expect(top.map((e) => e.rank)).toEqual([1, 2, 3]);
    expect(bottom.map((e) => e.rank)).toEqual([4]);
    expect(topBottom(ranks(2), 3).bottom).toEqual([]);
    expect(topBottom([], 3)).toEqual({ top: [], bottom: [] });
  });
});
