import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { ErrorCode } from '@region-score/contracts';
import type { SharedCounters } from '@region-score/platform';
import { ApiError } from '../../errors';

type IncrCallback = (err: Error | null, res?: { current: number; ttl: number }) => void;

/** A @fastify/rate-limit store on the platform's shared counters (no Redis wait per request). */
function sharedStore(counters: SharedCounters) {
  return class SharedCounterStore {
    incr(key: string, callback: IncrCallback, timeWindow: number, max: number): void {
      const { count, resetMs } = counters.hit('rl', key, timeWindow, max);
      callback(null, { current: count, ttl: resetMs });
    }
    child(): SharedCounterStore {
      return this;
    }
  };
}

/**
 * Request throttling of the API (`/api/…`) with @fastify/rate-limit: per key (RATE_LIMIT_PER_KEY
 * a minute) for authenticated calls, per client IP (RATE_LIMIT_PER_IP) for the rest; 429 with
 * `Retry-After` beyond. Counts are shared by every API node through Redis (see
 * `SharedCounters`), so the limits hold across replicas. Runs after authentication (preHandler),
 * so it knows whose call it is. Failed authentications have their own, stricter limit (auth).
 */
export default fp(
  async (app) => {
    const { config, platform } = app.services;
    const { perKey, perIp } = config.limits;
    const limitOf = (key: string) => (key.startsWith('k:') ? perKey : perIp);
    await app.register(rateLimit, {
      hook: 'preHandler',
      timeWindow: 60_000,
      store: sharedStore(platform.counters),
      keyGenerator: (request: FastifyRequest) =>
        request.principal ? `k:${request.principal.id}` : `ip:${request.ip}`,
      max: (_request, key) => limitOf(key) || 1,
      allowList: (request, key) => !request.url.startsWith('/api/') || limitOf(key) === 0,
      // Thrown, so the app's error handler answers it like every other error.
      errorResponseBuilder: (_request, context) =>
        new ApiError(
          429,
          ErrorCode.tooManyRequests,
          `rate limit: at most ${context.max} requests a minute; retry in ${context.after}`,
          undefined,
          Math.max(1, Math.ceil(context.ttl / 1000)),
        ),
    });
  },
  { name: 'rate-limit', dependencies: ['services', 'auth'] },
);
