import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port';
import { SMALL_REGION } from './harness';
import { waitFor } from './wait';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUNDLE = join(ROOT, 'apps/cli/dist/start.js');

/** How a test launches the service: as a user, an operator or a container would. */
export type Launcher =
  /** `npm run serve` (what `npm start` runs after building): npm → node. */
  | 'npm'
  /** `node apps/cli/dist/start.js`. */
  | 'node'
  /** The image's command line as PID 1 of a fresh PID namespace: `tini -- node …`. */
  | 'container';

export interface ServiceProcess {
  /** `http://127.0.0.1:<port>` (MODE=worker serves nothing). */
  url: string;
  port: number;
  adminToken: string;
  dataDir: string;
  /** The launched process (npm, node, or unshare for a container). */
  child: ChildProcess;
  /** Output so far (pino JSON lines). */
  output(): string;
  /** Resolves with the exit code or signal of the launched process. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal to the launched process, or to its whole process group. */
  signal(signal: NodeJS.Signals, target?: 'process' | 'group'): void;
  /** SIGTERM and wait (then SIGKILL after 30 s); removes a temporary data dir. */
  stop(): Promise<void>;
}

export interface ProcessOptions {
  launcher?: Launcher;
  env?: Record<string, string>;
  /** Reuse a data directory (a restart); default a fresh temporary one. */
  dataDir?: string;
  /** Wait for /readyz, or for "worker started" with MODE=worker (default true). */
  waitReady?: boolean;
  port?: number;
}

/** Builds the server bundle once if a test runs without `npm run build` first. */
export function ensureServerBuilt(): void {
  if (existsSync(BUNDLE)) return;
  const built = spawnSync(process.execPath, [join(ROOT, 'apps/cli/build.mjs')], {
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('could not build apps/cli/dist');
}

/**
 * Starts the compiled service as its own process (in its own process group, so a test can
 * signal the group as a terminal's Ctrl-C does). The default environment: the small test region,
 * no simulator, an embedded Redis under a fresh data directory unless REDIS_URL is given.
 */
export async function startServiceProcess(opts: ProcessOptions = {}): Promise<ServiceProcess> {
  ensureServerBuilt();
  const launcher = opts.launcher ?? 'node';
  const port = opts.port ?? (await freePort());
  const temporary = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'region-score-proc-')));
  const adminToken = 'process-admin-0123456789abcdef0123456789';
  const env = {
    ...process.env,
    MODE: 'all',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    REGION_CONFIG: SMALL_REGION,
    ADMIN_TOKEN: adminToken,
    SIMULATE: '0',
    LOG_LEVEL: 'info',
    ...opts.env,
  };
  const [command, args] =
    launcher === 'npm'
      ? ['npm', ['run', '--silent', 'serve']]
      : launcher === 'container'
        ? ['unshare', ['--pid', '--fork', '--mount-proc', 'tini', '--', 'node', BUNDLE]]
        : [process.execPath, [BUNDLE]];
  const child = spawn(command, args as string[], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const proc: ServiceProcess = {
    url,
    port,
    adminToken,
    dataDir,
    child,
    output: () => output,
    exited,
    signal(signal, target = 'process') {
      if (target === 'group') process.kill(-(child.pid as number), signal);
      // `docker stop` signals the container's PID 1 (tini), the child of unshare here.
      else if (launcher === 'container') process.kill(childPid(child.pid as number), signal);
      else child.kill(signal);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          proc.signal('SIGTERM');
        } catch {
          child.kill('SIGTERM');
        }
        // Last resort: the whole group (a container's tini and node are in it too).
        const timer = setTimeout(() => process.kill(-(child.pid as number), 'SIGKILL'), 30_000);
        await exited;
        clearTimeout(timer);
      }
      if (temporary) await rm(dataDir, { recursive: true, force: true });
    },
  };
  if (env.MODE === 'worker' && (opts.waitReady ?? true)) {
    await waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`exited early:\n${output}`);
        return output.includes('"msg":"worker started"') ? true : undefined;
      },
      { timeoutMs: 45_000, what: 'worker started' },
    );
  } else if (opts.waitReady ?? true) {
    try {
      await waitFor(
        async () => {
          if (child.exitCode !== null) throw new Error(`exited early:\n${output}`);
          return (await fetch(`${url}/readyz`)).ok ? true : undefined;
        },
        { timeoutMs: 45_000, what: `service at ${url}` },
      );
    } catch (err) {
      await proc.stop();
      throw err;
    }
  }
  return proc;
}

/** The only child of a process (unshare's: the namespace's PID 1). */
function childPid(parent: number): number {
  const out = spawnSync('pgrep', ['-P', String(parent)], { encoding: 'utf8' }).stdout.trim();
  const pid = Number(out.split('\n')[0]);
  if (!(pid > 0)) throw new Error(`process ${parent} has no child`);
  return pid;
}

/** Pids of processes whose command line contains `text` (e.g. a data directory). */
export function pidsMatching(text: string): number[] {
  const out = spawnSync('pgrep', ['-f', text], { encoding: 'utf8' }).stdout;
  return out
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((pid) => pid > 0 && pid !== process.pid);
}

/** Whether a process is alive. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
