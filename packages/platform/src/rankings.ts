import type { Redis } from 'ioredis';
import {
  METHODOLOGY_VERSION,
  addDays,
  aggregateScore,
  localDate,
  rankEntries,
  statusOf,
} from '@region-score/core';
import type { NationalRanking, Region, RankingEntry, RegionRanking } from '@region-score/contracts';
import type { KeySpace } from './keys';
import { readRanks, readScoreHistories, readSummaries, writeRanks } from './score-store';

/**
 * Builds a region's live ranking from stored summaries, sparkline histories and yesterday's
 * ranks. A district never scored yet ranks with score 0.
 */
export async function loadRegionRanking(
  redis: Redis,
  keys: KeySpace,
  region: Region,
  at: Date,
): Promise<RegionRanking> {
  const today = localDate(at, region.timezone);
  const ids = region.districts.map((d) => d.id);
  const [summaries, previous, histories] = await Promise.all([
    readSummaries(redis, keys, region.id),
    readRanks(redis, keys.dailyRanks(region.id, addDays(today, -1))),
    readScoreHistories(redis, keys, region.id, ids),
  ]);
  const rows = region.districts.map((d) => {
    const s = summaries.get(d.id);
    const points = histories[d.id] ?? [];
    const last = points[points.length - 1];
    return {
      id: d.id,
      kind: d.kind,
      name: d.name,
      score: s?.score ?? 0,
      status: s?.status ?? ('behind' as const),
      coverage: s?.coverage ?? 0,
      version: s?.version ?? 0,
      history: points.map((p) => p.score),
      sparkBucket: last ? Math.floor(Date.parse(last.at) / 60_000) : 0,
    };
  });
  const entries = rankEntries(rows, previous);
  const score = aggregateScore(entries.map((e) => e.score));
  return {
    region: region.id,
    name: region.name,
    score,
    status: statusOf(score, region.scoring.thresholds),
    methodology: METHODOLOGY_VERSION,
    generatedAt: at.toISOString(),
    entries,
  };
}

/** Records the current ranks of a region under today's date. */
export async function recordRegionRanks(
  redis: Redis,
  keys: KeySpace,
  region: Region,
  entries: readonly RankingEntry[],
  at: Date,
): Promise<void> {
  const ranks = Object.fromEntries(entries.map((e) => [e.id, e.rank]));
  await writeRanks(redis, keys.dailyRanks(region.id, localDate(at, region.timezone)), ranks);
}

/** Ranks regions by their aggregate score with the same engine as districts. */
export async function loadNationalRanking(
  redis: Redis,
  keys: KeySpace,
  regions: readonly Region[],
  at: Date,
): Promise<NationalRanking> {
  const rankings = await Promise.all(regions.map((r) => loadRegionRanking(redis, keys, r, at)));
  const first = regions[0];
  const tz = first ? first.timezone : 'Asia/Almaty';
  const today = localDate(at, tz);
  const previous = await readRanks(redis, keys.nationalRanks(addDays(today, -1)));
  const rows = rankings.map((r, i) => {
    const region = regions[i] as Region;
    const coverage = r.entries.length
      ? r.entries.reduce((a, e) => a + e.coverage, 0) / r.entries.length
      : 0;
    return {
      id: r.region,
      kind: 'region' as const,
      name: r.name,
      score: r.score,
      status: statusOf(r.score, region.scoring.thresholds),
      coverage: Math.round(coverage * 10_000) / 10_000,
      version: r.entries.reduce((a, e) => a + e.version, 0),
      history: [],
      sparkBucket: 0,
    };
  });
  return {
    methodology: METHODOLOGY_VERSION,
    generatedAt: at.toISOString(),
    entries: rankEntries(rows, previous),
  };
}

/** Records the national ranks under today's date (in the first region's time zone). */
export async function recordNationalRanks(
  redis: Redis,
  keys: KeySpace,
  ranking: NationalRanking,
  timezone: string,
  at: Date,
): Promise<void> {
  const ranks = Object.fromEntries(ranking.entries.map((e) => [e.id, e.rank]));
  await writeRanks(redis, keys.nationalRanks(localDate(at, timezone)), ranks);
}
