import type { Logger } from 'pino';
import type { DistrictScore, DomainEvent, Region, RegionRanking } from '@region-score/contracts';
import {
  aggregateRows,
  currentYear,
  localDate,
  nationalRanking,
  nationalRow,
  newestBy,
  scoreDistrict,
  type Aggregate,
  type RegionCatalog,
} from '@region-score/core';
import { summarize, type Platform } from '@region-score/platform';
import { CoalescingLoop } from './coalescing-loop';
import type { DistrictValues } from './district-values';

/**
 * Rescoring runs at most this often under load: bounds the work per observation at high rates
 * while adding at most this much latency (the live frame window is 100 ms anyway).
 */
const RESCORE_MIN_INTERVAL_MS = 10;
/**
 * Ranks and alert evaluation of a region run at most this often: they read the whole region, and
 * an alert a second later changes nothing for the people it is meant for.
 */
const REGION_WORK_MIN_INTERVAL_MS = 1000;

/** Districts rescored at once (their reads and writes pipeline together). */
const RESCORE_CONCURRENCY = 64;

/** Called after scores were written, per region (alert evaluation hooks in here). */
export type ScoredHook = (
  region: Region,
  written: DistrictScore[],
  at: Date,
  ranking: RegionRanking,
) => Promise<void>;

export interface RescorerDeps {
  platform: Pick<Platform, 'values' | 'scores' | 'rankings' | 'events'>;
  /** The worker's kept district values: a district is not read again for every rescoring. */
  districtValues: DistrictValues;
  catalog: RegionCatalog;
  clock: () => Date;
  logger: Logger;
  onScored?: ScoredHook;
  /** Minimum ms between rescoring runs and between ranking/alert runs (defaults above). */
  pacing?: { rescoreMs: number; regionWorkMs: number };
}

/**
 * Rescores districts whose data changed. Requests arriving while a flush runs are coalesced
 * into the next flush, so a burst of jobs touching the same districts costs one rescoring per
 * district per flush instead of one per job. `schedule` resolves once the scores that include
 * the caller's writes are stored and their events published.
 *
 * What depends on the whole region — today's ranks (the reference for tomorrow's rank change)
 * and alert evaluation — runs after that, coalesced the same way, so it never delays a score.
 * If the process dies in between, the scheduled `rescore-all` redoes it within a minute.
 */
export class Rescorer {
  private readonly scoring: CoalescingLoop<string>;
  private readonly regionWork: CoalescingLoop<DistrictScore>;
  /** Each region's aggregate as this process last ranked it (the national ranking's rows). */
  private readonly aggregates = new Map<string, Aggregate>();

  constructor(private readonly deps: RescorerDeps) {
    this.scoring = new CoalescingLoop(
      (batch) => this.rescore(batch),
      deps.logger,
      'rescoring',
      deps.pacing?.rescoreMs ?? RESCORE_MIN_INTERVAL_MS,
    );
    this.regionWork = new CoalescingLoop(
      (batch) => this.afterScores(batch),
      deps.logger,
      'ranking and alerts',
      deps.pacing?.regionWorkMs ?? REGION_WORK_MIN_INTERVAL_MS,
    );
  }

  schedule(region: string, districts: Iterable<string>): Promise<void> {
    return this.scoring.add(region, districts);
  }

  /**
   * Schedules without waiting for the scores: an ingest job completes once its values are stored,
   * so a job's slot is not held while thousands of districts are rescored. Under load the flushes
   * grow instead (a district touched by many jobs is rescored once per flush). A failed flush is
   * logged by the loop; the periodic `rescore-all` redoes it.
   */
  request(region: string, districts: Iterable<string>): void {
    void this.scoring.add(region, districts).catch(() => undefined);
  }

  /** Resolves when nothing is pending (for shutdown). */
  async drain(): Promise<void> {
    await this.scoring.drain();
    await this.regionWork.drain();
  }

  private async rescore(batch: Map<string, Set<string>>): Promise<void> {
    const { platform, catalog, clock } = this.deps;
    const at = clock();
    const events: DomainEvent[] = [];
    for (const [regionId, districts] of batch) {
      const region = catalog.region(regionId);
      if (!region) continue;
      const written: DistrictScore[] = [];
      // A bounded number of districts at a time: a national rescore of thousands of districts
      // keeps only a few dozen districts' values and scores in memory at once.
      const list = [...districts];
      for (let i = 0; i < list.length; i += RESCORE_CONCURRENCY) {
        const chunk = list.slice(i, i + RESCORE_CONCURRENCY);
        // One HMGET tells which kept districts are still current (see DistrictValues).
        const versions = await platform.values.districtVersions(region.id, chunk);
        const scores = await Promise.all(
          chunk.map((d, j) => this.rescoreDistrict(region, d, versions[j] ?? 0, at)),
        );
        for (const score of scores) if (score) written.push(score);
      }
      if (written.length === 0) continue;
      events.push({ type: 'scores', region: region.id, scores: written.map(summarize) });
      // Not awaited: ranks and alerts follow in their own loop.
      void this.regionWork.add(region.id, written).catch(() => undefined);
    }
    await platform.events.publish(events);
  }

  private async afterScores(batch: Map<string, Set<DistrictScore>>): Promise<void> {
    const { platform, catalog, clock, onScored } = this.deps;
    const at = clock();
    for (const [regionId, scores] of batch) {
      const region = catalog.region(regionId);
      if (!region) continue;
      const ranking = await platform.rankings.region(region, at);
      this.aggregates.set(region.id, aggregateRows(ranking.entries, region.scoring.thresholds));
      await platform.rankings.recordRegion(region, ranking.entries, at);
      if (onScored)
        await onScored(
          region,
          newestBy(scores, (s) => s.district),
          at,
          ranking,
        );
    }
    if (catalog.regions.length > 0) {
      // Regions not scored by this process yet are read once; after that each flush updates
      // the regions it touched, so the national ranking never reads every region again.
      for (const region of catalog.regions) {
        if (this.aggregates.has(region.id)) continue;
        const ranking = await platform.rankings.region(region, at);
        this.aggregates.set(region.id, aggregateRows(ranking.entries, region.scoring.thresholds));
      }
      const rows = catalog.regions.map((region) =>
        nationalRow(region, this.aggregates.get(region.id) as Aggregate),
      );
      const previous = await platform.rankings.previousNationalRanks(catalog.national, at);
      const national = nationalRanking(catalog.national.name, rows, previous, at);
      await platform.rankings.recordNational(national, catalog.national, at);
    }
  }

  private async rescoreDistrict(
    region: Region,
    district: string,
    storedVersion: number,
    at: Date,
  ): Promise<DistrictScore | null> {
    const { platform, catalog, districtValues } = this.deps;
    const year = currentYear(at, region.timezone);
    const indicators = region.indicators
      .filter((i) => catalog.target(region.id, district, i.id, year))
      .map((i) => i.id);
    const { version, values } = await districtValues.snapshot(
      region.id,
      district,
      indicators,
      storedVersion,
    );
    const score = scoreDistrict({ region, district, values, at, version });
    const written = await platform.scores.write(score, localDate(at, region.timezone));
    return written ? score : null;
  }
}
