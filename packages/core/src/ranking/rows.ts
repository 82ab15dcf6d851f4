import type {
  FrameEntry,
  LocalizedName,
  NationalRanking,
  RankingEntry,
  Region,
  RegionRanking,
  ScoreSummary,
  Status,
  Thresholds,
} from '@region-score/contracts';
import { METHODOLOGY_VERSION } from '../scoring/methodology';
import { round } from '../scoring/round';
import { statusOf } from '../scoring/status';
import { pushSparkPoint, sparkBucketOf, type SparkPoint } from './sparkline';

/*
 * The ranking row, from a stored score to a pixel: built here once, and used by the worker (which
 * records ranks), the HTTP reads, the live gateway (which frames changes) and the screens (which
 * merge frames). Nothing else builds, ranks, aggregates or merges rows.
 */

/** A ranking row before it is placed: everything but its rank and rank change. */
export type UnrankedEntry = Omit<RankingEntry, 'rank' | 'rankChange'>;

/** What a row shows of a score: a stored `ScoreSummary` without the district id. */
export type RowScore = Omit<ScoreSummary, 'district'>;

/** Something a ranking has a row for: a district or city of a region, or a region. */
export interface RankedPlace {
  id: string;
  kind: RankingEntry['kind'];
  name: LocalizedName;
}

/** A region's (or the country's) aggregate of its rows. */
export interface Aggregate {
  score: number;
  status: Status;
  /** Mean coverage of the rows, 4 decimals. */
  coverage: number;
  /** Sum of the rows' data versions: grows whenever any row's data does. */
  version: number;
}

/**
 * The row of a place from its stored score summary and sparkline. A place never scored yet ranks
 * with score 0, status behind, coverage 0 and version 0: not reporting never ranks well.
 */
export function rankingRow(
  place: RankedPlace,
  score: RowScore | undefined,
  sparkline: readonly SparkPoint[] = [],
): UnrankedEntry {
  const last = sparkline[sparkline.length - 1];
  return {
    id: place.id,
    kind: place.kind,
    name: place.name,
    score: score?.score ?? 0,
    status: score?.status ?? 'behind',
    coverage: score?.coverage ?? 0,
    version: score?.version ?? 0,
    history: sparkline.map((p) => p.score),
    sparkBucket: last ? last.bucket : 0,
  };
}

/**
 * A row after a newer score (the caller has checked it is newer, see `isNewer`): every field
 * taken, and the score added to the sparkline in the bucket of `computedAt`.
 */
export function withRowScore(row: UnrankedEntry, score: RowScore): UnrankedEntry {
  const bucket = sparkBucketOf(Date.parse(score.computedAt));
  return {
    ...row,
    score: score.score,
    status: score.status,
    coverage: score.coverage,
    version: score.version,
    history: pushSparkPoint(row.history, row.sparkBucket, bucket, score.score),
    sparkBucket: bucket,
  };
}

/**
 * Ranks rows by score (highest first), ties by English name (locale-aware `en` collation), then by
 * id (code points), and fills in the rank (1-based) and the places gained since `previousRanks`
 * (0 for a row not ranked before).
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

/** The ranking order: higher score first, then English name, then id. */
export function compareRows(a: UnrankedEntry, b: UnrankedEntry): number {
  if (a.score !== b.score) return b.score - a.score;
  const byName = a.name.en.localeCompare(b.name.en, 'en');
  if (byName !== 0) return byName;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The aggregate score of a region: the plain mean of its district and city scores, 2 decimals,
 * 0 when it has none. Unweighted on purpose: every district counts the same, whatever its size.
 */
export function aggregateScore(scores: readonly number[]): number {
  if (scores.length === 0) return 0;
  return round(scores.reduce((total, s) => total + s, 0) / scores.length, 2);
}

/** The aggregate of a set of rows, its status judged by `thresholds`. */
export function aggregateRows(rows: readonly UnrankedEntry[], thresholds: Thresholds): Aggregate {
  const score = aggregateScore(rows.map((r) => r.score));
  const coverage = rows.length ? rows.reduce((a, r) => a + r.coverage, 0) / rows.length : 0;
  return {
    score,
    status: statusOf(score, thresholds),
    coverage: round(coverage, 4),
    version: rows.reduce((a, r) => a + r.version, 0),
  };
}

/** A region's ranking of its districts and cities. */
export function regionRanking(
  region: Region,
  rows: readonly UnrankedEntry[],
  previousRanks: Readonly<Record<string, number>>,
  at: Date,
): RegionRanking {
  const { score, status } = aggregateRows(rows, region.scoring.thresholds);
  return {
    region: region.id,
    name: region.name,
    score,
    status,
    methodology: METHODOLOGY_VERSION,
    generatedAt: at.toISOString(),
    entries: rankEntries(rows, previousRanks),
  };
}

/**
 * A region's row in the national ranking: its aggregate, status by the region's own thresholds.
 * No sparkline: the national view shows regions' scores, not their recent moves.
 */
export function nationalRow(region: Region, aggregate: Aggregate): UnrankedEntry {
  return {
    id: region.id,
    kind: 'region',
    name: region.name,
    ...aggregate,
    history: [],
    sparkBucket: 0,
  };
}

/** The national ranking of regions. */
export function nationalRanking(
  name: LocalizedName,
  rows: readonly UnrankedEntry[],
  previousRanks: Readonly<Record<string, number>>,
  at: Date,
): NationalRanking {
  return {
    name,
    methodology: METHODOLOGY_VERSION,
    generatedAt: at.toISOString(),
    entries: rankEntries(rows, previousRanks),
  };
}

/**
 * A ranked entry as a live frame carries it: without what the screen already holds (its name and
 * sparkline), plus the newest sparkline point.
 */
export function toFrameEntry(entry: RankingEntry): FrameEntry {
  const { history, name: _name, ...rest } = entry;
  return { ...rest, point: history[history.length - 1] ?? null };
}

/**
 * Applies a live frame's changed row to the row a screen holds (see `FrameEntry`): every field is
 * taken; the sparkline point, if the row has one, goes in by `pushSparkPoint`. The one merge rule
 * for the dashboard and any other client.
 */
export function mergeFrameEntry(held: RankingEntry, change: FrameEntry): RankingEntry {
  const { point, ...fields } = change;
  const history =
    point === null
      ? held.history
      : pushSparkPoint(held.history, held.sparkBucket, change.sparkBucket, point);
  return { ...held, ...fields, history };
}
