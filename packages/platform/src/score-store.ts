import type { Redis } from 'ioredis';
import type { DistrictScore, ScoreSummary } from '@region-score/contracts';
import type { KeySpace } from './keys';
import { defineScripts } from './scripts';

/** Sparkline resolution: one point per minute, the last hour. */
export const SCORE_HISTORY_BUCKET_MS = 60_000;
export const SCORE_HISTORY_POINTS = 60;

/** The compact part of a score that rankings and live frames carry. */
export function summarize(score: DistrictScore): ScoreSummary {
  return {
    district: score.district,
    score: score.score,
    status: score.status,
    coverage: score.coverage,
    version: score.version,
    computedAt: score.computedAt,
  };
}

/** Stores a score unless a newer one is already stored; true when written. */
export async function writeScore(
  redis: Redis,
  keys: KeySpace,
  score: DistrictScore,
  localDate: string,
): Promise<boolean> {
  defineScripts(redis);
  const { region, district } = score;
  const written = await redis.rsWriteScore(
    5,
    keys.scores(region),
    keys.summaries(region),
    keys.scoreVersions(region),
    keys.scoreHistory(region, district),
    keys.dailyScores(region, district),
    district,
    score.version,
    Date.parse(score.computedAt),
    JSON.stringify(score),
    JSON.stringify(summarize(score)),
    score.score,
    localDate,
    SCORE_HISTORY_BUCKET_MS,
    SCORE_HISTORY_POINTS,
  );
  return written === 1;
}

/** Every stored score summary of a region, by district. */
export async function readSummaries(
  redis: Redis,
  keys: KeySpace,
  region: string,
): Promise<Map<string, ScoreSummary>> {
  const hash = await redis.hgetall(keys.summaries(region));
  return new Map(Object.entries(hash).map(([d, json]) => [d, JSON.parse(json) as ScoreSummary]));
}

/** Every stored full score of a region. */
export async function readScores(
  redis: Redis,
  keys: KeySpace,
  region: string,
): Promise<DistrictScore[]> {
  const hash = await redis.hgetall(keys.scores(region));
  return Object.values(hash).map((json) => JSON.parse(json) as DistrictScore);
}

/** One district's stored score, or null before its first scoring. */
export async function readScore(
  redis: Redis,
  keys: KeySpace,
  region: string,
  district: string,
): Promise<DistrictScore | null> {
  const json = await redis.hget(keys.scores(region), district);
  return json ? (JSON.parse(json) as DistrictScore) : null;
}

/** Recent score points of the given districts, oldest first. */
export async function readScoreHistories(
  redis: Redis,
  keys: KeySpace,
  region: string,
  districts: readonly string[],
): Promise<Record<string, { at: string; score: number }[]>> {
  const pipeline = redis.pipeline();
  for (const d of districts) pipeline.lrange(keys.scoreHistory(region, d), 0, -1);
  const replies = (await pipeline.exec()) ?? [];
  const out: Record<string, { at: string; score: number }[]> = {};
  districts.forEach((d, i) => {
    const rows = (replies[i]?.[1] as string[] | undefined) ?? [];
    out[d] = rows.map((row) => {
      const [ms = '0', score = '0'] = row.split(':');
      return { at: new Date(Number(ms)).toISOString(), score: Number(score) };
    });
  });
  return out;
}

/** Closing score per day of one district, oldest first. */
export async function readDailyScores(
  redis: Redis,
  keys: KeySpace,
  region: string,
  district: string,
): Promise<{ date: string; score: number }[]> {
  const hash = await redis.hgetall(keys.dailyScores(region, district));
  return Object.entries(hash)
    .map(([date, score]) => ({ date, score: Number(score) }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** Ranks as last recorded on a date (district → rank). */
export async function readRanks(redis: Redis, key: string): Promise<Record<string, number>> {
  const hash = await redis.hgetall(key);
  return Object.fromEntries(Object.entries(hash).map(([d, r]) => [d, Number(r)]));
}

/** Records today's ranks; the hash of a past day is what "rank change since yesterday" reads. */
export async function writeRanks(
  redis: Redis,
  key: string,
  ranks: Record<string, number>,
): Promise<void> {
  if (Object.keys(ranks).length === 0) return;
  await redis
    .pipeline()
    .hset(key, ranks)
    .expire(key, 90 * 24 * 3600)
    .exec();
}
