import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AckBody,
  Alert,
  AlertDetail,
  AlertsQuery,
  AlertsReply,
  ErrorReply,
} from '@region-score/contracts';
import { badRequest, conflict, notFound } from '../errors';

const AlertParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 500 }) });

/**
 * Alerts: list and read them (with their history), and acknowledge one. Alerts are written by
 * the worker; the acknowledgement is the one alert write the API makes itself, under the same
 * per-region lock the worker's evaluation takes, so neither overwrites the other.
 */
const alertRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform, catalog, clock } = app.services;

  app.get(
    '/api/v1/alerts',
    {
      schema: {
        summary: 'Alerts, filtered by state, region, district and severity',
        tags: ['alerts'],
        querystring: AlertsQuery,
        response: { 200: AlertsReply, 400: ErrorReply, 401: ErrorReply },
      },
      preHandler: app.requireRead,
    },
    async (request) => {
      const { region, district } = request.query;
      if (region !== undefined && !catalog.region(region)) {
        throw badRequest(`region: unknown region "${region}"`);
      }
      if (district !== undefined) {
        const found = catalog.district(district);
        if (!found) throw badRequest(`district: unknown district "${district}"`);
        if (region !== undefined && found.region.id !== region) {
          throw badRequest(`district: "${district}" is not in region "${region}"`);
        }
      }
      return { alerts: await platform.alerts.list(request.query) };
    },
  );

  app.get(
    '/api/v1/alerts/:id',
    {
      schema: {
        summary: 'One alert with every state change it went through (the last 200)',
        tags: ['alerts'],
        params: AlertParams,
        response: { 200: AlertDetail, 401: ErrorReply, 404: ErrorReply },
      },
      preHandler: app.requireRead,
    },
    async (request) => {
      const alert = await platform.alerts.get(request.params.id);
      if (!alert) throw notFound(`id: no alert "${request.params.id}"`);
      const transitions = await platform.alerts.transitions(alert.region, alert.id);
      return { ...alert, transitions };
    },
  );

  app.post(
    '/api/v1/alerts/:id/ack',
    {
      schema: {
        summary: 'Acknowledge an alert: nobody is notified about it for the rest of its episode',
        tags: ['alerts'],
        security: [{ bearer: [] }],
        params: AlertParams,
        body: AckBody,
        response: {
          200: Alert,
          400: ErrorReply,
          401: ErrorReply,
          403: ErrorReply,
          404: ErrorReply,
          409: ErrorReply,
          503: ErrorReply,
        },
      },
      preHandler: app.requireRole('admin', 'analyst'),
    },
    async (request) => {
      const principal = app.principalOf(request);
      const { id } = request.params;
      const result = await platform.alerts.acknowledge(id, {
        by: principal.id,
        comment: request.body.comment,
        at: clock(),
      });
      switch (result.status) {
        case 'not_found':
          throw notFound(`id: no alert "${id}"`);
        case 'resolved':
          throw conflict(`id: alert "${id}" is resolved; there is nothing to acknowledge`);
        case 'already_acked':
          throw conflict(
            `id: alert "${id}" was already acknowledged by "${result.alert.ack?.by ?? ''}"`,
          );
        case 'acked':
          await platform.audit.append({
            at: clock().toISOString(),
            type: 'alert.acknowledged',
            actor: { id: principal.id, label: principal.label },
            target: id,
            region: result.alert.region,
            district: result.alert.district,
            comment: request.body.comment,
          });
          // Screens show who took the alert on, so the change goes out like a transition does.
          await platform.events.publish([{ type: 'alert', alert: result.alert }]);
          return result.alert;
      }
    },
  );
};

export default alertRoutes;
