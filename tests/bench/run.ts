/**
 * `npm run bench`: throughput and latency of the ingest pipeline and the live stream against the
 * real service (the compiled bundle, API + worker in one child process, a private redis-server
 * with AOF), each figure beside its anchor measured in the same run on the same machine — what
 * the same Redis does with pipelined ZADD, what the same load generator gets from a no-op Fastify
 * route — and its goal. Prints its figures and a Markdown table; asserts nothing.
 *
 * `--quick` shortens every phase (a smoke run); `--no-national` skips the national-scale run;
 * `--only=costs,national` runs only the named phases (anchors, demo, costs, national);
 * `--cpu-prof[=dir]` has the cost phase's API and worker write CPU profiles (default
 * `bench-profiles/`), to open in Chrome DevTools.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, loadRegionConfig, DEMO_REGION_CONFIG_PATH } from '@region-score/config';
import type { Region } from '@region-score/contracts';
import { createPlatform, type Platform } from '@region-score/platform';
import { districtsBehind } from '../helpers/scores-caught-up';
import { startNoopServer, zaddPerSecond } from './anchors';
import { costPerObservation, costSnapshot } from './costs';
import { pacedLatency, socketFleet } from './latency';
import { ObservationFactory, post } from './load';
import { writeNationalConfig } from './national-config';
import { Report, ms, pct, rate } from './report';
import { startBenchService, type BenchService } from './service-process';
import { fmt, pool, quantile } from './stats';

const quick = process.argv.includes('--quick');
/** `--only=demo,costs` runs only the named phases (anchors, demo, costs, national). */
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
/** `--cpu-prof[=dir]`: the service processes of the cost phase write CPU profiles there. */
const cpuProf = process.argv.find((a) => a.startsWith('--cpu-prof'))?.replace(/^--cpu-prof=?/, '');
const runs = (phase: string) =>
  (only === undefined || only.includes(phase)) &&
  !(phase === 'national' && process.argv.includes('--no-national'));
const SECONDS = quick ? 3 : 10;
const report = new Report();

/** Observations spread over every district of the given regions, round-robin. */
class SpreadFactory {
  private readonly factories: ObservationFactory[];
  private n = 0;
  constructor(regions: readonly Region[]) {
    this.factories = regions.map((r) => new ObservationFactory(r));
  }
  batch(size: number) {
    return Array.from({ length: size }, () => {
      const f = this.factories[this.n++ % this.factories.length] as ObservationFactory;
      return f.next();
    });
  }
}

async function applied(platform: Platform, regions: readonly Region[]): Promise<number> {
  const all = await Promise.all(regions.map((r) => platform.values.versions(r.id)));
  return all.reduce((a, v) => a + Object.values(v).reduce((x, y) => x + y, 0), 0);
}
async function waitApplied(platform: Platform, regions: readonly Region[], target: number) {
  for (;;) {
    if ((await applied(platform, regions)) >= target) return performance.now();
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** When the scores (and so ranks and frames) caught up with every applied value. */
async function waitScored(platform: Platform, regions: readonly Region[]) {
  for (;;) {
    if ((await districtsBehind(platform, regions)) === 0) return performance.now();
    await new Promise((r) => setTimeout(r, 20));
  }
}
/** When every district of `regions` has a score (the start-up rescoring is done). */
async function waitAllScored(platform: Platform, regions: readonly Region[]) {
  const total = regions.reduce((n, r) => n + r.districts.length, 0);
  for (;;) {
    const counts = await Promise.all(regions.map((r) => platform.scores.summaries(r.id)));
    if (counts.reduce((n, m) => n + m.size, 0) >= total) return performance.now();
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `total` observations in batches of `size` from `clients` clients; accepted and end-to-end rates. */
async function batches(
  svc: BenchService,
  platform: Platform,
  regions: readonly Region[],
  { total, size, clients }: { total: number; size: number; clients: number },
): Promise<{ accepted: number; applied: number; endToEnd: number; scoreLagMs: number }> {
  // End to end = until the scores include every value (ranks and frames follow the scores).
  const factory = new SpreadFactory(regions);
  const base = await applied(platform, regions);
  let sent = 0;
  const start = performance.now();
  await pool(
    clients,
    () => sent >= total,
    async () => {
      sent += size;
      await post(svc.url, svc.adminToken, factory.batch(size));
    },
  );
  const acceptedAt = performance.now();
  const appliedAt = await waitApplied(platform, regions, base + sent);
  const scoredAt = await waitScored(platform, regions);
  return {
    accepted: sent / ((acceptedAt - start) / 1000),
    applied: sent / ((appliedAt - start) / 1000),
    endToEnd: sent / ((scoredAt - start) / 1000),
    scoreLagMs: scoredAt - appliedAt,
  };
}

async function platformOf(svc: BenchService): Promise<Platform> {
  return createPlatform(loadConfig({ REDIS_URL: svc.redisUrl, KEY_PREFIX: svc.keyPrefix }).redis);
}

/** The longest event-loop delay of the service since its metrics were last read (ms). */
async function eventLoopLagMs(svc: BenchService): Promise<number> {
  const res = await fetch(`${svc.url}/metrics`, {
    headers: { authorization: `Bearer ${svc.adminToken}` },
  });
  const text = await res.text();
  return (
    Number(/^region_score_nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text)?.[1] ?? NaN) * 1000
  );
}

const demo = await loadRegionConfig(DEMO_REGION_CONFIG_PATH);
const aqmola = demo.regions[0] as Region;
const E2E_TOTAL = quick ? 20_000 : 60_000;
let demoSpreadRate = 0;

// --- Anchors -----------------------------------------------------------------------------------
const noop = await startNoopServer();
let noopRate = 0;
if (runs('anchors')) {
  let n = 0;
  const end = performance.now() + SECONDS * 1000;
  const factory = new ObservationFactory(aqmola);
  const start = performance.now();
  await pool(
    256,
    () => performance.now() > end,
    async () => {
      await post(noop.url, 'x', [factory.next()]);
      n += 1;
    },
  );
  noopRate = n / ((performance.now() - start) / 1000);
  report.add({
    measure: 'anchor: no-op Fastify POST route, 256 clients',
    value: rate(noopRate, 'req/s'),
  });
}
await noop.stop();

// --- Demo region ---------------------------------------------------------------------------------
if (runs('demo')) {
  const svc = await startBenchService({ WORKER_CONCURRENCY: '16' });
  const platform = await platformOf(svc);
  try {
    const zadd = zaddPerSecond(svc.redisPort, quick ? 300_000 : 2_000_000);
    report.add({
      measure: 'anchor: redis-benchmark -P 16 -t zadd (the same Redis)',
      value: rate(zadd, 'ops/s'),
    });
    report.add({
      measure: 'demo: ready after start',
      value: ms(svc.readyMs),
      goal: '< 15 s',
      met: svc.readyMs < 15_000,
    });

    for (const fsync of ['always', 'everysec'] as const) {
      await platform.redis.config('SET', 'appendfsync', fsync);
      const r = await batches(svc, platform, demo.regions, {
        total: E2E_TOTAL,
        size: 1000,
        clients: 8,
      });
      if (fsync === 'always') demoSpreadRate = r.endToEnd;
      report.add({
        measure: `demo: batches of 1,000, appendfsync ${fsync}: API accepted`,
        value: rate(r.accepted),
      });
      report.add({
        measure: `demo: batches of 1,000, appendfsync ${fsync}: values applied`,
        value: `${rate(r.applied)} (scores caught up ${ms(r.scoreLagMs)} later)`,
      });
      report.add({
        measure: `demo: batches of 1,000, appendfsync ${fsync}: end to end (applied and scored)`,
        value: rate(r.endToEnd),
        anchor: `${pct(r.endToEnd / zadd)} of ZADD`,
        goal: '≥ 50,000 obs/s and ≥ 3.5% of ZADD',
        met: r.endToEnd >= 50_000 && r.endToEnd / zadd >= 0.035,
      });
    }
    await platform.redis.config('SET', 'appendfsync', 'always');

    {
      const factory = new ObservationFactory(aqmola);
      const base = await applied(platform, demo.regions);
      let n = 0;
      const start = performance.now();
      const end = start + SECONDS * 1000;
      await pool(
        256,
        () => performance.now() > end,
        async () => {
          await post(svc.url, svc.adminToken, [factory.next()]);
          n += 1;
        },
      );
      const accepted = n / ((performance.now() - start) / 1000);
      const doneAt = await waitApplied(platform, demo.regions, base + n);
      report.add({
        measure: 'demo: single-observation requests, 256 clients: API accepted',
        value: rate(accepted, 'req/s'),
        anchor: `${pct(accepted / noopRate)} of the no-op route`,
        goal: '≥ 40% of the no-op route',
        met: accepted / noopRate >= 0.4,
      });
      report.add({
        measure: 'demo: single-observation requests: end to end',
        value: rate(n / ((doneAt - start) / 1000)),
      });
    }

    // 202 → score in Redis, 1,000 obs/s.
    {
      const tail = platform.connect();
      const latencies = await pacedLatency(
        svc,
        platform.redis,
        platform.keys,
        aqmola.id,
        new ObservationFactory(aqmola),
        { rate: 1000, seconds: SECONDS, observers: 1 },
        async (record) => {
          const abort = new AbortController();
          void platform.events.tail(
            tail,
            (events) => {
              const at = performance.now();
              for (const e of events)
                if (e.type === 'scores')
                  for (const s of e.scores) record(0, s.district, s.version, at);
            },
            abort.signal,
            100,
          );
          await new Promise((r) => setTimeout(r, 200));
          return () => abort.abort();
        },
      );
      report.add({
        measure: 'demo: 202 → score in Redis at 1,000 obs/s',
        value: `p50 ${ms(quantile(latencies, 0.5))}, p99 ${ms(quantile(latencies, 0.99))}`,
      });
    }

    // 202 → socket.io clients, 1,000 obs/s; and 5,000 clients with dropped frames, lag and RSS.
    for (const clients of quick ? [1000] : [1, 1000, 5000]) {
      const sampled = Math.min(clients, 50);
      const rssBefore = svc.rssMb();
      let frames = { gaps: 0, frames: 0 };
      let rssConnected = 0;
      const latencies = await pacedLatency(
        svc,
        platform.redis,
        platform.keys,
        aqmola.id,
        new ObservationFactory(aqmola),
        { rate: 1000, seconds: SECONDS, observers: sampled },
        async (record) => {
          const fleet = await socketFleet(svc, aqmola.id, clients, sampled, record);
          rssConnected = svc.rssMb();
          return async () => {
            frames = await fleet.stop();
          };
        },
      );
      const p99 = quantile(latencies, 0.99);
      const goal = clients >= 5000 ? 250 : 125;
      report.add({
        measure: `demo: 202 → socket.io client at 1,000 obs/s, ${fmt(clients)} clients`,
        value: `p50 ${ms(quantile(latencies, 0.5))}, p99 ${ms(p99)}`,
        goal:
          clients >= 5000
            ? 'p99 < 250 ms, no dropped frames'
            : 'p99 < 125 ms (frame window 100 + 25)',
        met: p99 < goal && frames.gaps === 0,
      });
      if (clients >= 1000) {
        report.add({
          measure: `demo: ${fmt(clients)} clients: frames dropped / longest event-loop delay / RSS per connection`,
          value: `${fmt(frames.gaps)} of ${fmt(frames.frames)} / ${ms(await eventLoopLagMs(svc))} / ${fmt(((rssConnected - rssBefore) * 1024) / clients, 1)} KB`,
        });
      }
    }
  } finally {
    await platform.close();
    await svc.stop();
  }
}

// --- Cost per observation: API and worker as separate processes, so each one's CPU shows ----------
if (runs('costs')) {
  const svc = await startBenchService(
    { WORKER_CONCURRENCY: '16' },
    {
      split: true,
      nodeArgs:
        cpuProf === undefined
          ? []
          : ['--cpu-prof', `--cpu-prof-dir=${cpuProf || 'bench-profiles'}`],
    },
  );
  const platform = await platformOf(svc);
  try {
    // Warm up (JIT, connections, first scores), then measure.
    await batches(svc, platform, demo.regions, { total: 5_000, size: 1000, clients: 8 });
    let before = await costSnapshot(platform.redis, svc);
    const total = quick ? 10_000 : 30_000;
    await batches(svc, platform, demo.regions, { total, size: 1000, clients: 8 });
    await new Promise((r) => setTimeout(r, 1500)); // ranking and alert work that trails the load
    report.add({
      measure: 'cost per observation, batches of 1,000 (MODE=api + MODE=worker)',
      value: costPerObservation(before, await costSnapshot(platform.redis, svc), total),
    });
    const factory = new ObservationFactory(aqmola);
    const base = await applied(platform, demo.regions);
    before = await costSnapshot(platform.redis, svc);
    let n = 0;
    const end = performance.now() + SECONDS * 1000;
    await pool(
      256,
      () => performance.now() > end,
      async () => {
        await post(svc.url, svc.adminToken, [factory.next()]);
        n += 1;
      },
    );
    await waitApplied(platform, demo.regions, base + n);
    await new Promise((r) => setTimeout(r, 1500));
    report.add({
      measure: 'cost per observation, single-observation requests, 256 clients',
      value: costPerObservation(before, await costSnapshot(platform.redis, svc), n),
    });
  } finally {
    await platform.close();
    await svc.stop();
  }
}

// --- National scale: 20 regions × 200 districts × 50 indicators (200,000 series) ----------------
if (runs('national')) {
  const dir = await mkdtemp(join(tmpdir(), 'region-score-national-'));
  const year = new Date().getUTCFullYear();
  const path = await writeNationalConfig(join(dir, 'national.json'), {
    regions: 20,
    districts: 200,
    indicators: 50,
    year,
  });
  const config = await loadRegionConfig(path);
  const svc = await startBenchService({ WORKER_CONCURRENCY: '16', REGION_CONFIG: path });
  const platform = await platformOf(svc);
  let peak = svc.rssMb();
  const sampler = setInterval(() => (peak = Math.max(peak, svc.rssMb())), 250);
  try {
    const atReady = svc.rssMb();
    report.add({
      measure: 'national: ready after start',
      value: ms(svc.readyMs),
      goal: '< 15 s',
      met: svc.readyMs < 15_000,
    });
    const allScored = (await waitAllScored(platform, config.regions)) - svc.startedAt;
    report.add({
      measure: 'national: every district scored after start (the start-up rescoring)',
      value: ms(allScored),
    });
    const r = await batches(svc, platform, config.regions, {
      total: E2E_TOTAL,
      size: 1000,
      clients: 8,
    });
    report.add({
      measure: 'national: batches of 1,000 spread over all districts: values applied',
      value: `${rate(r.applied)} (scores caught up ${ms(r.scoreLagMs)} later)`,
    });
    report.add({
      measure:
        'national: batches of 1,000 spread over all districts: end to end (applied and scored)',
      value: rate(r.endToEnd),
      anchor:
        demoSpreadRate > 0
          ? `${pct(r.endToEnd / demoSpreadRate)} of the demo config's rate`
          : 'demo phase not run',
      goal: 'within 20% of the demo config',
      met: demoSpreadRate > 0 && r.endToEnd >= demoSpreadRate * 0.8,
    });
    await new Promise((res) => setTimeout(res, 2000));
    const timings: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      await (await fetch(`${svc.url}/api/v1/rankings/national`)).arrayBuffer();
      timings.push(performance.now() - t0);
    }
    const median = quantile(timings, 0.5);
    report.add({
      measure: 'national: GET /api/v1/rankings/national median',
      value: ms(median),
      goal: '< 10 ms',
      met: median < 10,
    });
    const memory = Number(
      /used_memory:(\d+)/.exec(String(await platform.redis.info('memory')))?.[1] ?? 0,
    );
    report.add({
      measure: 'national: Redis memory after the load, per district × indicator series',
      value: `${fmt(memory / 1024 / 1024)} MB in all, ${fmt(memory / 200_000)} bytes per series (${fmt(E2E_TOTAL)} values stored)`,
    });
    const after = svc.rssMb();
    report.add({
      measure: 'national: RSS at ready → after load (peak)',
      value: `${fmt(atReady)} → ${fmt(after)} MB (${fmt(peak)} MB)`,
      goal: '< 500 MB',
      met: peak < 500,
    });
  } finally {
    clearInterval(sampler);
    await platform.close();
    await svc.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

console.log(`\nSummary (${new Date().toISOString()}, ${quick ? 'quick' : 'full'} run)\n`);
console.log(report.table());
process.exit(0);
