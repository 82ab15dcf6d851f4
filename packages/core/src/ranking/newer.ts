/**
 * Which of two scores of one district is newer. Scores are ordered by the data version they were
 * computed from (it grows with every value written), then by when they were computed, so that a
 * rescoring without new data (the plan moved with the calendar) still replaces the older result.
 * This is a total order on (version, computedAt): the worker's atomic write (Lua
 * `write-score.lua`, which keeps a score unless the stored one is strictly newer), the live
 * gateway and the worker's own bookkeeping all decide with it.
 */
export interface ScoreStamp {
  version: number;
  /** ISO-8601 instant, UTC (`Date#toISOString`), so strings compare as instants. */
  computedAt: string;
}

/** Negative when `a` is older than `b`, 0 when the same, positive when newer. */
export function compareStamps(a: ScoreStamp, b: ScoreStamp): number {
  if (a.version !== b.version) return a.version - b.version;
  return a.computedAt < b.computedAt ? -1 : a.computedAt > b.computedAt ? 1 : 0;
}

/** Whether `candidate` is strictly newer than `known` (anything is newer than nothing). */
export function isNewer(candidate: ScoreStamp, known: ScoreStamp | undefined | null): boolean {
  return !known || compareStamps(candidate, known) > 0;
}

/** The newest of each key's stamps, by `isNewer`. */
export function newestBy<T extends ScoreStamp>(items: Iterable<T>, key: (item: T) => string): T[] {
  const newest = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (isNewer(item, newest.get(k))) newest.set(k, item);
  }
  return [...newest.values()];
}
