import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DistrictScore, DomainEvent, Region } from '@region-score/contracts';
import { currentYear, localDate, scoreDistrict, type RegionCatalog } from '@region-score/core';
import {
  loadNationalRanking,
  loadRegionRanking,
  publishEvents,
  readDistrictState,
  recordNationalRanks,
  recordRegionRanks,
  summarize,
  writeScore,
  type KeySpace,
} from '@region-score/platform';

/** Called after a flush with the scores written, per region (alert evaluation hooks in here). */
export type ScoredHook = (region: Region, written: DistrictScore[], at: Date) => Promise<void>;

export interface RescorerDeps {
  redis: Redis;
  keys: KeySpace;
  catalog: RegionCatalog;
  clock: () => Date;
  logger: Logger;
  onScored?: ScoredHook;
}

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Rescores districts whose data changed. Requests arriving while a flush runs are coalesced
 * into the next flush, so a burst of jobs touching the same districts costs one rescoring per
 * district per flush instead of one per job. `schedule` resolves once the scores that include
 * the caller's writes are stored and published.
 */
export class Rescorer {
  private dirty = new Map<string, Set<string>>();
  private waiters: Waiter[] = [];
  private running: Promise<void> | null = null;

  constructor(private readonly deps: RescorerDeps) {}

  schedule(region: string, districts: Iterable<string>): Promise<void> {
    let set = this.dirty.get(region);
    if (!set) this.dirty.set(region, (set = new Set()));
    for (const d of districts) set.add(d);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.running) this.running = this.loop();
    return done;
  }

  /** Resolves when nothing is pending (for shutdown). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    try {
      while (this.dirty.size > 0) {
        const batch = this.dirty;
        const waiters = this.waiters;
        this.dirty = new Map();
        this.waiters = [];
        try {
          await this.flush(batch);
          for (const w of waiters) w.resolve();
        } catch (err) {
          this.deps.logger.error({ err }, 'rescoring failed');
          for (const w of waiters) w.reject(err);
        }
      }
    } finally {
      this.running = null;
    }
  }

  private async flush(batch: Map<string, Set<string>>): Promise<void> {
    const { redis, keys, catalog, clock } = this.deps;
    const at = clock();
    const events: DomainEvent[] = [];
    const regions: Region[] = [];
    for (const [regionId, districts] of batch) {
      const region = catalog.region(regionId);
      if (!region) continue;
      regions.push(region);
      const written = (
        await Promise.all([...districts].map((d) => this.rescoreDistrict(region, d, at)))
      ).filter((s): s is DistrictScore => s !== null);
      const ranking = await loadRegionRanking(redis, keys, region, at);
      await recordRegionRanks(redis, keys, region, ranking.entries, at);
      if (written.length > 0)
        events.push({ type: 'scores', region: region.id, scores: written.map(summarize) });
      if (this.deps.onScored) await this.deps.onScored(region, written, at);
    }
    const first = catalog.regions[0];
    if (first && regions.length > 0) {
      const national = await loadNationalRanking(redis, keys, catalog.regions, at);
      await recordNationalRanks(redis, keys, national, first.timezone, at);
    }
    await publishEvents(redis, keys, events);
  }

  private async rescoreDistrict(
    region: Region,
    district: string,
    at: Date,
  ): Promise<DistrictScore | null> {
    const { redis, keys, catalog } = this.deps;
    const year = currentYear(at, region.timezone);
    const indicators = region.indicators
      .filter((i) => catalog.target(region.id, district, i.id, year))
      .map((i) => i.id);
    const { version, values } = await readDistrictState(
      redis,
      keys,
      region.id,
      district,
      indicators,
    );
    const score = scoreDistrict({ region, district, values, at, version });
    const written = await writeScore(redis, keys, score, localDate(at, region.timezone));
    return written ? score : null;
  }
}
