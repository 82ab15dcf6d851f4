import type { Redis } from 'ioredis';
import type { DistrictScore, ScoreSummary } from '@region-score/contracts';
import { SPARKLINE, sparkBucketOf, type SparkPoint } from '@region-score/core';
import type { KeySpace } from '../keys';
import { decodeSparkPoint } from './records';

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

/** Whether a stored stamp (`write-score.lua`) is that of `score`. */
function isStampOf(stamp: string, score: DistrictScore): boolean {
  if (!stamp.startsWith('{')) return false;
  const { version, computedAt } = JSON.parse(stamp) as { version: number; computedAt: number };
  return version === score.version && computedAt === Date.parse(score.computedAt);
}

/**
 * District scores: the full score (with every indicator), its summary for rankings, the
 * sparkline and the closing score of each day. Writes are versioned (`write-score.lua`), so an
 * older score never overwrites a newer one whatever the order several workers finish in.
 */
export class ScoreStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
  ) {}

  /** Stores a score unless a newer one is already stored; true when written. */
  async write(score: DistrictScore, localDate: string): Promise<boolean> {
    const { keys } = this;
    const { region, district } = score;
    const computedAtMs = Date.parse(score.computedAt);
    const written = await this.redis.rsWriteScore(
      5,
      keys.scores(region),
      keys.summaries(region),
      keys.scoreStamps(region),
      keys.sparkline(region, district),
      keys.dailyScores(region, district),
      district,
      score.version,
      computedAtMs,
      JSON.stringify(score),
      JSON.stringify(summarize(score)),
      score.score,
      localDate,
      sparkBucketOf(computedAtMs),
      SPARKLINE.points,
    );
    return written === 1;
  }

  /**
   * The stored scores of `districts`, taking from `known` (scores this process just wrote) each one
   * whose stamp (data version and computation time) is still the stored one: only scores another
   * process wrote since are read and parsed (a district's full score is about 14 KB at 50
   * indicators). Null for a district never scored.
   */
  async current(
    region: string,
    districts: readonly string[],
    known: ReadonlyMap<string, DistrictScore>,
  ): Promise<(DistrictScore | null)[]> {
    if (districts.length === 0) return [];
    const stamps = await this.redis.hmget(this.keys.scoreStamps(region), ...districts);
    return Promise.all(
      districts.map(async (district, i) => {
        const mine = known.get(district);
        const stamp = stamps[i];
        if (mine && stamp && isStampOf(stamp, mine)) return mine;
        return this.get(region, district);
      }),
    );
  }

  /** Every stored score summary of a region, by district. */
  async summaries(region: string): Promise<Map<string, ScoreSummary>> {
    const hash = await this.redis.hgetall(this.keys.summaries(region));
    return new Map(Object.entries(hash).map(([d, json]) => [d, JSON.parse(json) as ScoreSummary]));
  }

  /** Every stored full score of a region. */
  async all(region: string): Promise<DistrictScore[]> {
    const hash = await this.redis.hgetall(this.keys.scores(region));
    return Object.values(hash).map((json) => JSON.parse(json) as DistrictScore);
  }

  /** One district's stored score, or null before its first scoring. */
  async get(region: string, district: string): Promise<DistrictScore | null> {
    const json = await this.redis.hget(this.keys.scores(region), district);
    return json ? (JSON.parse(json) as DistrictScore) : null;
  }

  /** The sparklines of the given districts, oldest point first. */
  async sparklines(
    region: string,
    districts: readonly string[],
  ): Promise<Record<string, SparkPoint[]>> {
    const pipeline = this.redis.pipeline();
    for (const d of districts) pipeline.lrange(this.keys.sparkline(region, d), 0, -1);
    const replies = (await pipeline.exec()) ?? [];
    const out: Record<string, SparkPoint[]> = {};
    districts.forEach((d, i) => {
      const rows = (replies[i]?.[1] as string[] | undefined) ?? [];
      out[d] = rows.map(decodeSparkPoint);
    });
    return out;
  }

  /** Closing score per day of one district, oldest first. */
  async daily(region: string, district: string): Promise<{ date: string; score: number }[]> {
    const hash = await this.redis.hgetall(this.keys.dailyScores(region, district));
    return Object.entries(hash)
      .map(([date, score]) => ({ date, score: Number(score) }))
      .sort((a, b) => a.date.localeCompare(b.date));
  }
}
