/** Up to this many regions, the national view gives each region room for its districts. */
export const FEW_REGIONS = 3;

/**
 * The best and the worst `n` of a ranking (in rank order), never the same row in both: with
 * fewer than 2n rows the bottom list takes what the top one left.
 */
export function topBottom<T extends { rank: number }>(
  entries: readonly T[],
  n: number,
): { top: T[]; bottom: T[] } {
  const sorted = [...entries].sort((a, b) => a.rank - b.rank);
  const top = sorted.slice(0, n);
  const bottom = sorted.slice(Math.max(top.length, sorted.length - n));
  return { top, bottom };
}
