import type { FrameEntry, RankingEntry } from '@region-score/contracts';
import { round } from './round';

/** A ranking row before it is placed: everything but its rank and rank change. */
export type UnrankedEntry = Omit<RankingEntry, 'rank' | 'rankChange'>;

/**
 * Ranks rows by score (highest first), ties by English name, then by id, and fills in the rank
 * (1-based) and the places gained since `previousRanks` (0 for a row not ranked before).
 *
 * The order is total for distinct ids, so every node that ranks the same rows produces the same
 * ranking whatever order the rows arrived in; live frames from different API nodes agree.
 */
export function rankEntries(
  rows: readonly UnrankedEntry[],
  previousRanks: Readonly<Record<string, number>>,
): RankingEntry[] {
  return [...rows].sort(compareRows).map((row, index) => {
    const rank = index + 1;
    const previous = Object.hasOwn(previousRanks, row.id) ? previousRanks[row.id] : undefined;
    return { ...row, rank, rankChange: previous === undefined ? 0 : previous - rank };
  });
}

/**
 * The aggregate score of a region: the plain mean of its district and city scores, 2 decimals,
 * 0 when it has none. Unweighted on purpose: every district counts the same, whatever its size.
 */
export function aggregateScore(scores: readonly number[]): number {
  if (scores.length === 0) return 0;
  return round(scores.reduce((total, s) => total + s, 0) / scores.length, 2);
}

function compareRows(a: UnrankedEntry, b: UnrankedEntry): number {
  if (a.score !== b.score) return b.score - a.score;
  const byName = a.name.en.localeCompare(b.name.en, 'en');
  if (byName !== 0) return byName;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Applies a live frame's changed row to the row a screen holds (see `FrameEntry`): every field is
 * taken; the sparkline point replaces the last one within the same minute, else it is appended.
 * The one merge rule for the dashboard and any other client.
 */
export function mergeFrameEntry(
  held: RankingEntry,
  change: FrameEntry,
  maxPoints = 60,
): RankingEntry {
  const { point, ...fields } = change;
  const history =
    held.sparkBucket === change.sparkBucket && held.history.length > 0
      ? [...held.history.slice(0, -1), point]
      : [...held.history, point];
  return { ...held, ...fields, history: history.slice(-maxPoints) };
}
