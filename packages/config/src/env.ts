import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvReader, parseBoolean, quote } from './env-reader';
import { ConfigError } from './errors';
import { deepFreeze } from './freeze';

/** How the process runs: everything in one process (`npm start`), or one side of a scaled-out setup. */
export const MODES = ['all', 'api', 'worker'] as const;
export type Mode = (typeof MODES)[number];

/** Pino's levels, plus `silent` for tests. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The demo region config shipped with the package, used when `REGION_CONFIG` is unset. */
export const DEMO_REGION_CONFIG_PATH = fileURLToPath(
  new URL('../regions/demo.yaml', import.meta.url),
);

/**
 * The validated process configuration. Built once by `loadConfig` at the entry point and passed down;
 * nothing else reads the environment.
 */
export interface AppConfig {
  /** MODE: `all` runs API and worker in one process (`npm start`). */
  mode: Mode;
  http: {
    host: string;
    /** 0 asks the OS for any free port (tests). */
    port: number;
    /** Reads (rankings, scores, live stream) without an API key: the wall screen needs none. */
    openReads: boolean;
    adminToken: string | null;
    /** Trust `X-Forwarded-*` from a reverse proxy. */
    trustProxy: boolean;
  };
  redis: {
    /** null: start and manage an embedded `redis-server` under `dataDir`. */
    url: string | null;
    /** Absolute. */
    dataDir: string;
    keyPrefix: string;
    cluster: boolean;
  };
  /** Absolute path of the region config file (YAML or JSON). */
  regionConfigPath: string;
  /** `auto`: simulate a live feed only when the region config says `demo: true`. */
  simulate: boolean | 'auto';
  worker: { concurrency: number };
  live: {
    /** Socket.io frames are coalesced over this window. */
    frameMs: number;
    heartbeatMs: number;
  };
  logLevel: LogLevel;
}

/** Options for `loadConfig`; `cwd` anchors relative paths (defaults to the process's directory). */
export interface LoadConfigOptions {
  cwd?: string;
}

/**
 * Validates the environment and returns the typed, deep-frozen configuration. Every variable is
 * checked before anything is thrown, so one `ConfigError` lists all bad keys at once.
 *
 * @param env - usually `process.env`, passed by the entry point; tests pass a literal.
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  options: LoadConfigOptions = {},
): AppConfig {
  const read = new EnvReader(env);
  const cwd = options.cwd ?? process.cwd();
  const toAbsolute = (path: string): string => (isAbsolute(path) ? path : resolve(cwd, path));

  const redisUrl = read.optionalString('REDIS_URL', checkRedisUrl);
  const cluster = read.boolean('REDIS_CLUSTER', false);
  if (cluster && redisUrl === null && read.raw('REDIS_URL') === undefined) {
    read.fail(
      'REDIS_CLUSTER',
      'needs REDIS_URL: the embedded redis-server is not a cluster',
      false,
    );
  }

  const config: AppConfig = {
    mode: read.oneOf('MODE', MODES, 'all'),
    http: {
      host: read.string('HOST', '0.0.0.0', (v) =>
        /\s/.test(v) ? 'must not contain spaces' : null,
      ),
      port: read.integer('PORT', 3000, 0, 65535),
      openReads: read.boolean('OPEN_READS', true),
      adminToken: read.optionalString('ADMIN_TOKEN', (v) =>
        /\s/.test(v) ? 'must not contain whitespace' : null,
      ),
      trustProxy: read.boolean('TRUST_PROXY', false),
    },
    redis: {
      url: redisUrl,
      dataDir: toAbsolute(read.string('DATA_DIR', './data')),
      keyPrefix: read.string('KEY_PREFIX', 'rs', (v) =>
        /^[^\s{}]{1,64}$/.test(v)
          ? null
          : `must be 1-64 characters without spaces or braces, got ${quote(v)}`,
      ),
      cluster,
    },
    regionConfigPath: toAbsolute(read.string('REGION_CONFIG', DEMO_REGION_CONFIG_PATH)),
    simulate: readSimulate(read),
    worker: { concurrency: read.integer('WORKER_CONCURRENCY', 8, 1, 1000) },
    live: {
      frameMs: read.integer('FRAME_MS', 100, 1, 60_000),
      heartbeatMs: read.integer('HEARTBEAT_MS', 5000, 10, 3_600_000),
    },
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
  };

  if (read.issues.length > 0) throw new ConfigError(read.issues);
  return deepFreeze(config);
}

/** SIMULATE: a boolean, `auto`, or unset (= `auto`). */
function readSimulate(read: EnvReader): boolean | 'auto' {
  const value = read.raw('SIMULATE');
  if (value === undefined || value.toLowerCase() === 'auto') return 'auto';
  return (
    parseBoolean(value) ??
    read.fail('SIMULATE', `must be 1/0/true/false/yes/no or auto, got ${quote(value)}`, 'auto')
  );
}

/** Accepts redis:// and rediss:// URLs; never echoes the value, which may hold a password. */
function checkRedisUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a URL like redis://localhost:6379 (value not shown: it may hold a password)';
  }
  return url.protocol === 'redis:' || url.protocol === 'rediss:'
    ? null
    : `must use redis:// or rediss://, got ${url.protocol}//`;
}
