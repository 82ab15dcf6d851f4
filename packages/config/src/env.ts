import { existsSync } from 'node:fs';
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

/**
 * The demo region config shipped with the package, used when `REGION_CONFIG` is unset: next to
 * this module's package (source), or found from the server bundle in `apps/cli/dist/`.
 */
export const DEMO_REGION_CONFIG_PATH = [
  new URL('../regions/demo.yaml', import.meta.url),
  new URL('../../../packages/config/regions/demo.yaml', import.meta.url),
]
  .map((url) => fileURLToPath(url))
  .find((path) => existsSync(path)) as string;

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
    /** Origins allowed to call the API from a browser (CORS); empty: CORS off. */
    corsOrigins: string[];
    /** Origins allowed to embed the dashboard in a frame (CSP frame-ancestors); empty: none. */
    embedOrigins: string[];
    /** A request must arrive whole within this (ms); a connection idle this long is closed. */
    requestTimeoutMs: number;
    idleTimeoutMs: number;
  };
  /** Throttling (per minute; 0 switches a limit off). Counted in Redis, so shared by API nodes. */
  limits: {
    /** API requests per key. */
    perKey: number;
    /** API requests per client IP without a key. */
    perIp: number;
    /** Failed authentications per client IP (then 429 for 15 minutes). */
    authFailuresPerIp: number;
    /** Live connections per client IP. */
    liveConnectionsPerIp: number;
    /** Channels one live connection may subscribe to. */
    liveSubscriptions: number;
  };
  redis: {
    /** null: start and manage an embedded `redis-server` under `dataDir` (or use `clusterNodes`). */
    url: string | null;
    /**
     * A Redis Cluster's seed nodes (`REDIS_URL=redis+cluster://[user:pass@]h1:p1,h2:p2` or
     * `REDIS_CLUSTER_NODES=h1:p1,h2:p2`); null: not a cluster.
     */
    clusterNodes: { host: string; port: number }[] | null;
    /** Credentials for the cluster nodes (from the `redis+cluster://` URL). */
    clusterAuth: { username?: string; password?: string } | null;
    /** Absolute. */
    dataDir: string;
    keyPrefix: string;
    cluster: boolean;
    /**
     * `appendfsync` of the embedded Redis: `always` (default) fsyncs every write before it is
     * acknowledged; `everysec` may lose up to a second of acknowledged writes on a power cut.
     */
    fsync: 'always' | 'everysec';
    /**
     * Replicas a write must reach before it is acknowledged (Redis `WAIT`; 0: none). Set it to 1
     * with replicas (a cluster, or a primary with a replica) so a failover loses nothing
     * acknowledged.
     */
    waitReplicas: number;
    waitReplicasTimeoutMs: number;
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

  const rawUrl = read.optionalString('REDIS_URL', checkRedisUrl);
  const clusterUrl = rawUrl?.startsWith('redis+cluster://') ? parseClusterUrl(rawUrl) : null;
  const redisUrl = clusterUrl ? null : rawUrl;
  const listed = read.optionalString('REDIS_CLUSTER_NODES', (v) =>
    parseNodes(v) ? null : 'must be host:port[,host:port…], e.g. redis-1:7000,redis-2:7001',
  );
  if (listed && rawUrl)
    read.fail('REDIS_CLUSTER_NODES', 'give REDIS_URL or REDIS_CLUSTER_NODES, not both', null);
  const clusterNodes = clusterUrl?.nodes ?? (listed ? parseNodes(listed) : null);
  const cluster = read.boolean('REDIS_CLUSTER', false) || clusterNodes !== null;
  if (
    cluster &&
    redisUrl === null &&
    clusterNodes === null &&
    read.raw('REDIS_URL') === undefined
  ) {
    read.fail(
      'REDIS_CLUSTER',
      'needs REDIS_URL or REDIS_CLUSTER_NODES: the embedded redis-server is not a cluster',
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
      adminToken: read.optionalString('ADMIN_TOKEN', checkAdminToken),
      trustProxy: read.boolean('TRUST_PROXY', false),
      corsOrigins: readOrigins(read, 'CORS_ORIGINS'),
      embedOrigins: readOrigins(read, 'EMBED_ORIGINS'),
      requestTimeoutMs: read.integer('REQUEST_TIMEOUT_MS', 60_000, 100, 3_600_000),
      idleTimeoutMs: read.integer('IDLE_TIMEOUT_MS', 30_000, 100, 3_600_000),
    },
    limits: {
      perKey: read.integer('RATE_LIMIT_PER_KEY', 6000, 0, 100_000_000),
      perIp: read.integer('RATE_LIMIT_PER_IP', 1200, 0, 100_000_000),
      authFailuresPerIp: read.integer('AUTH_FAILURES_PER_IP', 30, 0, 100_000_000),
      liveConnectionsPerIp: read.integer('LIVE_CONNECTIONS_PER_IP', 200, 0, 1_000_000),
      liveSubscriptions: read.integer('LIVE_SUBSCRIPTIONS', 8, 1, 1000),
    },
    redis: {
      url: redisUrl,
      clusterNodes,
      clusterAuth: clusterUrl?.auth ?? null,
      dataDir: toAbsolute(read.string('DATA_DIR', './data')),
      keyPrefix: read.string('KEY_PREFIX', 'rs', (v) =>
        /^[^\s{}]{1,64}$/.test(v)
          ? null
          : `must be 1-64 characters without spaces or braces, got ${quote(v)}`,
      ),
      cluster,
      fsync: read.oneOf('REDIS_FSYNC', ['always', 'everysec'] as const, 'always'),
      waitReplicas: read.integer('REDIS_WAIT_REPLICAS', 0, 0, 10),
      waitReplicasTimeoutMs: read.integer('REDIS_WAIT_TIMEOUT_MS', 1000, 10, 60_000),
    },
    regionConfigPath: toAbsolute(read.string('REGION_CONFIG', DEMO_REGION_CONFIG_PATH)),
    simulate: readSimulate(read),
    worker: { concurrency: read.integer('WORKER_CONCURRENCY', 8, 1, 1000) },
    live: {
      frameMs: read.integer('FRAME_MS', 100, 1, 60_000),
      heartbeatMs: read.integer('HEARTBEAT_MS', 1000, 10, 3_600_000),
    },
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
  };

  if (read.issues.length > 0) throw new ConfigError(read.issues);
  return deepFreeze(config);
}

/** ADMIN_TOKEN opens everything: a guessable one is refused at start. */
function checkAdminToken(value: string): string | null {
  if (/\s/.test(value)) return 'must not contain whitespace';
  if (value.length < 32) {
    return `must be at least 32 characters (got ${value.length}); make one with: openssl rand -hex 32`;
  }
  return null;
}

/** A comma-separated list of `http(s)://host[:port]` origins (blank: none). */
function readOrigins(read: EnvReader, key: string): string[] {
  const value = read.raw(key);
  if (value === undefined) return [];
  const origins = value
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const bad = origins.filter((o) => !/^https?:\/\/[^\s/]+$/.test(o));
  if (bad.length > 0) {
    return read.fail(
      key,
      `must be origins like https://wall.example.kz, got ${quote(bad[0] ?? '')}`,
      [],
    );
  }
  return origins;
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

/** `h1:p1,h2:p2` → nodes; null when any part is not host:port. */
function parseNodes(value: string): { host: string; port: number }[] | null {
  const nodes = value.split(',').map((part) => {
    const m = /^\s*([^\s:,]+):(\d{1,5})\s*$/.exec(part);
    return m ? { host: m[1] as string, port: Number(m[2]) } : null;
  });
  return nodes.length > 0 && nodes.every((n) => n !== null && n.port > 0 && n.port < 65536)
    ? (nodes as { host: string; port: number }[])
    : null;
}

/** `redis+cluster://[user:pass@]h1:p1,h2:p2` → seed nodes and credentials. */
function parseClusterUrl(value: string): {
  nodes: { host: string; port: number }[];
  auth: { username?: string; password?: string } | null;
} | null {
  const rest = value.slice('redis+cluster://'.length).replace(/\/.*$/, '');
  const at = rest.lastIndexOf('@');
  const hosts = at >= 0 ? rest.slice(at + 1) : rest;
  const nodes = parseNodes(hosts);
  if (!nodes) return null;
  if (at < 0) return { nodes, auth: null };
  const [user = '', pass = ''] = rest.slice(0, at).split(':');
  const auth: { username?: string; password?: string } = {};
  if (user) auth.username = decodeURIComponent(user);
  if (pass) auth.password = decodeURIComponent(pass);
  return { nodes, auth };
}

/**
 * Accepts redis://, rediss:// and redis+cluster:// URLs; never echoes the value, which may hold a
 * password.
 */
function checkRedisUrl(value: string): string | null {
  if (value.startsWith('redis+cluster://')) {
    return parseClusterUrl(value)
      ? null
      : 'a cluster URL is redis+cluster://[user:password@]host:port[,host:port…] (value not shown)';
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a URL like redis://localhost:6379 (value not shown: it may hold a password)';
  }
  return url.protocol === 'redis:' || url.protocol === 'rediss:'
    ? null
    : `must use redis://, rediss:// or redis+cluster://, got ${url.protocol}//`;
}
