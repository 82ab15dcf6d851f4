import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorReply,
  Silence,
  SilenceInput,
  SilencesReply,
  type SilenceMatchers,
} from '@region-score/contracts';
import type { RegionCatalog } from '@region-score/core';
import { badRequest, notFound } from '../errors';

/**
 * Checks the matchers name things the config knows: a silence with a typo in a district id
 * would mute nothing while everyone believes the alerts are handled.
 */
function checkMatchers(m: SilenceMatchers, catalog: RegionCatalog): void {
  if (m.region !== undefined && !catalog.region(m.region)) {
    throw badRequest(`matchers.region: unknown region "${m.region}"`);
  }
  const district = m.district === undefined ? undefined : catalog.district(m.district);
  if (m.district !== undefined) {
    if (!district) throw badRequest(`matchers.district: unknown district "${m.district}"`);
    if (m.region !== undefined && district.region.id !== m.region) {
      throw badRequest(`matchers.district: "${m.district}" is not in region "${m.region}"`);
    }
  }
  if (m.indicator !== undefined) {
    const region = m.region ?? district?.region.id;
    const regions = region === undefined ? catalog.regions.map((r) => r.id) : [region];
    if (!regions.some((r) => catalog.indicator(r, m.indicator as string))) {
      throw badRequest(`matchers.indicator: unknown indicator "${m.indicator}"`);
    }
  }
}

/** Silences: mute notifications of matching alerts for a time window (Alertmanager's). */
const silenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform, catalog, clock } = app.services;

  app.get(
    '/api/v1/silences',
    {
      schema: {
        summary: 'Silences: active, upcoming and recently ended',
        tags: ['alerts'],
        response: { 200: SilencesReply, 401: ErrorReply },
      },
      preHandler: app.requireRead,
    },
    async () => ({ silences: await platform.silences.list() }),
  );

  app.post(
    '/api/v1/silences',
    {
      schema: {
        summary: 'Silence matching alerts: they still change state, but nobody is notified',
        tags: ['alerts'],
        security: [{ bearer: [] }],
        body: SilenceInput,
        response: { 201: Silence, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply },
      },
      preHandler: app.requireRole('admin', 'analyst'),
    },
    async (request, reply) => {
      const principal = app.principalOf(request);
      const { matchers, comment } = request.body;
      const now = clock();
      const startsAt = request.body.startsAt ?? now.toISOString();
      const starts = Date.parse(startsAt);
      const ends = Date.parse(request.body.endsAt);
      if (Number.isNaN(starts)) throw badRequest('startsAt: is not a date-time');
      if (Number.isNaN(ends)) throw badRequest('endsAt: is not a date-time');
      if (ends <= starts) throw badRequest('endsAt: must be after startsAt');
      if (ends <= now.getTime()) throw badRequest('endsAt: must be in the future');
      checkMatchers(matchers, catalog);
      const silence = await platform.silences.add(
        {
          matchers,
          startsAt: new Date(starts).toISOString(),
          endsAt: new Date(ends).toISOString(),
          createdBy: principal.id,
          comment,
        },
        now,
      );
      await platform.audit.append({
        at: now.toISOString(),
        type: 'silence.created',
        actor: { id: principal.id, label: principal.label },
        target: silence.id,
        comment,
        detail: `until ${silence.endsAt}: ${JSON.stringify(matchers)}`,
      });
      return reply.status(201).send(silence);
    },
  );

  app.delete(
    '/api/v1/silences/:id',
    {
      schema: {
        summary: 'Delete a silence; matching alerts are notified again from the next evaluation',
        tags: ['alerts'],
        security: [{ bearer: [] }],
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 204: Type.Null(), 401: ErrorReply, 403: ErrorReply, 404: ErrorReply },
      },
      preHandler: app.requireRole('admin', 'analyst'),
    },
    async (request, reply) => {
      if (!(await platform.silences.delete(request.params.id))) {
        throw notFound(`id: no silence "${request.params.id}"`);
      }
      const principal = app.principalOf(request);
      await platform.audit.append({
        at: clock().toISOString(),
        type: 'silence.deleted',
        actor: { id: principal.id, label: principal.label },
        target: request.params.id,
      });
      return reply.status(204).send(null);
    },
  );
};

export default silenceRoutes;
