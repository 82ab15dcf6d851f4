import { describe, expect, it } from 'vitest';
import {
  burnInOffset,
  nextPage,
  pageCount,
  pageOf,
  pageSlice,
  wallLayout,
} from '../../src/lib/state/paging';

const rows = Array.from({ length: 20 }, (_, i) => i + 1);

describe('wallLayout', () => {
  it('fits 20 rows in two columns on a 16:9 wall', () => {
    expect(wallLayout(1850, 830, 20, 78)).toEqual({ columns: 2, rowsPerColumn: 10, perPage: 20 });
    expect(wallLayout(3700, 1660, 20, 156)).toEqual({ columns: 2, rowsPerColumn: 10, perPage: 20 });
  });

  it('uses one column on a narrow screen and pages', () => {
    const layout = wallLayout(800, 1000, 20, 80);
    expect(layout).toEqual({ columns: 1, rowsPerColumn: 12, perPage: 12 });
    expect(pageCount(20, layout.perPage)).toBe(2);
  });

  it('balances short lists across columns', () => {
    expect(wallLayout(1850, 830, 14, 78)).toEqual({ columns: 2, rowsPerColumn: 7, perPage: 14 });
  });
});

describe('paging', () => {
  it('slices pages and wraps past the end', () => {
    expect(pageSlice(rows, 0, 8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(pageSlice(rows, 2, 8)).toEqual([17, 18, 19, 20]);
    expect(pageSlice(rows, 3, 8)).toEqual(pageSlice(rows, 0, 8));
  });

  it('counts at least one page', () => {
    expect(pageCount(0, 10)).toBe(1);
    expect(pageCount(20, 20)).toBe(1);
    expect(pageCount(21, 20)).toBe(2);
  });

  it('finds the page of a row and cycles pages on the timer', () => {
    expect(pageOf(0, 8)).toBe(0);
    expect(pageOf(17, 8)).toBe(2);
    expect(nextPage(0, 3)).toBe(1);
    expect(nextPage(2, 3)).toBe(0);
    expect(nextPage(0, 1)).toBe(0);
  });
});

describe('burnInOffset', () => {
  it('moves a few pixels at most and cycles', () => {
    for (let step = 0; step < 30; step++) {
      const { x, y } = burnInOffset(step);
      expect(Math.abs(x)).toBeLessThanOrEqual(3);
      expect(Math.abs(y)).toBeLessThanOrEqual(3);
    }
    expect(burnInOffset(0)).toEqual({ x: 0, y: 0 });
    expect(burnInOffset(1)).not.toEqual(burnInOffset(0));
    expect(burnInOffset(9)).toEqual(burnInOffset(0));
  });
});
