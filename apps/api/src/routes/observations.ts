import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorReply,
  IdempotencyHeaders,
  PostObservationsBody,
  PostObservationsReply,
} from '@region-score/contracts';
import { badRequest } from '../errors';
import { acceptObservations } from '../ingest/accept';
import { stampObservations } from '../ingest/validate';

/** POST /api/v1/observations: validate, authorize, enqueue; 202 once the job is durable. */
const observationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { catalog, clock } = app.services;

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

      return acceptObservations(app, request, reply, principal, observations, at);
    },
  );
};

export default observationsRoutes;
