import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig, loadRegionConfig } from '@region-score/config';
import type { NationalRanking, RegionConfig } from '@region-score/contracts';
import { RegionCatalog, currentYear, scoreDistrict } from '@region-score/core';
import { createPlatform, type Platform } from '@region-score/platform';
import { ObservationFactory, post } from '../bench/load';
import { writeNationalConfig } from '../bench/national-config';
import { startServiceProcess, type ServiceProcess } from '../helpers/processes';
import { districtsBehind } from '../helpers/scores-caught-up';
import { waitFor } from '../helpers/wait';

/**
 * The national deployment the benchmark measures, as a behaviour test: 20 regions × 200 districts
 * × 50 indicators (200,000 series) in one `npm start` process. It starts and scores every district,
 * takes spread-out batches (each value on a different district), scores them exactly as a
 * from-scratch recomputation, and ranks the 20 regions. Speed is the benchmark's business; this
 * checks that the scale works and stays exact.
 */
describe('a national deployment (20 regions × 200 districts × 50 indicators)', () => {
  let dir: string;
  let regions: RegionConfig['regions'];
  let catalog: RegionCatalog;
  let svc: ServiceProcess;
  let platform: Platform;
  const prefix = `nat${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'region-score-national-'));
    const path = await writeNationalConfig(join(dir, 'national.json'), {
      regions: 20,
      districts: 200,
      indicators: 50,
      year: new Date().getUTCFullYear(),
    });
    const config = await loadRegionConfig(path);
    regions = config.regions;
    catalog = new RegionCatalog(config);
    svc = await startServiceProcess({
      env: {
        REGION_CONFIG: path,
        REDIS_URL: inject('redisUrl'),
        KEY_PREFIX: prefix,
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_KEY: '0',
        RATE_LIMIT_PER_IP: '0',
      },
    });
    platform = await createPlatform(
      loadConfig({ REDIS_URL: inject('redisUrl'), KEY_PREFIX: prefix }).redis,
    );
  });

  afterAll(async () => {
    await platform?.close();
    await svc?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  /** Districts not scored yet, or whose score misses a value (see `districtsBehind`). */
  async function behind(): Promise<number> {
    const scored = await Promise.all(regions.map((r) => platform.scores.summaries(r.id)));
    const unscored = regions.reduce(
      (n, r, i) => n + r.districts.length - (scored[i]?.size ?? 0),
      0,
    );
    return unscored + (await districtsBehind(platform, regions));
  }

  it('scores every district at start, then spread batches exactly, and ranks the regions', async () => {
    await waitFor(async () => ((await behind()) === 0 ? true : undefined), {
      timeoutMs: 180_000,
      intervalMs: 500,
      what: 'every one of the 4,000 districts scored after start',
    });

    // 8 batches of 1,000 values, round-robin over the regions and their districts.
    const factories = regions.map((r) => new ObservationFactory(r));
    let n = 0;
    const batch = () =>
      Array.from({ length: 1000 }, () =>
        (factories[n++ % factories.length] as ObservationFactory).next(),
      );
    // `post` rejects unless the answer is 202.
    await Promise.all(Array.from({ length: 8 }, () => post(svc.url, svc.adminToken, batch())));
    await waitFor(
      async () => {
        const applied = await Promise.all(regions.map((r) => platform.values.versions(r.id)));
        const total = applied.reduce((a, v) => a + Object.values(v).reduce((x, y) => x + y, 0), 0);
        return total >= 8000 ? true : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 250, what: 'the 8,000 values applied' },
    );
    await waitFor(async () => ((await behind()) === 0 ? true : undefined), {
      timeoutMs: 180_000,
      intervalMs: 250,
      what: 'the scores caught up with every value',
    });

    // A sample of districts across every region: the stored score is a recomputation from the
    // stored values at its own instant.
    for (const region of regions) {
      for (const d of [region.districts[0], region.districts[117], region.districts[199]]) {
        if (!d) continue;
        const stored = await platform.scores.get(region.id, d.id);
        expect(stored, d.id).not.toBeNull();
        if (!stored) continue;
        const at = new Date(stored.computedAt);
        const year = currentYear(at, region.timezone);
        const indicators = region.indicators
          .filter((i) => catalog.target(region.id, d.id, i.id, year))
          .map((i) => i.id);
        const state = await platform.values.districtState(region.id, d.id, indicators);
        expect(stored.version, d.id).toBe(state.version);
        expect(state.version, `${d.id} got its values`).toBeGreaterThan(0);
        const fresh = scoreDistrict({
          region,
          district: d.id,
          values: state.values,
          at,
          version: state.version,
        });
        expect(stored.score, d.id).toBe(fresh.score);
        expect(stored.indicators, d.id).toEqual(fresh.indicators);
      }
    }

    const national = await waitFor(
      async () => {
        const res = await fetch(`${svc.url}/api/v1/rankings/national`);
        const body = (await res.json()) as NationalRanking;
        return body.entries.length === 20 ? body : undefined;
      },
      { timeoutMs: 30_000, what: 'the national ranking of 20 regions' },
    );
    expect(national.entries.map((e) => e.rank).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    const rss = Number(
      /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${svc.child.pid}/status`, 'utf8'))?.[1],
    );
    console.info(
      `[figures] national scale: ${Math.round(rss / 1024)} MB RSS after 8,000 spread values`,
    );
  }, 600_000);
});
