import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { MAX_BATCH } from '@region-score/contracts';
import openapi from './plugins/external/openapi';
import securityHeaders from './plugins/external/security-headers';
import dashboard from './plugins/external/dashboard';
import services, { type ApiServices } from './plugins/app/services';
import errorHandler from './plugins/app/error-handler';
import auth from './plugins/app/auth';
import rateLimit from './plugins/app/rate-limit';
import ingest from './plugins/app/ingest';
import live from './live/plugin';
import metrics from './plugins/app/metrics';
import healthRoutes from './routes/health';
import observationsRoutes from './routes/observations';
import reportRoutes from './routes/reports';
import quarantineRoutes from './routes/quarantine';
import auditRoutes from './routes/audit';
import regionRoutes from './routes/regions';
import districtRoutes from './routes/districts';
import adminJobRoutes from './routes/admin-jobs';
import notificationRoutes from './routes/notifications';
import alertRoutes from './routes/alerts';
import silenceRoutes from './routes/silences';
import { recordConfigVersions } from './time-travel';

export type { ApiServices };

/**
 * Builds the API as one Fastify app, the way fastify/demo does: external plugins, then the
 * app's own decorators, then routes. The caller listens (or uses `inject` in tests) and closes.
 */
export async function buildApp(
  deps: ApiServices,
  options: { logger?: FastifyBaseLogger } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger
      ? { loggerInstance: options.logger }
      : { logger: { level: deps.config.logLevel } }),
    trustProxy: deps.config.http.trustProxy,
    // A request must arrive whole within REQUEST_TIMEOUT_MS, and a connection that sends nothing
    // for IDLE_TIMEOUT_MS is closed: a body that never ends cannot hold the server.
    requestTimeout: deps.config.http.requestTimeoutMs,
    connectionTimeout: deps.config.http.idleTimeoutMs,
    http: { connectionsCheckingInterval: Math.min(1000, deps.config.http.requestTimeoutMs) },
    // A full batch of 5,000 observations with client ids fits comfortably.
    bodyLimit: MAX_BATCH * 400,
    ajv: {
      customOptions: {
        coerceTypes: false,
        removeAdditional: false,
        allErrors: false,
        // File-upload bodies are documented without a `type` (they are validated by hand); the
        // rest of Ajv's strict mode stays on.
        strictTypes: false,
      },
    },
    return503OnClosing: true,
    // At thousands of requests per second a line per request drowns the logs; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(securityHeaders, {
    corsOrigins: deps.config.http.corsOrigins,
    embedOrigins: deps.config.http.embedOrigins,
  });
  await app.register(openapi);
  await app.register(dashboard, { root: deps.dashboardDir });

  await app.register(services, { services: deps });
  await app.register(errorHandler);
  await app.register(auth);
  await app.register(rateLimit);
  await app.register(ingest);
  await app.register(metrics);
  await app.register(live);

  await app.register(healthRoutes);
  await app.register(observationsRoutes);
  await app.register(reportRoutes);
  await app.register(regionRoutes);
  await app.register(districtRoutes);
  await app.register(adminJobRoutes);
  await app.register(notificationRoutes);
  await app.register(alertRoutes);
  await app.register(silenceRoutes);
  await app.register(quarantineRoutes);
  await app.register(auditRoutes);

  // The scoring config this API runs with, stored as a new version when it changed: time travel
  // scores a past day with the version in force then. A failure (Redis away at start) is logged;
  // the next start stores it.
  app.addHook('onReady', async () => {
    try {
      const recorded = await recordConfigVersions(deps.platform, deps.catalog, deps.clock());
      for (const r of recorded.filter((x) => x.stored)) {
        app.log.info(r, 'scoring config stored as a new version');
      }
    } catch (err) {
      app.log.error({ err }, 'could not store the scoring config version');
    }
  });
  return app;
}
