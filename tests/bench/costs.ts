import type { Redis } from 'ioredis';
import type { BenchService } from './service-process';
import { fmt } from './stats';

/** What Redis and the service processes had done at one moment (cumulative counters). */
export interface CostSnapshot {
  /** Calls per Redis command, those run inside Lua scripts included. */
  calls: Map<string, number>;
  /** Redis CPU time (user + system), ms. */
  redisCpuMs: number;
  /** CPU time of each service process, ms. */
  processCpuMs: Record<string, number>;
}

export async function costSnapshot(redis: Redis, svc: BenchService): Promise<CostSnapshot> {
  const [stats, cpu] = await Promise.all([redis.info('commandstats'), redis.info('cpu')]);
  const calls = new Map<string, number>();
  for (const m of String(stats).matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
    calls.set(m[1] as string, Number(m[2]));
  const seconds = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(cpu)?.[1]);
  return {
    calls,
    redisCpuMs: (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1000,
    processCpuMs: svc.cpuMs(),
  };
}

/**
 * The cost of one observation between two snapshots taken around `n` observations: Redis
 * commands (with the five most frequent), Redis CPU and each process's CPU, in µs. The
 * benchmark's own polling for completion (one HGETALL per region every 100 ms) is included and
 * negligible at these counts.
 */
export function costPerObservation(before: CostSnapshot, after: CostSnapshot, n: number): string {
  const deltas = [...after.calls]
    .map(([cmd, calls]) => [cmd, (calls - (before.calls.get(cmd) ?? 0)) / n] as const)
    .filter(([, d]) => d > 0)
    .sort((a, b) => b[1] - a[1]);
  const commands = deltas.reduce((a, [, d]) => a + d, 0);
  const top = deltas
    .slice(0, 5)
    .map(([cmd, d]) => `${cmd} ${fmt(d, 2)}`)
    .join(', ');
  const us = (ms: number) => `${fmt((ms * 1000) / n, 1)} µs`;
  const processes = Object.entries(after.processCpuMs)
    .map(([name, ms]) => `${name} ${us(ms - (before.processCpuMs[name] ?? 0))}`)
    .join(', ');
  return `${fmt(commands, 2)} Redis commands (${top}); CPU: Redis ${us(after.redisCpuMs - before.redisCpuMs)}, ${processes}`;
}
