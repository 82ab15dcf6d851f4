import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { ErrorCode } from '@region-score/contracts';
import { ApiError } from '../../errors';

/**
 * Request throttling of the API (`/api/…`) with @fastify/rate-limit, counted in Redis so the
 * limits hold across API nodes: per key (RATE_LIMIT_PER_KEY a minute) for authenticated calls,
 * per client IP (RATE_LIMIT_PER_IP) for the rest. A throttled call gets 429 with `Retry-After`.
 * Runs after authentication (preHandler), so it knows whose call it is. Failed authentications
 * have their own, stricter limit (see the auth plugin).
 */
export default fp(
  async (app) => {
    const { config, platform } = app.services;
    const { perKey, perIp } = config.limits;
    const limitOf = (key: string) => (key.startsWith('k:') ? perKey : perIp);
    await app.register(rateLimit, {
      hook: 'preHandler',
      timeWindow: 60_000,
      redis: platform.redis,
      nameSpace: `${platform.keys.prefix}:rl:`,
      // Redis unreachable: let the request through to fail fast with its own 503.
      skipOnError: true,
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
