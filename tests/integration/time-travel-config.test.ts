import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import type {
  DistrictDetail,
  NationalRanking,
  Region,
  RegionConfig,
  RegionRanking,
  ScoreHistoryReply,
  YearOverYearReply,
} from '@region-score/contracts';
import { loadRegionConfig } from '@region-score/config';
import { METHODOLOGY_VERSION, RegionCatalog, rankingAsOf } from '@region-score/core';
import { createPlatform, TimelineStore, type Platform } from '@region-score/platform';
import { buildApp } from '@region-score/api';
import { startWorker } from '@region-score/worker';
import { SMALL_REGION, startHarness, type Harness } from '../helpers/harness';
import { waitFor } from '../helpers/wait';
import { startService } from '../helpers/service';

/**
 * Time travel with the config in force then: the service runs with config A on 29 June, is
 * restarted with config B (other weights, another target) on the 30th; a past day is recomputed
 * with the config version stored for it, and the reply names that version.
 */
describe('time travel: each day recomputed with the scoring config in force at its end', () => {
  let h: Harness;
  let regionA: Region;
  let regionB: Region;
  let catalogB: RegionCatalog;
  let appB: FastifyInstance;
  let live29: RegionRanking;
  let live30: RegionRanking;
  const extraApps: FastifyInstance[] = [];
  const extraPlatforms: Platform[] = [];
  const logger = pino({ level: 'silent' });

  const get = async <T>(app: FastifyInstance, url: string) => {
    const res = await app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${h.adminToken}` },
    });
    return { status: res.statusCode, body: res.json<T>() };
  };
  const post = (app: FastifyInstance, observations: unknown[]) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/observations',
      headers: { authorization: `Bearer ${h.adminToken}` },
      payload: { observations },
    });
  const roads = async (district: string) =>
    (await h.platform.scores.get('testland', district))?.indicators.find(
      (i) => i.indicator === 'roads',
    )?.value;
  const build = async (catalog: RegionCatalog, platform: Platform) => {
    const app = await buildApp(
      { config: h.config, catalog, platform, clock: h.clock.now, dashboardDir: null },
      { logger },
    );
    await app.ready();
    return app;
  };
  /** What a ranking shows per district: rank, status and score. */
  const rows = (r: RegionRanking) =>
    Object.fromEntries(r.entries.map((e) => [e.id, { rank: e.rank, status: e.status }]));

  beforeAll(async () => {
    const fileConfig = await loadRegionConfig(SMALL_REGION);
    // Config B: roads weigh less, jobs more, and gamma's jobs target is halved.
    const configB: RegionConfig = structuredClone(fileConfig);
    const b = configB.regions.find((r) => r.id === 'testland') as Region;
    for (const i of b.indicators) {
      if (i.id === 'roads') i.weight = 1;
      if (i.id === 'jobs') i.weight = 3;
    }
    for (const t of b.targets)
      if (t.district === 'gamma' && t.indicator === 'jobs') t.target = 1500;
    catalogB = new RegionCatalog(configB);
    regionB = b;

    // 09:00 on 29 June in Almaty (UTC+5): the service starts with config A.
    h = await startHarness({ at: '2026-06-29T04:00:00Z' });
    regionA = h.catalog.region('testland') as Region;
    // Late that evening the districts report; the wall shows the ranking at 23:59.
    h.clock.set('2026-06-29T18:58:00Z');
    const first = await post(h.app, [
      { district: 'alpha', indicator: 'roads', value: 79, date: '2026-06-29' },
      { district: 'alpha', indicator: 'jobs', value: 100, date: '2026-06-29' },
      { district: 'beta', indicator: 'roads', value: 72, date: '2026-06-29' },
      { district: 'beta', indicator: 'jobs', value: 900, date: '2026-06-29' },
      { district: 'gamma', indicator: 'roads', value: 75, date: '2026-06-29' },
      { district: 'gamma', indicator: 'jobs', value: 700, date: '2026-06-29' },
    ]);
    expect(first.statusCode).toBe(202);
    await waitFor(async () => ((await roads('gamma')) === 75 ? true : undefined), {
      what: 'values of the 29th scored',
    });
    h.clock.set('2026-06-29T18:59:30Z');
    live29 = (await get<RegionRanking>(h.app, '/api/v1/regions/testland/rankings')).body;

    // 09:00 on the 30th: restarted with config B (worker and API).
    h.clock.set('2026-06-30T04:00:00Z');
    await Promise.all(h.workers.splice(0).map((w) => w.close()));
    h.workers.push(
      await startWorker({
        platform: h.platform,
        config: h.config,
        catalog: catalogB,
        logger,
        clock: h.clock.now,
        schedules: false,
        pacing: { rescoreMs: 0, regionWorkMs: 0 },
      }),
    );
    appB = await build(catalogB, h.platform);
    h.clock.set('2026-06-30T18:58:00Z');
    const next = await post(appB, [
      { district: 'alpha', indicator: 'roads', value: 78, date: '2026-06-30' },
      { district: 'beta', indicator: 'roads', value: 73, date: '2026-06-30' },
      { district: 'gamma', indicator: 'roads', value: 76, date: '2026-06-30' },
    ]);
    expect(next.statusCode).toBe(202);
    await waitFor(async () => ((await roads('gamma')) === 76 ? true : undefined), {
      what: 'values of the 30th scored',
    });
    h.clock.set('2026-06-30T18:59:30Z');
    live30 = (await get<RegionRanking>(appB, '/api/v1/regions/testland/rankings')).body;
    // The next day, an analyst looks back.
    h.clock.set('2026-07-01T06:00:00Z');
  });
  afterAll(async () => {
    await Promise.all(extraApps.map((a) => a.close()));
    await appB.close();
    await Promise.all(extraPlatforms.map((p) => p.close()));
    await h.close();
  });

  it('stores one config version per config the service started with', async () => {
    const versions = await h.platform.configHistory.versions('testland');
    expect(versions.map((v) => [v.version, new Date(v.since).toISOString()])).toEqual([
      [1, '2026-06-29T04:00:00.000Z'],
      [2, '2026-06-30T04:00:00.000Z'],
    ]);
    expect(versions[0]?.config.indicators.find((i) => i.id === 'roads')?.weight).toBe(2);
    expect(versions[1]?.config.indicators.find((i) => i.id === 'roads')?.weight).toBe(1);
    expect(versions.every((v) => v.methodology === METHODOLOGY_VERSION)).toBe(true);
  });

  it('the 29th is recomputed with config A and equals what the wall showed that evening', async () => {
    const { status, body } = await get<RegionRanking>(
      appB,
      '/api/v1/regions/testland/rankings?asOf=2026-06-29',
    );
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.asOf).toEqual({
      date: '2026-06-29',
      configVersion: 1,
      configSince: '2026-06-29T04:00:00.000Z',
      methodology: METHODOLOGY_VERSION,
      current: true,
    });
    expect(rows(body)).toEqual(rows(live29));
    for (const e of live29.entries) {
      expect(body.entries.find((x) => x.id === e.id)?.score).toBeCloseTo(e.score, 1);
    }
    // Today's config B would have scored that evening differently: A's weights were used.
    const history = await new TimelineStore(h.redis, h.keys).region(regionB);
    const underB = rankingAsOf(regionB, history, '2026-06-29', h.clock.now()).ranking;
    const gammaB = underB.entries.find((e) => e.id === 'gamma')?.score ?? 0;
    const gammaA = body.entries.find((e) => e.id === 'gamma')?.score ?? 0;
    expect(Math.abs(gammaB - gammaA)).toBeGreaterThan(1);
  });

  it('the 30th is recomputed with config B and equals what the wall showed that evening', async () => {
    const { status, body } = await get<RegionRanking>(
      h.app, // an API still running config A recomputes it with B all the same
      '/api/v1/regions/testland/rankings?asOf=2026-06-30',
    );
    expect(status).toBe(200);
    expect(body.asOf?.configVersion).toBe(2);
    expect(body.asOf?.configSince).toBe('2026-06-30T04:00:00.000Z');
    expect(rows(body)).toEqual(rows(live30));
    for (const e of live30.entries) {
      expect(body.entries.find((x) => x.id === e.id)?.score).toBeCloseTo(e.score, 1);
    }
    // The national view as of the 30th recomputes testland's aggregate with config B too.
    const national = await get<NationalRanking>(h.app, '/api/v1/rankings/national?asOf=2026-06-30');
    expect(national.status).toBe(200);
    expect(national.body.regionsAsOf?.testland).toMatchObject({ configVersion: 2, current: true });
    expect(national.body.regionsAsOf?.otherland).toMatchObject({ configVersion: 1 });
    expect(national.body.entries.find((e) => e.id === 'testland')?.score).toBeCloseTo(
      body.score,
      1,
    );
    // The daily history recomputes each closed day with its own version.
    const daily = await get<ScoreHistoryReply>(h.app, '/api/v1/regions/testland/history?days=3');
    expect(daily.body.dates).toEqual(['2026-06-28', '2026-06-29', '2026-06-30']);
    expect(daily.body.configVersions).toEqual([1, 1, 2]);
    const gammaDaily = daily.body.districts.find((d) => d.id === 'gamma')?.closing;
    const asOf29 = await get<RegionRanking>(
      h.app,
      '/api/v1/regions/testland/rankings?asOf=2026-06-29',
    );
    expect(gammaDaily?.[1]).toBe(asOf29.body.entries.find((e) => e.id === 'gamma')?.score);
    expect(gammaDaily?.[2]).toBe(body.entries.find((e) => e.id === 'gamma')?.score);
    // Rank changes are against the 29th as config A ranked it.
    const rank29 = Object.fromEntries(live29.entries.map((e) => [e.id, e.rank]));
    for (const e of body.entries) expect(e.rankChange).toBe((rank29[e.id] ?? 0) - e.rank);
  });

  it('a district as of a past day names the config version, its needs under that config', async () => {
    const { status, body } = await get<DistrictDetail>(
      appB,
      '/api/v1/districts/gamma?asOf=2026-06-29',
    );
    expect(status).toBe(200);
    expect(body.asOf?.configVersion).toBe(1);
    const jobs = body.score?.indicators.find((i) => i.indicator === 'jobs');
    // Config A's target (3000), not B's (1500).
    expect(jobs?.target).toBe(3000);
    expect(body.rank).toBe(live29.entries.find((e) => e.id === 'gamma')?.rank);
    expect(
      regionA.targets.find((t) => t.district === 'gamma' && t.indicator === 'jobs')?.target,
    ).toBe(3000);
  });

  it('compares a district with the same day a year earlier', async () => {
    const { status, body } = await get<YearOverYearReply>(
      appB,
      '/api/v1/districts/gamma/year-over-year?asOf=2026-06-30',
    );
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.current.date).toBe('2026-06-30');
    expect(body.yearEarlier.date).toBe('2025-06-30');
    const entry = live30.entries.find((e) => e.id === 'gamma');
    expect(body.current.score).toBeCloseTo(entry?.score ?? -1, 1);
    expect(body.current.rank).toBe(entry?.rank);
    expect(body.current.basis.configVersion).toBe(2);
    expect(
      body.current.indicators.find((i) => i.indicator === 'roads')?.percentOfPlan,
    ).toBeGreaterThan(0);
    // Nothing was reported a year earlier: no score, no change.
    expect(body.yearEarlier.score).toBeNull();
    expect(body.yearEarlier.rank).toBeNull();
    expect(body.change).toEqual({ score: null, rank: null });
    const leap = await get<YearOverYearReply>(
      appB,
      '/api/v1/districts/gamma/year-over-year?asOf=2024-02-29',
    );
    expect(leap.body.yearEarlier.date).toBe('2023-02-28');
  });

  it('bad days are 400s naming asOf, unknown districts 404', async () => {
    for (const url of [
      '/api/v1/regions/testland/rankings?asOf=2026-02-30',
      '/api/v1/districts/gamma?asOf=2027-01-01',
      '/api/v1/districts/gamma/year-over-year?asOf=2026-13-01',
      '/api/v1/districts/gamma/year-over-year?asOf=yesterday',
    ]) {
      const res = await get<{ message: string }>(appB, url);
      expect(res.status, url).toBe(400);
      expect(res.body.message, url).toMatch(/asOf/);
    }
    const missing = await get<{ message: string }>(
      appB,
      '/api/v1/districts/nowhere/year-over-year',
    );
    expect(missing.status).toBe(404);
    expect(missing.body.message).toMatch(/district/);
  });

  it('a day stored with another methodology version is recomputed with today’s formulas, and says so', async () => {
    // A process running older code (methodology 0.9.0) started with config B at 10:00 on 1 July.
    const older = await h.platform.configHistory.record(
      regionB,
      new Date('2026-07-01T05:00:00Z'),
      '0.9.0',
    );
    expect(older).toEqual({ version: 3, stored: true });
    const { body } = await get<RegionRanking>(
      appB,
      '/api/v1/regions/testland/rankings?asOf=2026-07-01',
    );
    expect(body.asOf).toMatchObject({ configVersion: 3, methodology: '0.9.0', current: false });
    expect(body.asOf?.note).toContain('0.9.0');
    expect(body.asOf?.note).toContain(METHODOLOGY_VERSION);
    expect(body.methodology).toBe(METHODOLOGY_VERSION);
    // The day before still names its own version, current.
    const before = await get<RegionRanking>(
      appB,
      '/api/v1/regions/testland/rankings?asOf=2026-06-30',
    );
    expect(before.body.asOf).toMatchObject({ configVersion: 2, current: true });
  });

  it('processes starting together with the same config store it once', async () => {
    h.clock.set('2026-07-01T07:00:00Z');
    // Two more API processes (own connections) start at once with config B and today's code:
    // the latest version (3, methodology 0.9.0) differs, so exactly one new version is stored.
    const platforms = await Promise.all([1, 2].map(() => createPlatform(h.config.redis)));
    extraPlatforms.push(...platforms);
    const apps = await Promise.all(platforms.map((p) => build(catalogB, p)));
    extraApps.push(...apps);
    let versions = await h.platform.configHistory.versions('testland');
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);
    expect(versions[3]).toMatchObject({
      methodology: METHODOLOGY_VERSION,
      hash: versions[1]?.hash,
    });
    // A third start with the same config stores nothing.
    extraApps.push(await build(catalogB, platforms[0] as Platform));
    versions = await h.platform.configHistory.versions('testland');
    expect(versions).toHaveLength(4);
    // Otherland's config never changed: one version.
    expect(await h.platform.configHistory.versions('otherland')).toHaveLength(1);
  });
});

describe('a worker started alone', () => {
  it('stores the scoring config version it scores with', async () => {
    const service = await startService({ env: { MODE: 'worker' } });
    try {
      const regions = service.regionConfig.regions.map((r) => r.id);
      expect(regions.length).toBeGreaterThan(0);
      for (const id of regions) {
        const versions = await service.platform.configHistory.versions(id);
        expect(versions.map((v) => [v.version, v.methodology])).toEqual([[1, METHODOLOGY_VERSION]]);
      }
    } finally {
      await service.stop();
    }
  });
});
