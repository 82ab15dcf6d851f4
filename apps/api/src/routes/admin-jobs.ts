import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorReply, QueueName } from '@region-score/contracts';
import { notFound } from '../errors';

const QueueParam = Type.Union(Object.values(QueueName).map((q) => Type.Literal(q)));
const FailedJob = Type.Object({
  id: Type.String(),
  queue: Type.String(),
  name: Type.String(),
  attemptsMade: Type.Integer(),
  failedReason: Type.String(),
  failedAt: Type.Union([Type.String(), Type.Null()]),
  observations: Type.Optional(Type.Integer()),
});

/** Jobs that kept failing: list them and retry them (admin). */
const adminJobRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { queues } = app.services.platform;

  app.get(
    '/api/v1/admin/jobs/failed',
    {
      schema: {
        summary: 'Jobs that exhausted their retries',
        tags: ['admin'],
        security: [{ bearer: [] }],
        querystring: Type.Object({ queue: Type.Optional(QueueParam) }),
        response: { 200: Type.Object({ jobs: Type.Array(FailedJob) }) },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request) => {
      const names = request.query.queue ? [request.query.queue] : Object.values(QueueName);
      const lists = await Promise.all(
        names.map(async (queue) => {
          const jobs = await queues.queue(queue).getFailed(0, 199);
          return jobs.map((job) => ({
            id: String(job.id),
            queue,
            name: job.name,
            attemptsMade: job.attemptsMade,
            failedReason: job.failedReason ?? '',
            failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
            ...(Array.isArray((job.data as { observations?: unknown[] }).observations)
              ? { observations: (job.data as { observations: unknown[] }).observations.length }
              : {}),
          }));
        }),
      );
      return { jobs: lists.flat() };
    },
  );

  app.post(
    '/api/v1/admin/jobs/:queue/:id/retry',
    {
      schema: {
        summary: 'Retry a failed job',
        tags: ['admin'],
        security: [{ bearer: [] }],
        params: Type.Object({ queue: QueueParam, id: Type.String() }),
        response: { 202: Type.Object({ retried: Type.String() }), 404: ErrorReply },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request, reply) => {
      const job = await queues.queue(request.params.queue).getJob(request.params.id);
      if (!job || !(await job.isFailed()))
        throw notFound(`id: no failed job "${request.params.id}"`);
      await job.retry('failed');
      const principal = app.principalOf(request);
      await app.services.platform.audit.append({
        at: app.services.clock().toISOString(),
        type: 'job.retried',
        actor: { id: principal.id, label: principal.label },
        target: `${request.params.queue}/${String(job.id)}`,
        detail: job.name,
      });
      return reply.status(202).send({ retried: String(job.id) });
    },
  );
};

export default adminJobRoutes;
