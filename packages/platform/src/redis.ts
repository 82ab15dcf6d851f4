import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { registerScripts } from './lua-scripts';

/**
 * Where Redis is: a URL (`redis://…`, `rediss://…`), a unix socket path of the embedded server, or
 * the seed nodes of a Redis Cluster.
 */
export type RedisTarget =
  | { url: string }
  | { path: string }
  | {
      cluster: readonly { host: string; port: number }[];
      auth?: { username?: string; password?: string } | null;
    };

/**
 * How a connection behaves while Redis is unreachable. `patient` (workers, BullMQ, the event
 * tail): commands wait in the offline queue and run once Redis is back. `fail-fast` (the HTTP
 * request path): commands fail at once, so a request is answered 503 within a second instead of
 * hanging, and nothing is sent later behind the caller's back.
 */
export type ConnectionMode = 'patient' | 'fail-fast';

const MODES: Record<ConnectionMode, RedisOptions> = {
  // `maxRetriesPerRequest: null` is what BullMQ requires of its connections.
  patient: { maxRetriesPerRequest: null },
  'fail-fast': { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 5000 },
};

/**
 * Opens a connection with the service's Lua scripts registered. Reconnects within a second of
 * Redis coming back (an embedded Redis restarts in about that time).
 */
export function createRedis(
  target: RedisTarget,
  options: RedisOptions = {},
  mode: ConnectionMode = 'patient',
): Redis {
  const base: RedisOptions = {
    enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(50 * times, 500),
    ...MODES[mode],
    ...options,
  };
  let redis: Redis;
  if ('cluster' in target) {
    const {
      enableAutoPipelining: _autoPipelining,
      enableOfflineQueue,
      retryStrategy: _nodeRetry,
      ...nodeOptions
    } = base;
    const cluster = new Cluster([...target.cluster], {
      // ioredis batches auto-pipelined commands per node and then refuses a batch whose keys
      // live in different slots ("same slots allocation group"): off for a cluster.
      enableAutoPipelining: false,
      ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
      clusterRetryStrategy: (times) => Math.min(100 * times, 1000),
      // A failover moves slots: ask again soon instead of failing the command.
      retryDelayOnFailover: 200,
      retryDelayOnClusterDown: 300,
      redisOptions: { ...nodeOptions, ...(target.auth ?? {}) },
    });
    // A Cluster has the same command interface (and the service's scripts registered on it):
    // the stores use it as they use a single connection. Every multi-key script, MULTI and
    // pipeline of a store touches one slot (a region's keys share the hash tag `{r:<region>}`).
    redis = cluster as unknown as Redis;
  } else {
    redis =
      'url' in target ? new Redis(target.url, base) : new Redis({ ...base, path: target.path });
  }
  registerScripts(redis);
  // Connection errors surface as rejected commands where they are awaited; without a listener
  // ioredis would also print every reconnect attempt as an unhandled error event.
  redis.on('error', () => undefined);
  return redis;
}

/**
 * Whether an error means Redis could not be reached (down, restarting, or not answering), as
 * opposed to a command that failed: the first is worth a 503 and a retry, the second is a bug.
 */
export function isRedisUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'MaxRetriesPerRequestError' || err.name === 'ClusterAllFailedError') return true;
  // The cluster ones are what a failover looks like from a client until the new primary is known:
  // a write sent to the demoted node (READONLY), redirections chasing an election, no quorum.
  return /enableOfflineQueue|Connection is closed|Command timed out|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOENT|EPIPE|LOADING|CLUSTERDOWN|TRYAGAIN|MASTERDOWN|NOREPLICAS|READONLY|Too many Cluster redirections|Cluster isn't ready|Failed to refresh slots cache|None of startup nodes is available|Stream isn't writeable/.test(
    err.message,
  );
}

/** Describes a target for logs without leaking a password. */
export function describeTarget(target: RedisTarget): string {
  if ('path' in target) return `unix:${target.path}`;
  if ('cluster' in target) {
    return `cluster:${target.cluster.map((n) => `${n.host}:${n.port}`).join(',')}`;
  }
  try {
    const u = new URL(target.url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'redis';
  }
}
