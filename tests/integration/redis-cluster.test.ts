import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Alert,
  DistrictDetail,
  IndicatorHistoryReply,
  NationalRanking,
  ObservationInput,
  RegionRanking,
} from '@region-score/contracts';
import { startHarness, type Harness } from '../helpers/harness';
import { Ledger } from '../helpers/ledger';
import { startServiceProcess } from '../helpers/processes';
import { LiveClient } from '../helpers/live-client';
import { startRedisCluster, type TestCluster } from '../helpers/redis-cluster';
import { waitFor } from '../helpers/wait';

const OBSERVATIONS: ObservationInput[] = [
  { district: 'alpha', indicator: 'roads', value: 74, date: '2026-05-01' },
  { district: 'alpha', indicator: 'roads', value: 76.5, date: '2026-06-01' },
  { district: 'alpha', indicator: 'jobs', value: 300, date: '2026-06-10', id: 'a-jobs-1' },
  { district: 'beta', indicator: 'roads', value: 62, date: '2026-06-15' },
  { district: 'beta', indicator: 'unemployment', value: 7.2, date: '2026-06-15' },
  { district: 'gamma', indicator: 'roads', value: 71, date: '2026-06-20' },
  { district: 'gamma', indicator: 'jobs', value: 900, date: '2026-06-20' },
  { district: 'delta', indicator: 'roads', value: 55, date: '2026-06-20' },
];
const CORRECTION: ObservationInput[] = [
  { district: 'alpha', indicator: 'roads', value: 77, date: '2026-06-01' },
];
const REPORT = [
  'district;indicator;value;date',
  'beta;jobs;450;15.06.2026',
  'gamma;unemployment;5,6;20.06.2026',
].join('\n');

/** Waits until `count` values are applied and every district's stored score includes its data. */
async function settled(h: Harness, count: number): Promise<void> {
  await waitFor(
    async () => {
      let applied = 0;
      for (const region of h.catalog.regions) {
        const versions = await h.platform.values.versions(region.id);
        const scores = await h.platform.scores.summaries(region.id);
        for (const [district, version] of Object.entries(versions)) {
          applied += version;
          if ((scores.get(district)?.version ?? -1) < version) return undefined;
        }
      }
      return applied >= count ? true : undefined;
    },
    { what: `${count} values applied and scored` },
  );
  for (const w of h.workers) await w.idle();
}

/** The same values, correction and report file; everything a reader can see afterwards. */
async function scenario(h: Harness) {
  expect((await h.post(OBSERVATIONS)).statusCode).toBe(202);
  await settled(h, OBSERVATIONS.length);
  h.clock.advance(60_000);
  expect((await h.post(CORRECTION)).statusCode).toBe(202);
  const upload = await h.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'text/csv' },
    payload: REPORT,
  });
  expect(upload.statusCode, upload.body).toBe(202);
  await settled(h, OBSERVATIONS.length + CORRECTION.length + 2);
  const get = async <T>(url: string) => {
    const res = await h.app.inject({ method: 'GET', url });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json<T>();
  };
  const districts = await Promise.all(
    ['alpha', 'beta', 'gamma', 'delta'].map((d) => get<DistrictDetail>(`/api/v1/districts/${d}`)),
  );
  const history = await get<IndicatorHistoryReply>(
    '/api/v1/districts/alpha/indicators/roads/history',
  );
  return {
    testland: await get<RegionRanking>('/api/v1/regions/testland/rankings'),
    otherland: await get<RegionRanking>('/api/v1/regions/otherland/rankings'),
    // Served from the node's live state: current once the last frame went out (≤ FRAME_MS).
    national: await waitFor(
      async () => {
        const n = await get<NationalRanking>('/api/v1/rankings/national');
        const testland = n.entries.find((e) => e.id === 'testland');
        const versions = Object.values(await h.platform.values.versions('testland'));
        return testland?.version === versions.reduce((a, v) => a + v, 0) ? n : undefined;
      },
      { what: 'national ranking up to date' },
    ),
    districts,
    // Observation ids carry a random batch id; everything else must match.
    history: history.entries.map(({ obsId: _id, ...rest }) => rest),
    alerts: (await get<{ alerts: Alert[] }>('/api/v1/alerts?region=testland')).alerts.map((a) => [
      a.id,
      a.state,
      a.severity,
      a.value,
    ]),
  };
}

/**
 * The service on a real Redis Cluster (3 primaries, 3 replicas, on loopback): ingest, report
 * upload, scoring, ranking, alerts and the live stream give exactly the numbers a single Redis
 * gives for the same input at the same (test) time.
 */
describe('Redis Cluster', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startRedisCluster({ primaries: 3, replicas: 1 });
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('gives the numbers a single Redis gives, and streams live frames', async () => {
    const single = await startHarness();
    let onSingle;
    try {
      onSingle = await scenario(single);
    } finally {
      await single.close();
    }

    const clustered = await startHarness({ env: { REDIS_URL: cluster.url } });
    try {
      expect((clustered.platform.redis as { isCluster?: boolean }).isCluster).toBe(true);
      await clustered.app.listen({ port: 0, host: '127.0.0.1' });
      const url = `http://127.0.0.1:${(clustered.app.server.address() as AddressInfo).port}`;
      const live = new LiveClient(url, { region: 'testland' });
      await waitFor(() => live.snapshots[0], { what: 'snapshot from the cluster' });
      const onCluster = await scenario(clustered);
      expect(onCluster).toEqual(onSingle);
      await expect
        .poll(() => live.ranking().map((e) => [e.id, e.score, e.rank]), { timeout: 10_000 })
        .toEqual(onCluster.testland.entries.map((e) => [e.id, e.score, e.rank]));
      live.close();
    } finally {
      await clustered.close();
    }
  }, 120_000);

  it('a primary killed during ingest: its replica takes over, nothing acknowledged is lost', async () => {
    const prefix = `fo${Date.now().toString(36)}`;
    const svc = await startServiceProcess({
      env: {
        REDIS_URL: cluster.url,
        KEY_PREFIX: prefix,
        REDIS_WAIT_REPLICAS: '1',
        RATE_LIMIT_PER_KEY: '0',
        RATE_LIMIT_PER_IP: '0',
      },
    });
    const ledger = new Ledger(`failover-${Date.now()}`);
    try {
      let stop = false;
      const load = ledger.load(svc.url, svc.adminToken, () => stop, { clients: 3, size: 10 });
      await waitFor(() => (ledger.acknowledged.size >= 300 ? true : undefined), {
        what: 'load under way',
      });
      // The primaries holding the ingest queue and the region's values, one after the other.
      const killed: number[] = [];
      for (const key of [`{${prefix}:q}:ingest`, `${prefix}:{r:testland}:ver`]) {
        const primary = await cluster.primaryFor(key);
        // Both keys on one shard: its primary now is the replica promoted by the first kill, with
        // no replica of its own; killing it would lose the slots (beyond any failover's promise).
        if (killed.includes(primary.port) || (await cluster.replicasFor(key)) === 0) continue;
        const before = ledger.acknowledged.size;
        primary.process.kill('SIGKILL');
        killed.push(primary.port);
        await cluster.healthy(60_000);
        // Generous: on a loaded CI machine election and reconnection can take tens of seconds.
        await waitFor(() => (ledger.acknowledged.size >= before + 200 ? true : undefined), {
          timeoutMs: 90_000,
          what: 'ingest going on after the failover',
        }).catch((err: unknown) => {
          // What the service said meanwhile is the diagnosis.
          throw new Error(`${String(err)}\n--- service output ---\n${svc.output().slice(-6000)}`);
        });
      }
      stop = true;
      await load;
      await waitFor(
        async () =>
          (await ledger.audit(svc.url, svc.adminToken)).missing.length === 0 ? true : undefined,
        { timeoutMs: 60_000, intervalMs: 250, what: 'every acknowledged value applied' },
      );
      expect(await ledger.audit(svc.url, svc.adminToken)).toEqual({ missing: [], doubled: [] });
      // A failover is a moment without a store: 503 with Retry-After, never a 500.
      const errors = [...ledger.statuses.keys()].filter((status) => status >= 500);
      expect(
        errors.every((status) => status === 503),
        `statuses ${JSON.stringify(Object.fromEntries(ledger.statuses))}\n${svc.output().slice(-4000)}`,
      ).toBe(true);
      console.info(
        `[figures] cluster failover of ${killed.length} primaries during ingest: ` +
          `${ledger.acknowledged.size} acknowledged, all applied once; statuses ` +
          JSON.stringify(Object.fromEntries(ledger.statuses)),
      );
    } finally {
      await svc.stop();
    }
  }, 360_000);
});
