import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import type { KeySpace } from '@region-score/platform';
import { type ObservationFactory, post } from './load';
import type { BenchService } from './service-process';

type Record = (observer: number, district: string, version: number, at: number) => void;

/**
 * Paced load at `rate` obs/s (single-observation requests) for `seconds`. Each observation's
 * "visible" time is when its district's data version reaches the count sent so far for that
 * district, as seen by each observer; returns the latencies from each 202 (ms).
 */
export async function pacedLatency(
  svc: BenchService,
  redis: Redis,
  keys: KeySpace,
  region: string,
  factory: ObservationFactory,
  { rate, seconds, observers }: { rate: number; seconds: number; observers: number },
  onVersion: (record: Record) => Promise<() => void | Promise<void>>,
): Promise<number[]> {
  const seen = new Map<string, { version: number; at: number }[]>();
  const record: Record = (observer, district, version, at) => {
    const key = `${observer}|${district}`;
    const list = seen.get(key) ?? [];
    list.push({ version, at });
    seen.set(key, list);
  };
  const stop = await onVersion(record);
  const versions = await redis.hgetall(keys.versions(region));
  const counters = new Map(Object.entries(versions).map(([d, v]) => [d, Number(v)]));
  const sends: Promise<{ district: string; target: number; at: number }>[] = [];
  const start = performance.now();
  const perTick = rate / 100;
  for (let tick = 0; tick < seconds * 100; tick++) {
    for (let i = 0; i < perTick; i++) {
      const obs = factory.next();
      const target = (counters.get(obs.district) ?? 0) + 1;
      counters.set(obs.district, target);
      sends.push(
        post(svc.url, svc.adminToken, [obs]).then((at) => ({ district: obs.district, target, at })),
      );
    }
    const wait = start + (tick + 1) * 10 - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  const accepted = await Promise.all(sends);
  await new Promise((r) => setTimeout(r, 1500));
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

/** A fleet of `clients` wire-level subscribers in a child process; `sampled` of them observe. */
export async function socketFleet(
  svc: BenchService,
  region: string,
  clients: number,
  sampled: number,
  record: Record,
): Promise<{ stop(): Promise<{ gaps: number; frames: number }> }> {
  const fleet = fork(fileURLToPath(new URL('./socket-fleet.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
  });
  await new Promise<void>((resolve) => {
    fleet.on('message', (m: { type: string }) => m.type === 'ready' && resolve());
    fleet.send({ type: 'start', start: { url: svc.url, region, clients, sampled } });
  });
  return {
    stop: () =>
      new Promise((resolve) => {
        fleet.on(
          'message',
          (m: {
            type: string;
            records?: [number, string, number, number][];
            gaps?: number;
            frames?: number;
          }) => {
            if (m.type !== 'records') return;
            // Absolute ms → this process's performance.now() scale.
            for (const [o, d, v, at] of m.records ?? [])
              record(o, d, v, at - performance.timeOrigin);
            resolve({ gaps: m.gaps ?? 0, frames: m.frames ?? 0 });
          },
        );
        fleet.send({ type: 'stop' });
      }),
  };
}
