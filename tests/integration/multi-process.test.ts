import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadConfig, loadRegionConfig } from '@region-score/config';
import { RegionCatalog, currentYear, scoreDistrict } from '@region-score/core';
import { createPlatform } from '@region-score/platform';
import { SMALL_REGION } from '../helpers/harness';
import { Ledger } from '../helpers/ledger';
import { LiveClient } from '../helpers/live-client';
import { startServiceProcess, type ServiceProcess } from '../helpers/processes';
import { districtsBehind } from '../helpers/scores-caught-up';
import { waitFor } from '../helpers/wait';

/**
 * The scaled-out shape: 2 API processes (MODE=api) and 2 worker processes (MODE=worker) on one
 * Redis. A screen on API #2 sees a value posted to API #1; concurrent workers leave every score
 * equal to a recomputation from the stored values; a worker killed mid-batch loses nothing.
 */
describe('2 API and 2 worker processes', () => {
  const running: ServiceProcess[] = [];
  afterAll(async () => {
    for (const p of running.reverse()) await p.stop();
  });

  it('live frames cross nodes, scores stay exact, a killed worker loses nothing', async () => {
    const prefix = `mp${randomBytes(4).toString('hex')}`;
    const env = {
      REDIS_URL: inject('redisUrl'),
      KEY_PREFIX: prefix,
      RATE_LIMIT_PER_KEY: '0',
      RATE_LIMIT_PER_IP: '0',
      FRAME_MS: '50',
    };
    const start = async (mode: 'api' | 'worker') => {
      const p = await startServiceProcess({ env: { ...env, MODE: mode } });
      running.push(p);
      return p;
    };
    const workers = [await start('worker'), await start('worker')];
    const [api1, api2] = [await start('api'), await start('api')] as [
      ServiceProcess,
      ServiceProcess,
    ];

    // A screen on API #2, a value posted to API #1.
    const screen = new LiveClient(api2.url, { region: 'testland' });
    try {
      const snapshot = await waitFor(() => screen.snapshots[0], { what: 'snapshot from API #2' });
      const before = snapshot.entries.find((e) => e.id === 'gamma')?.version ?? 0;
      const res = await fetch(`${api1.url}/api/v1/observations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${api1.adminToken}` },
        body: JSON.stringify({
          observations: [{ district: 'gamma', indicator: 'roads', value: 84, date: '2026-06-30' }],
        }),
      });
      expect(res.status).toBe(202);
      await waitFor(
        () =>
          screen.frames.some((f) => f.changes.some((c) => c.id === 'gamma' && c.version > before))
            ? true
            : undefined,
        { what: 'the frame on API #2' },
      );
    } finally {
      screen.close();
    }

    // Load through both APIs; one worker is killed in the middle of it.
    const ledger = new Ledger(`mp-${Date.now()}`);
    let stop = false;
    const loads = [api1, api2].map((api) =>
      ledger.load(api.url, api.adminToken, () => stop, { clients: 2, size: 25 }),
    );
    await waitFor(() => (ledger.acknowledged.size >= 2000 ? true : undefined), {
      what: 'load under way',
    });
    workers[0]?.signal('SIGKILL');
    await waitFor(() => (ledger.acknowledged.size >= 4000 ? true : undefined), {
      what: 'load after the kill',
    });
    stop = true;
    await Promise.all(loads);
    await waitFor(
      async () =>
        (await ledger.audit(api2.url, api2.adminToken)).missing.length === 0 ? true : undefined,
      { timeoutMs: 40_000, intervalMs: 250, what: 'every acknowledged value applied' },
    );
    expect(await ledger.audit(api1.url, api1.adminToken)).toEqual({ missing: [], doubled: [] });

    // Every stored score equals a recomputation from the stored values at its own instant.
    const config = loadConfig({ REDIS_URL: inject('redisUrl'), KEY_PREFIX: prefix });
    const catalog = new RegionCatalog(await loadRegionConfig(SMALL_REGION));
    const platform = await createPlatform(config.redis);
    try {
      // Jobs complete once their values are stored; the scores follow in the next flush.
      await waitFor(
        async () => ((await districtsBehind(platform, catalog.regions)) === 0 ? true : undefined),
        { timeoutMs: 30_000, what: 'scores caught up with every value' },
      );
      for (const region of catalog.regions) {
        for (const d of region.districts) {
          const stored = await platform.scores.get(region.id, d.id);
          if (!stored) continue;
          const at = new Date(stored.computedAt);
          const year = currentYear(at, region.timezone);
          const indicators = region.indicators
            .filter((i) => catalog.target(region.id, d.id, i.id, year))
            .map((i) => i.id);
          const state = await platform.values.districtState(region.id, d.id, indicators);
          expect(stored.version, d.id).toBe(state.version);
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
    } finally {
      await platform.close();
    }
  }, 180_000);
});
