import type { Redis } from 'ioredis';
import type {
  NationalRanking,
  NationalSettings,
  RankingEntry,
  Region,
  RegionRanking,
} from '@region-score/contracts';
import {
  addDays,
  aggregateRows,
  localDate,
  nationalRanking,
  nationalRow,
  rankingRow,
  regionRanking,
} from '@region-score/core';
import type { KeySpace } from '../keys';
import type { ScoreStore } from './score-store';

/** Daily rank hashes are kept this long (the reference for "rank change since yesterday"). */
const RANKS_TTL_S = 90 * 24 * 3600;

/**
 * Rankings as stored state can build them: rows from the stored summaries and sparklines (by
 * core's `rankingRow`), ranked against the ranks recorded at the end of the previous day.
 */
export class RankingStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: KeySpace,
    private readonly scores: ScoreStore,
  ) {}

  /** A region's live ranking. */
  async region(region: Region, at: Date): Promise<RegionRanking> {
    const ids = region.districts.map((d) => d.id);
    const [summaries, previous, sparklines] = await Promise.all([
      this.scores.summaries(region.id),
      this.previousRegionRanks(region, at),
      this.scores.sparklines(region.id, ids),
    ]);
    const rows = region.districts.map((d) =>
      rankingRow(d, summaries.get(d.id), sparklines[d.id] ?? []),
    );
    return regionRanking(region, rows, previous, at);
  }

  /** The national ranking of regions by their aggregate score. */
  async national(
    regions: readonly Region[],
    national: NationalSettings,
    at: Date,
  ): Promise<NationalRanking> {
    const [rankings, previous] = await Promise.all([
      Promise.all(regions.map((r) => this.region(r, at))),
      this.previousNationalRanks(national, at),
    ]);
    const rows = rankings.map((ranking, i) => {
      const region = regions[i] as Region;
      return nationalRow(region, aggregateRows(ranking.entries, region.scoring.thresholds));
    });
    return nationalRanking(national.name, rows, previous, at);
  }

  /** Ranks recorded on the day before `at` (the region's calendar): id → rank. */
  previousRegionRanks(region: Region, at: Date): Promise<Record<string, number>> {
    return this.readRanks(
      this.keys.dailyRanks(region.id, addDays(localDate(at, region.timezone), -1)),
    );
  }

  /** Region ranks recorded on the day before `at` (the national calendar). */
  previousNationalRanks(national: NationalSettings, at: Date): Promise<Record<string, number>> {
    return this.readRanks(this.keys.nationalRanks(addDays(localDate(at, national.timezone), -1)));
  }

  /** Records the ranks of a region as they stand on the day of `at`. */
  async recordRegion(region: Region, entries: readonly RankingEntry[], at: Date): Promise<void> {
    await this.writeRanks(this.keys.dailyRanks(region.id, localDate(at, region.timezone)), entries);
  }

  /** Records the national ranks as they stand on the day of `at`. */
  async recordNational(
    ranking: NationalRanking,
    national: NationalSettings,
    at: Date,
  ): Promise<void> {
    await this.writeRanks(
      this.keys.nationalRanks(localDate(at, national.timezone)),
      ranking.entries,
    );
  }

  private async readRanks(key: string): Promise<Record<string, number>> {
    const hash = await this.redis.hgetall(key);
    return Object.fromEntries(Object.entries(hash).map(([d, r]) => [d, Number(r)]));
  }

  private async writeRanks(key: string, entries: readonly RankingEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const ranks = Object.fromEntries(entries.map((e) => [e.id, e.rank]));
    await this.redis.pipeline().hset(key, ranks).expire(key, RANKS_TTL_S).exec();
  }
}
