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
  /** Resident set size of the service process now, MB. */
  rssMb(): number;
  stop(): Promise<void>;
}

/**
 * The service as `npm start` runs it (the compiled bundle: API + worker in one process; run
 * `npm run build` first), in a child process so the load generator does not share its event
 * loop, against a private redis-server with AOF on (`appendfsync` as REDIS_FSYNC says, `always`
 * by default, as the embedded Redis runs).
 */
export async function startBenchService(env: Record<string, string> = {}): Promise<BenchService> {
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
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'apps/cli/dist/start.js')], {
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
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
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
    rssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      await redis.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
