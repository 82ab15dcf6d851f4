import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** Thrown when `redis-server` is not installed: one clear message with how to install it. */
export class RedisServerMissingError extends Error {
  readonly code = 'REDIS_SERVER_MISSING';
  constructor() {
    super(
      'redis-server was not found on PATH. Install it (Debian/Ubuntu: `sudo apt-get install redis-server`, ' +
        'macOS: `brew install redis`) or set REDIS_URL to an existing Redis 7.',
    );
  }
}

export interface EmbeddedRedis {
  /** Unix socket path, or null when listening on TCP. */
  path: string | null;
  /** `redis://127.0.0.1:<port>` when listening on TCP, else null. */
  url: string | null;
  /** Saves and stops the server; resolves when the process has exited. */
  stop(): Promise<void>;
}

export interface EmbeddedRedisOptions {
  dataDir: string;
  /** Listen on this TCP port on 127.0.0.1 instead of a unix socket in dataDir. */
  port?: number;
  /** Append-only file persistence (default on): an accepted value survives a crash. */
  appendOnly?: boolean;
  /** Remove dataDir when stopped (tests). */
  ephemeral?: boolean;
}

/**
 * Starts a private `redis-server` owned by this process. A unix socket in the data directory
 * is the default so it never collides with a Redis already on port 6379.
 */
export async function startEmbeddedRedis(options: EmbeddedRedisOptions): Promise<EmbeddedRedis> {
  const { dataDir, port, appendOnly = true } = options;
  await mkdir(dataDir, { recursive: true });
  const socket = join(dataDir, 'redis.sock');
  const args = [
    '--dir',
    dataDir,
    '--port',
    String(port ?? 0),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    appendOnly ? 'yes' : 'no',
    '--appendfsync',
    'everysec',
    '--daemonize',
    'no',
    '--loglevel',
    'warning',
    '--logfile',
    '',
  ];
  if (port === undefined) args.push('--unixsocket', socket, '--unixsocketperm', '700');

  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', () => resolve());
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'ENOENT' ? new RedisServerMissingError() : err),
    );
  });

  const target = port === undefined ? { path: socket } : { host: '127.0.0.1', port };
  await waitForPing(target, child, () => output);

  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const client = new Redis({
        ...target,
        lazyConnect: true,
        maxRetriesPerRequest: 1,
        retryStrategy: () => null,
      });
      // The server closes this connection as it shuts down; that is the expected outcome.
      client.on('error', () => undefined);
      try {
        await client.connect();
        // SHUTDOWN flushes the AOF before exiting, so the last accepted write is on disk.
        await client.call('SHUTDOWN').catch(() => undefined);
      } catch {
        child.kill('SIGTERM');
      } finally {
        client.disconnect();
      }
      await exited;
    }
    if (options.ephemeral) await rm(dataDir, { recursive: true, force: true });
  };
  return {
    path: port === undefined ? socket : null,
    url: port === undefined ? null : `redis://127.0.0.1:${port}`,
    stop,
  };
}

async function waitForPing(
  target: { path: string } | { host: string; port: number },
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited: ${output().trim()}`);
    const client = new Redis({
      ...target,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      client.disconnect();
    }
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not answer within 10 s: ${output().trim()}`);
}
