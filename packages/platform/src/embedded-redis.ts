import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
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

/** Another live process already serves this data directory. */
export class DataDirInUseError extends Error {
  readonly code = 'DATA_DIR_IN_USE';
  constructor(dataDir: string, pid: number) {
    super(
      `another Region Score process (pid ${pid}) is using ${dataDir}; stop it first, or give this ` +
        'one its own DATA_DIR (or REDIS_URL)',
    );
  }
}

/** How the embedded server makes writes durable: `always` fsyncs before answering. */
export type FsyncPolicy = 'always' | 'everysec';

/** What the supervisor reports. */
export type EmbeddedRedisEvent =
  | { type: 'exited'; code: number | null; signal: NodeJS.Signals | null }
  | { type: 'restarted'; attempt: number; ms: number }
  | { type: 'restart-failed'; attempt: number; error: string };

export interface EmbeddedRedis {
  /** Unix socket path, or null when listening on TCP. */
  path: string | null;
  /** `redis://127.0.0.1:<port>` when listening on TCP, else null. */
  url: string | null;
  /** The running server's pid (changes when the supervisor restarts it). */
  pid(): number | undefined;
  /** Saves and stops the server (no restart); resolves when the process has exited. */
  stop(): Promise<void>;
}

export interface EmbeddedRedisOptions {
  dataDir: string;
  /** Listen on this TCP port on 127.0.0.1 instead of a unix socket in dataDir. */
  port?: number;
  /** Append-only file persistence (default on): an accepted value survives a crash. */
  appendOnly?: boolean;
  /** `appendfsync` (default `always`): see README "Reliability and security". */
  fsync?: FsyncPolicy;
  /** Remove dataDir when stopped (tests). */
  ephemeral?: boolean;
  /** Restart the server from its AOF when it dies unexpectedly (default true). */
  supervise?: boolean;
  onEvent?: (event: EmbeddedRedisEvent) => void;
}

/** Restart delays after an unexpected exit: quick at first, then at most every 2 s. */
const RESTART_BACKOFF_MS = [100, 250, 500, 1000, 2000];

/**
 * Starts a private `redis-server` owned by this process. A unix socket in the data directory is
 * the default so it never collides with a Redis already on port 6379.
 *
 * The server runs in its own process group, so a Ctrl-C or a SIGTERM to the service's process
 * group reaches only the service, which stops the server itself, last, after draining. When the
 * server dies otherwise (killed, crashed), it is restarted from its AOF within a second or two;
 * clients reconnect on their own. A server left running by a service that was killed (kill -9)
 * is shut down cleanly (AOF flushed) by the next start on the same data directory.
 */
export async function startEmbeddedRedis(options: EmbeddedRedisOptions): Promise<EmbeddedRedis> {
  const { dataDir, port, appendOnly = true, fsync = 'always', supervise = true } = options;
  await mkdir(dataDir, { recursive: true });
  const socket = join(dataDir, 'redis.sock');
  const owner = join(dataDir, 'service.pid');
  const target = port === undefined ? { path: socket } : { host: '127.0.0.1', port };
  if (port === undefined) await takeOverDataDir(dataDir, owner, socket);

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
    fsync,
    '--daemonize',
    'no',
    '--loglevel',
    'warning',
    '--logfile',
    '',
  ];
  if (port === undefined) args.push('--unixsocket', socket, '--unixsocketperm', '700');

  let child: ChildProcess = await launch(args);
  await waitForPing(target, child);
  let stopping = false;
  let attempt = 0;

  const supervisor = (proc: ChildProcess) => {
    proc.once('exit', (code, signal) => {
      if (stopping || !supervise) return;
      options.onEvent?.({ type: 'exited', code, signal });
      void restart();
    });
  };
  const restart = async (): Promise<void> => {
    while (!stopping) {
      const delay = RESTART_BACKOFF_MS[Math.min(attempt, RESTART_BACKOFF_MS.length - 1)] ?? 2000;
      attempt += 1;
      await new Promise((r) => setTimeout(r, delay));
      if (stopping) return;
      const started = Date.now();
      try {
        const next = await launch(args);
        await waitForPing(target, next);
        child = next;
        supervisor(next);
        options.onEvent?.({ type: 'restarted', attempt, ms: Date.now() - started });
        attempt = 0;
        return;
      } catch (err) {
        options.onEvent?.({ type: 'restart-failed', attempt, error: (err as Error).message });
      }
    }
  };
  supervisor(child);
  // However this process ends (an exit after a fatal error, a stop cut short), the server is not
  // left behind: SIGTERM makes Redis flush its AOF and exit.
  const onExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.once('exit', onExit);

  const stop = async (): Promise<void> => {
    stopping = true;
    process.off('exit', onExit);
    const proc = child;
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      // SHUTDOWN flushes the AOF before exiting, so the last accepted write is on disk.
      if (!(await shutdown(target))) proc.kill('SIGTERM');
      await exited;
    }
    if (port === undefined) await rm(owner, { force: true });
    if (options.ephemeral) await rm(dataDir, { recursive: true, force: true });
  };
  return {
    path: port === undefined ? socket : null,
    url: port === undefined ? null : `redis://127.0.0.1:${port}`,
    pid: () => child.pid,
    stop,
  };
}

/** Spawns `redis-server` in a process group of its own. */
async function launch(args: string[]): Promise<ChildProcess> {
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  (child as ChildProcess & { output: () => string }).output = () => output;
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', () => resolve());
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'ENOENT' ? new RedisServerMissingError() : err),
    );
  });
  return child;
}

/**
 * Claims the data directory for this process: refuses when another live service holds it, and
 * shuts down a server a killed service left behind (it still holds the AOF open).
 */
async function takeOverDataDir(dataDir: string, owner: string, socket: string): Promise<void> {
  const previous = Number((await readFile(owner, 'utf8').catch(() => '')).trim());
  if (previous > 0 && previous !== process.pid && isAlive(previous)) {
    throw new DataDirInUseError(dataDir, previous);
  }
  if (existsSync(socket)) await shutdown({ path: socket });
  await writeFile(owner, `${process.pid}\n`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Asks a server to SHUTDOWN (saving its AOF); false when it could not be reached. */
async function shutdown(
  target: { path: string } | { host: string; port: number },
): Promise<boolean> {
  const client = new Redis({
    ...target,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // The server closes this connection as it shuts down; that is the expected outcome.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch {
    return false;
  }
  try {
    await client.call('SHUTDOWN');
  } catch {
    // The connection closes before a reply: the server is going down.
  } finally {
    client.disconnect();
  }
  return true;
}

async function waitForPing(
  target: { path: string } | { host: string; port: number },
  child: ChildProcess,
): Promise<void> {
  const output = () => (child as ChildProcess & { output?: () => string }).output?.() ?? '';
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
      await new Promise((r) => setTimeout(r, 25));
    } finally {
      client.disconnect();
    }
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not answer within 10 s: ${output().trim()}`);
}
