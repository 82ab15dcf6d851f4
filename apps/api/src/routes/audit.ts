import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditQuery, AuditReply, ErrorReply } from '@region-score/contracts';
import { InvalidCursorError } from '@region-score/platform';
import { badRequest, notFound, queryLimit } from '../errors';

const instantMs = (text: string | undefined, field: string, endOfDay: boolean) => {
  if (text === undefined) return undefined;
  const dayOnly = text.length === 10;
  const ms = Date.parse(dayOnly ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms)) throw badRequest(`${field}: "${text}" is not a date`);
  return dayOnly && endOfDay ? ms + 86_400_000 - 1 : ms;
};

/**
 * The audit trail: every value, correction, quarantine decision, upload and admin action, with
 * who, when and from which request or file row. Append-only; paged newest first.
 */
const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform, catalog } = app.services;

  app.get(
    '/api/v1/audit',
    {
      schema: {
        summary: 'Audit events, newest first (page with `cursor`)',
        tags: ['admin'],
        security: [{ bearer: [] }],
        querystring: AuditQuery,
        response: {
          200: AuditReply,
          400: ErrorReply,
          401: ErrorReply,
          403: ErrorReply,
          404: ErrorReply,
        },
      },
      preHandler: app.requireRole('admin', 'analyst'),
    },
    async (request) => {
      const principal = app.principalOf(request);
      const q = request.query;
      if (q.region !== undefined && !catalog.region(q.region)) {
        throw notFound(`region: unknown region "${q.region}"`);
      }
      const district = q.district === undefined ? undefined : catalog.district(q.district);
      if (q.district !== undefined && !district) {
        throw notFound(`district: unknown district "${q.district}"`);
      }
      const fromMs = instantMs(q.from, 'from', false);
      const toMs = instantMs(q.to, 'to', true);
      const regions = catalog.regions
        .map((r) => r.id)
        .filter((r) => app.mayReadRegion(principal, r));
      const region = q.region ?? district?.region.id;
      try {
        return await platform.audit.list(
          regions,
          {
            ...(region === undefined ? {} : { region }),
            ...(q.district === undefined ? {} : { district: q.district }),
            ...(q.indicator === undefined ? {} : { indicator: q.indicator }),
            ...(q.actor === undefined ? {} : { actor: q.actor }),
            ...(q.type === undefined ? {} : { type: q.type }),
            ...(fromMs === undefined ? {} : { fromMs }),
            ...(toMs === undefined ? {} : { toMs }),
          },
          queryLimit(q.limit, 500, 100),
          q.cursor ?? null,
        );
      } catch (err) {
        if (err instanceof InvalidCursorError) throw badRequest(err.message);
        throw err;
      }
    },
  );
};

export default auditRoutes;
