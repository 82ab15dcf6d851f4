import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const Health = Type.Object({
  status: Type.String(),
  checks: Type.Optional(Type.Record(Type.String(), Type.String())),
});

/** Liveness (the process answers) and readiness (Redis reachable, workers attached). */
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { redis, queues } = app.services.platform;

  app.get('/healthz', { schema: { tags: ['ops'], response: { 200: Health } } }, async () => ({
    status: 'ok',
  }));

  app.get(
    '/readyz',
    { schema: { tags: ['ops'], response: { 200: Health, 503: Health } } },
    async (_request, reply) => {
      const checks: Record<string, string> = {};
      try {
        await redis.ping();
        checks.redis = 'ok';
        const workers = await queues.queue('ingest').getWorkersCount();
        checks.workers = workers > 0 ? `ok (${workers})` : 'none attached';
      } catch (err) {
        checks.redis = `unreachable: ${(err as Error).message}`;
      }
      const ready = checks.redis === 'ok' && checks.workers?.startsWith('ok') === true;
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not ready', checks });
    },
  );
};

export default healthRoutes;
