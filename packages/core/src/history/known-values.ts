import type { DatedValue } from '../scoring/period-value';

/** One value as the history keeps it: the date it refers to, the value, and when it was accepted. */
export interface AcceptedValue {
  date: string;
  value: number;
  /** Accepted at (epoch ms). */
  at: number;
}

/**
 * The current value of each date as it was known at `cutoffMs`: only values accepted by then
 * count, and of several for one date (corrections) the one accepted last wins, as when they were
 * applied (a tie goes to the one later in `history`, which is arrival order).
 */
export function valuesKnownAt(history: readonly AcceptedValue[], cutoffMs: number): DatedValue[] {
  const byDate = new Map<string, AcceptedValue>();
  for (const entry of history) {
    if (entry.at > cutoffMs) continue;
    const held = byDate.get(entry.date);
    if (!held || held.at <= entry.at) byDate.set(entry.date, entry);
  }
  return [...byDate.values()].map(({ date, value }) => ({ date, value }));
}

/** How many values of `history` were accepted by `cutoffMs`: the data version then. */
export function versionKnownAt(history: readonly AcceptedValue[], cutoffMs: number): number {
  let count = 0;
  for (const entry of history) if (entry.at <= cutoffMs) count += 1;
  return count;
}
