import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorReply,
  FailedNotificationsReply,
  RetryNotificationReply,
  type FailedNotification,
  type FailedNotificationRecord,
} from '@region-score/contracts';
import { deliveryJobOptions } from '@region-score/platform';
import { notFound } from '../errors';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

/** The public part of a dead-letter record: the payload and retry options stay server-side. */
function toPublic(record: FailedNotificationRecord): FailedNotification {
  const { payload: _payload, retry: _retry, ...rest } = record;
  return rest;
}

/** Notifications that could not be delivered: list them, retry or discard them (admin). */
const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { notifications, queues } = app.services.platform;

  app.get(
    '/api/v1/notifications/failed',
    {
      schema: {
        summary: 'Notifications that exhausted their retries (the dead-letter list)',
        tags: ['admin'],
        security: [{ bearer: [] }],
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
        }),
        response: { 200: FailedNotificationsReply },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request) => {
      const records = await notifications.listFailed(request.query.limit ?? 200);
      return { failed: records.map(toPublic) };
    },
  );

  app.post(
    '/api/v1/notifications/failed/:id/retry',
    {
      schema: {
        summary: 'Send a dead-lettered notification again',
        description:
          'Removes the entry from the list and queues a new delivery with the configured retries; if that fails too, the entry comes back.',
        tags: ['admin'],
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 202: RetryNotificationReply, 404: ErrorReply },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request, reply) => {
      const { id } = request.params;
      const record = await notifications.takeFailed(id);
      if (!record) throw notFound(`id: no failed notification "${id}"`);
      const retries = record.retries + 1;
      try {
        const job = await queues.add(
          'deliver-notification',
          { ...record.payload, retryOf: { id, retries } },
          deliveryJobOptions(`${id}-retry${retries}`, record.retry),
        );
        return await reply.status(202).send({ retried: id, jobId: String(job.id) });
      } catch (err) {
        // Not queued: put the entry back so it is not lost.
        await notifications.addFailed(record);
        throw err;
      }
    },
  );

  app.delete(
    '/api/v1/notifications/failed/:id',
    {
      schema: {
        summary: 'Discard a dead-lettered notification',
        tags: ['admin'],
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 204: Type.Null(), 404: ErrorReply },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request, reply) => {
      const record = await notifications.takeFailed(request.params.id);
      if (!record) throw notFound(`id: no failed notification "${request.params.id}"`);
      return reply.status(204).send(null);
    },
  );
};

export default notificationRoutes;
