import { fork, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * What the same Redis does with pipelined ZADD (`redis-benchmark -q -P 16 -t zadd`), measured in
 * the same run on the same machine: the ceiling a Redis-backed ingest path is compared with.
 */
export function zaddPerSecond(port: number, requests = 1_000_000): number {
  const run = spawnSync(
    'redis-benchmark',
    ['-q', '-P', '16', '-t', 'zadd', '-n', String(requests), '-p', String(port)],
    { encoding: 'utf8' },
  );
  // The last line reads "ZADD: 1234567.00 requests per second, p50=…".
  const match = /ZADD:\s*([\d.]+)\s*requests per second/.exec(run.stdout.split('\r').pop() ?? '');
  if (!match) throw new Error(`redis-benchmark: ${run.stdout}${run.stderr}`);
  return Number(match[1]);
}

/** Starts the no-op Fastify route in its own process; resolves with its URL and a stop. */
export async function startNoopServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = fork(fileURLToPath(new URL('./noop-server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
  });
  const url = await new Promise<string>((resolve) =>
    child.on('message', (m: { type: string; url: string }) => m.type === 'ready' && resolve(m.url)),
  );
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
