import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorReply, PostObservationsBody, PostObservationsReply } from '@region-score/contracts';
import {
  claimIdempotencyKey,
  releaseIdempotencyKey,
  settleIdempotencyKey,
} from '@region-score/platform';
import { badRequest, conflict } from '../errors';
import { stampObservations } from '../ingest/validate';

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});

/** POST /api/v1/observations: validate, authorize, enqueue; 202 once the job is durable. */
const observationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { redis, keys, catalog, clock } = app.services;

  app.post(
    '/api/v1/observations',
    {
      schema: {
        summary: 'Report indicator values (1 to 5,000 per request)',
        tags: ['ingest'],
        security: [{ bearer: [] }],
        headers: IdempotencyHeaders,
        body: PostObservationsBody,
        response: {
          202: PostObservationsReply,
          400: ErrorReply,
          401: ErrorReply,
          403: ErrorReply,
          409: ErrorReply,
        },
      },
      preHandler: app.requireRole('admin', 'reporter'),
    },
    async (request, reply) => {
      const principal = request.principal;
      if (!principal) throw badRequest('authorization: missing');
      const at = clock();
      const observations = stampObservations(
        request.body.observations,
        catalog,
        principal,
        at,
        randomUUID(),
      );

      const idemKey = request.headers['idempotency-key'];
      if (idemKey !== undefined) {
        const claim = await claimIdempotencyKey(redis, keys, principal.id, idemKey);
        if (claim.kind === 'replay') {
          void reply.header('idempotent-replayed', 'true');
          return reply.status(claim.statusCode as 202).send(claim.body as never);
        }
        if (claim.kind === 'in-flight') {
          throw conflict('idempotency-key: a request with this key is still being processed');
        }
      }
      try {
        const jobId = await app.ingest.submit(observations);
        const body = { accepted: observations.length, jobId, receivedAt: at.toISOString() };
        app.metrics.observationsAccepted.inc(observations.length);
        if (idemKey !== undefined)
          await settleIdempotencyKey(redis, keys, principal.id, idemKey, 202, body);
        return reply.status(202).send(body);
      } catch (err) {
        if (idemKey !== undefined) await releaseIdempotencyKey(redis, keys, principal.id, idemKey);
        throw err;
      }
    },
  );
};

export default observationsRoutes;
