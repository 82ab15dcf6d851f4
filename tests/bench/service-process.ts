import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedRedis, type EmbeddedRedis } from '@region-score/platform';
import { freePort } from '../helpers/free-port';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BenchService {
  url: string;
  redisUrl: string;
  redisPort: number;
  adminToken: string;
  keyPrefix: string;
  /** From spawning the process to /readyz answering 200. */
  readyMs: number;
  /** `performance.now()` when the process was spawned. */
  startedAt: number;
  /** Resident set size of the service process now, MB (the API process when split). */
  rssMb(): number;
  /** CPU time (user + system) each process used so far, ms: `service`, or `api` and `worker`. */
  cpuMs(): Record<string, number>;
  stop(): Promise<void>;
}

/** CPU time (user + system) a process used so far, ms, from /proc (clock ticks of 10 ms). */
function processCpuMs(pid: number | undefined): number {
  // Fields after the command name: state is field 3, utime 14 and stime 15.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * The service as `npm start` runs it (the compiled bundle: API + worker in one process; run
 * `npm run build` first), in a child process so the load generator does not share its event
 * loop, against a private redis-server with AOF on (`appendfsync` as REDIS_FSYNC says, `always`
 * by default, as the embedded Redis runs). With `split`, API (`MODE=api`) and worker
 * (`MODE=worker`) run as two processes, so the CPU each spends can be told apart; `nodeArgs`
 * go to node (`--cpu-prof` for a profile of each process).
 */
export async function startBenchService(
  env: Record<string, string> = {},
  { split = false, nodeArgs = [] }: { split?: boolean; nodeArgs?: string[] } = {},
): Promise<BenchService> {
  const dataDir = await mkdtemp(join(tmpdir(), 'region-score-bench-'));
  const redisPort = await freePort();
  const redis: EmbeddedRedis = await startEmbeddedRedis({
    dataDir,
    port: redisPort,
    ephemeral: true,
    fsync: env.REDIS_FSYNC === 'everysec' ? 'everysec' : 'always',
  });
  const port = await freePort();
  const adminToken = 'bench-admin-token-0123456789abcdef0123';
  const keyPrefix = 'bench';
  const started = performance.now();
  const spawnService = (mode: string): ChildProcess =>
    spawn(process.execPath, [...nodeArgs, join(ROOT, 'apps/cli/dist/start.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        REDIS_URL: redis.url ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        ADMIN_TOKEN: adminToken,
        KEY_PREFIX: keyPrefix,
        SIMULATE: '0',
        LOG_LEVEL: 'warn',
        // Counted as in production (shared counters) but never reached by the load.
        RATE_LIMIT_PER_KEY: '100000000',
        RATE_LIMIT_PER_IP: '100000000',
        LIVE_CONNECTIONS_PER_IP: '100000',
        ...env,
        MODE: mode,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  const child = spawnService(split ? 'api' : 'all');
  const worker = split ? spawnService('worker') : null;
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error('service did not become ready');
    await new Promise((r) => setTimeout(r, 50));
  }
  const readyMs = performance.now() - started;
  return {
    url,
    redisUrl: redis.url ?? '',
    redisPort,
    adminToken,
    keyPrefix,
    readyMs,
    startedAt: started,
    cpuMs(): Record<string, number> {
      return worker
        ? { api: processCpuMs(child.pid), worker: processCpuMs(worker.pid) }
        : { service: processCpuMs(child.pid) };
    },
    rssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    async stop() {
      await Promise.all(
        [child, worker].map((p) => {
          if (!p || p.exitCode !== null) return undefined;
          const exited = new Promise((r) => p.once('exit', r));
          p.kill('SIGTERM');
          return exited;
        }),
      );
      await redis.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
