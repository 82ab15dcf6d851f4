/** How the wall lays its rows out: columns, rows per column, rows per page. */
export interface WallLayout {
  columns: number;
  rowsPerColumn: number;
  perPage: number;
}

/**
 * Fits rows into the list area. Rows are at least `minRowPx` high (readable from 5 m); a wide
 * screen gets two columns once one column would not hold every row.
 */
export function wallLayout(
  width: number,
  height: number,
  count: number,
  minRowPx: number,
): WallLayout {
  const rowsPerColumn = Math.max(1, Math.floor(height / Math.max(1, minRowPx)));
  const wide = width >= height * 1.3;
  const columns = wide && count > rowsPerColumn ? 2 : 1;
  const rows = columns === 2 ? Math.min(rowsPerColumn, Math.ceil(count / 2)) : rowsPerColumn;
  return { columns, rowsPerColumn: rows, perPage: Math.max(1, rows * columns) };
}

/** Number of pages needed for `total` rows (at least one, even when empty). */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, perPage)));
}

/** The rows of one page; a page past the end wraps to a valid one. */
export function pageSlice<T>(items: readonly T[], page: number, perPage: number): T[] {
  const size = Math.max(1, perPage);
  const pages = pageCount(items.length, size);
  const index = ((page % pages) + pages) % pages;
  return items.slice(index * size, index * size + size);
}

/** The page showing the row at `index`. */
export function pageOf(index: number, perPage: number): number {
  return Math.floor(Math.max(0, index) / Math.max(1, perPage));
}

/** The next page on the paging timer, back to the first after the last. */
export function nextPage(page: number, pages: number): number {
  return pages <= 1 ? 0 : (page + 1) % pages;
}

/** Pixel offsets the wall cycles through, a few pixels each way, against burn-in. */
const BURN_IN_OFFSETS: readonly (readonly [number, number])[] = [
  [0, 0],
  [2, 1],
  [-1, 2],
  [-2, -1],
  [1, -2],
  [3, 0],
  [0, 3],
  [-3, 0],
  [0, -3],
];

/** The shift for step `n` of the burn-in cycle. */
export function burnInOffset(step: number): { x: number; y: number } {
  const n = BURN_IN_OFFSETS.length;
  const [x, y] = BURN_IN_OFFSETS[((step % n) + n) % n] ?? [0, 0];
  return { x, y };
}
