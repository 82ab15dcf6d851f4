import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { QueueName } from '@region-score/contracts';

/** The counters routes and the live gateway update. */
export interface ApiMetrics {
  registry: Registry;
  observationsAccepted: Counter;
  framesSent: Counter<'channel'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: ApiMetrics;
  }
}

/**
 * Prometheus metrics at `GET /metrics`: process metrics, request durations by route, accepted
 * observations, queue depths (read from Redis at scrape time) and live connections.
 */
export default fp(
  async (app) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'region_score_' });
    const requestDuration = new Histogram({
      name: 'region_score_http_request_duration_seconds',
      help: 'HTTP request duration by route and status code',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    });
    const metrics: ApiMetrics = {
      registry,
      observationsAccepted: new Counter({
        name: 'region_score_observations_accepted_total',
        help: 'Observations accepted (202) by this API node',
        registers: [registry],
      }),
      framesSent: new Counter({
        name: 'region_score_live_frames_total',
        help: 'Live score frames sent, by channel',
        labelNames: ['channel'],
        registers: [registry],
      }),
    };
    const { queues } = app.services.platform;
    new Gauge({
      name: 'region_score_queue_jobs',
      help: 'BullMQ jobs by queue and state',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        for (const queue of Object.values(QueueName)) {
          const counts = await queues
            .queue(queue)
            .getJobCounts('waiting', 'active', 'delayed', 'failed');
          for (const [state, n] of Object.entries(counts)) this.set({ queue, state }, n);
        }
      },
    });
    new Gauge({
      name: 'region_score_live_connections',
      help: 'socket.io connections on this API node',
      registers: [registry],
      collect() {
        this.set(app.hasDecorator('io') ? app.io.engine.clientsCount : 0);
      },
    });
    app.decorate('metrics', metrics);
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url;
      if (!route) return;
      requestDuration.observe(
        { method: request.method, route, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
    // Closed like every other read: with OPEN_READS off a scraper needs a key (a viewer key).
    app.get(
      '/metrics',
      { schema: { tags: ['ops'], hide: true }, preHandler: app.requireRead },
      async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()),
    );
  },
  { name: 'metrics', dependencies: ['services', 'auth'] },
);
