/**
 * `npm run bench`: throughput and latency of the ingest pipeline and the live stream, against
 * the real service (API + worker in a child process, private redis-server with AOF on).
 * Prints its figures; it asserts nothing.
 */
import { loadConfig, loadRegionConfig, DEMO_REGION_CONFIG_PATH } from '@region-score/config';
import { createPlatform } from '@region-score/platform';
import { startBenchService } from './service-process';
import { ObservationFactory, post } from './load';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fmt, pool, quantile } from './stats';

const quick = process.argv.includes('--quick');
const SECONDS = quick ? 3 : 10;

const config = await loadRegionConfig(DEMO_REGION_CONFIG_PATH);
const region = config.regions[0]!;
const svc = await startBenchService({ WORKER_CONCURRENCY: '16' });
const platform = await createPlatform(
  loadConfig({ REDIS_URL: svc.redisUrl, KEY_PREFIX: svc.keyPrefix }).redis,
);
const { redis, keys } = platform;
const factory = new ObservationFactory(region);
const results: string[] = [];
const report = (line: string) => {
  results.push(line);
  console.log(line);
};

async function appliedTotal(): Promise<number> {
  const versions = await redis.hvals(keys.versions(region.id));
  return versions.reduce((a, v) => a + Number(v), 0);
}
async function waitApplied(target: number): Promise<number> {
  for (;;) {
    if ((await appliedTotal()) >= target) return performance.now();
    await new Promise((r) => setTimeout(r, 5));
  }
}

try {
  // 1. Batches of 100, 8 concurrent clients; with each AOF fsync policy (REDIS_FSYNC).
  for (const fsync of ['always', 'everysec'] as const) {
    await redis.config('SET', 'appendfsync', fsync);
    const base = await appliedTotal();
    let accepted = 0;
    const start = performance.now();
    const end = start + SECONDS * 1000;
    await pool(
      8,
      () => performance.now() > end,
      async () => {
        await post(svc.url, svc.adminToken, factory.batch(100));
        accepted += 100;
      },
    );
    const acceptedAt = performance.now();
    const doneAt = await waitApplied(base + accepted);
    report(
      `ingest, batches of 100, appendfsync ${fsync}: API accepted ${fmt(accepted / ((acceptedAt - start) / 1000))} obs/s`,
    );
    report(
      `ingest, batches of 100, appendfsync ${fsync}: end to end (accepted → applied, scored, ranked) ${fmt(accepted / ((doneAt - start) / 1000))} obs/s (${fmt(accepted)} observations)`,
    );
  }
  await redis.config('SET', 'appendfsync', 'always');
  // 2. Single observations from 256 concurrent clients: many reporters, each waiting for its 202.
  {
    const base = await appliedTotal();
    let accepted = 0;
    const start = performance.now();
    const end = start + SECONDS * 1000;
    await pool(
      256,
      () => performance.now() > end,
      async () => {
        await post(svc.url, svc.adminToken, [factory.next()]);
        accepted += 1;
      },
    );
    const acceptedAt = performance.now();
    const doneAt = await waitApplied(base + accepted);
    report(
      `ingest, single observations: API accepted ${fmt(accepted / ((acceptedAt - start) / 1000))} requests/s`,
    );
    report(
      `ingest, single observations: worker applied ${fmt(accepted / ((doneAt - start) / 1000))} obs/s end to end`,
    );
  }

  /**
   * Paced load at `rate` obs/s (single-observation requests). Each observation's "visible" time
   * is when its district's data version reaches the count sent so far for that district.
   */
  async function pacedLatency(
    rate: number,
    observers: number,
    onVersion: (
      record: (observer: number, district: string, version: number, at: number) => void,
    ) => Promise<() => void | Promise<void>>,
  ): Promise<number[]> {
    const seen = new Map<string, { version: number; at: number }[]>();
    const record = (observer: number, district: string, version: number, at: number) => {
      const key = `${observer}|${district}`;
      const list = seen.get(key) ?? [];
      list.push({ version, at });
      seen.set(key, list);
    };
    const stop = await onVersion(record);
    const versions = await redis.hgetall(keys.versions(region.id));
    const counters = new Map(Object.entries(versions).map(([d, v]) => [d, Number(v)]));
    const sends: Promise<{ district: string; target: number; at: number }>[] = [];
    const start = performance.now();
    const perTick = rate / 100;
    for (let tick = 0; tick < SECONDS * 100; tick++) {
      for (let i = 0; i < perTick; i++) {
        const obs = factory.next();
        const target = (counters.get(obs.district) ?? 0) + 1;
        counters.set(obs.district, target);
        sends.push(
          post(svc.url, svc.adminToken, [obs]).then((at) => ({
            district: obs.district,
            target,
            at,
          })),
        );
      }
      const wait = start + (tick + 1) * 10 - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const accepted = await Promise.all(sends);
    await new Promise((r) => setTimeout(r, 1000));
    await stop();
    const latencies: number[] = [];
    for (let o = 0; o < observers; o++) {
      for (const a of accepted) {
        const hit = (seen.get(`${o}|${a.district}`) ?? []).find((s) => s.version >= a.target);
        if (hit) latencies.push(Math.max(0, hit.at - a.at));
      }
    }
    return latencies;
  }

  // 3. 202 → score visible in Redis (the worker publishes right after its write), 1,000 obs/s.
  {
    const tail = platform.connect();
    const latencies = await pacedLatency(1000, 1, async (record) => {
      const abort = new AbortController();
      void platform.events.tail(
        tail,
        (events) => {
          const at = performance.now();
          for (const e of events)
            if (e.type === 'scores') for (const s of e.scores) record(0, s.district, s.version, at);
        },
        abort.signal,
        100,
      );
      await new Promise((r) => setTimeout(r, 200));
      return () => abort.abort();
    });
    report(
      `latency 202 → score in Redis at 1,000 obs/s: p50 ${fmt(quantile(latencies, 0.5), 1)} ms, p99 ${fmt(quantile(latencies, 0.99), 1)} ms (${fmt(latencies.length)} samples)`,
    );
  }

  // 4. 202 → a connected socket.io client has the new score, with 1 and 1,000 clients. The
  // clients live in their own process (see socket-fleet.ts) so they do not slow the generator.
  for (const clients of [1, 1000]) {
    const sampled = Math.min(clients, 50);
    const latencies = await pacedLatency(1000, sampled, async (record) => {
      const fleet = fork(fileURLToPath(new URL('./socket-fleet.ts', import.meta.url)), [], {
        execArgv: ['--import', 'tsx'],
      });
      await new Promise<void>((resolve) => {
        fleet.on('message', (m: { type: string }) => m.type === 'ready' && resolve());
        fleet.send({ type: 'start', start: { url: svc.url, region: region.id, clients, sampled } });
      });
      return () =>
        new Promise<void>((resolve) => {
          fleet.on(
            'message',
            (m: { type: string; records?: [number, string, number, number][] }) => {
              if (m.type !== 'records') return;
              // Absolute ms → this process's performance.now() scale.
              for (const [o, d, v, at] of m.records ?? [])
                record(o, d, v, at - performance.timeOrigin);
              resolve();
            },
          );
          fleet.send({ type: 'stop' });
        });
    });
    report(
      `latency 202 → socket.io client at 1,000 obs/s, ${fmt(clients)} client(s): p50 ${fmt(quantile(latencies, 0.5), 1)} ms, p99 ${fmt(quantile(latencies, 0.99), 1)} ms (frame window 100 ms; ${fmt(latencies.length)} samples on ${sampled} client(s))`,
    );
  }
} finally {
  await platform.close();
  await svc.stop();
}
console.log('\nSummary');
for (const line of results) console.log(`  ${line}`);
process.exit(0);
