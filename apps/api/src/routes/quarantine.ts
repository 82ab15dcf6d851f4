import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorReply,
  QuarantineQuery,
  QuarantineReply,
  ReviewBody,
  ReviewReply,
} from '@region-score/contracts';
import { conflict, forbidden, notFound, queryLimit } from '../errors';

const ItemParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

/**
 * The quality gate's quarantine: values held as implausible, awaiting an analyst. Releasing one
 * applies it as reported (counted from then on, rescored); discarding keeps it in the history as
 * discarded. Both are audit events; the worker carries them out (`review-quarantine`).
 */
const quarantineRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform, catalog, clock } = app.services;

  app.get(
    '/api/v1/quarantine',
    {
      schema: {
        summary: 'Values held for review (newest first), or recently released or discarded ones',
        tags: ['reports'],
        security: [{ bearer: [] }],
        querystring: QuarantineQuery,
        response: { 200: QuarantineReply, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply },
      },
      preHandler: app.requireRole('admin', 'analyst', 'reporter'),
    },
    async (request) => {
      const principal = app.principalOf(request);
      const q = request.query;
      if (q.region !== undefined && !catalog.region(q.region)) {
        throw notFound(`region: unknown region "${q.region}"`);
      }
      if (q.district !== undefined && !catalog.district(q.district)) {
        throw notFound(`district: unknown district "${q.district}"`);
      }
      const regions = catalog.regions
        .map((r) => r.id)
        .filter(
          (r) => (q.region === undefined || r === q.region) && app.mayReadRegion(principal, r),
        )
        .filter((r) => q.district === undefined || catalog.district(q.district)?.region.id === r);
      const limit = queryLimit(q.limit, 500, 200);
      const lists = await Promise.all(
        regions.map((r) =>
          platform.quarantine.list(r, {
            ...(q.district === undefined ? {} : { district: q.district }),
            ...(q.state === undefined ? {} : { state: q.state }),
            limit,
          }),
        ),
      );
      const items = lists
        .flat()
        // A reporter sees what was held of its own districts.
        .filter((i) => principal.districts === null || principal.districts.has(i.district))
        .sort((a, b) => (a.reportedAt < b.reportedAt ? 1 : a.reportedAt > b.reportedAt ? -1 : 0))
        .slice(0, limit);
      return { items };
    },
  );

  for (const action of ['release', 'discard'] as const) {
    app.post(
      `/api/v1/quarantine/:id/${action}`,
      {
        schema: {
          summary:
            action === 'release'
              ? 'Release a held value: it is applied as reported and counted from now on'
              : 'Discard a held value: it stays in the history as discarded, never counted',
          tags: ['reports'],
          security: [{ bearer: [] }],
          params: ItemParams,
          body: ReviewBody,
          response: {
            202: ReviewReply,
            400: ErrorReply,
            401: ErrorReply,
            403: ErrorReply,
            404: ErrorReply,
            409: ErrorReply,
          },
        },
        preHandler: app.requireRole('admin', 'analyst'),
      },
      async (request, reply) => {
        const principal = app.principalOf(request);
        const regions = catalog.regions
          .map((r) => r.id)
          .filter((r) => app.mayReadRegion(principal, r));
        const item = await platform.quarantine.find(regions, request.params.id);
        if (!item) throw notFound(`id: no quarantined value "${request.params.id}"`);
        if (!app.mayReadRegion(principal, item.region)) {
          throw forbidden(`id: this key may not review values of "${item.region}"`);
        }
        if (item.state !== 'held') {
          throw conflict(
            `id: the value was already ${item.state} by ${item.review?.by.label || item.review?.by.id}`,
          );
        }
        const job = await platform.queues.add('review-quarantine', {
          region: item.region,
          id: item.id,
          action,
          by: { id: principal.id, label: principal.label },
          comment: request.body.comment,
          at: clock().getTime(),
        });
        return reply.status(202).send({ id: item.id, action, jobId: job.id ?? '' });
      },
    );
  }
};

export default quarantineRoutes;
