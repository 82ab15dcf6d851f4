import { Redis, type RedisOptions } from 'ioredis';
import { registerScripts } from './lua-scripts';

/** Where Redis is: a URL (`redis://…`, `rediss://…`) or a unix socket path of the embedded server. */
export type RedisTarget = { url: string } | { path: string };

/**
 * Opens a connection with the service's Lua scripts registered. `maxRetriesPerRequest: null` is
 * what BullMQ requires of its connections and is harmless for the others.
 */
export function createRedis(target: RedisTarget, options: RedisOptions = {}): Redis {
  const base: RedisOptions = { maxRetriesPerRequest: null, enableAutoPipelining: true, ...options };
  const redis =
    'url' in target ? new Redis(target.url, base) : new Redis({ ...base, path: target.path });
  registerScripts(redis);
  // Connection errors surface as rejected commands where they are awaited; without a listener
  // ioredis would also print every reconnect attempt as an unhandled error event.
  redis.on('error', () => undefined);
  return redis;
}

/** Describes a target for logs without leaking a password. */
export function describeTarget(target: RedisTarget): string {
  if ('path' in target) return `unix:${target.path}`;
  try {
    const u = new URL(target.url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'redis';
  }
}
