import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorReply,
  IdempotencyHeaders,
  PostObservationsBody,
  PostObservationsReply,
} from '@region-score/contracts';
import { checkObservations } from '@region-score/core';
import { ingestError } from '../errors';
import { acceptObservations } from '../ingest/accept';
import { stampObservations } from '../ingest/stamp';

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
          422: ErrorReply,
        },
      },
      preHandler: app.requireRole('admin', 'reporter'),
    },
    async (request, reply) => {
      const principal = app.principalOf(request);
      const at = clock();
      const items = request.body.observations;
      const problems = checkObservations(
        items,
        catalog,
        principal.districts,
        at,
        principal.regions,
      );
      if (problems.length > 0) {
        throw ingestError(problems, (p) => `observations[${p.index}].${p.field}`);
      }
      const observations = stampObservations(items, catalog, principal.id, at, randomUUID());
      return acceptObservations(app, request, reply, principal, observations, at);
    },
  );
};

export default observationsRoutes;
