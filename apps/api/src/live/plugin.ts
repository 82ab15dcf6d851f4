import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import { Server } from 'socket.io';
import { ApiError } from '../errors';
import { LiveGateway, type LiveServer } from './gateway';

declare module 'fastify' {
  interface FastifyInstance {
    live: LiveGateway;
    io: LiveServer;
  }
}

/** The dashboard build id (from the Vite build), or `dev` when none is built. */
function readBuildId(dashboardDir: string | null): string {
  if (!dashboardDir) return 'dev';
  try {
    return (
      (JSON.parse(readFileSync(join(dashboardDir, 'build.json'), 'utf8')) as { build?: string })
        .build ?? 'dev'
    );
  } catch {
    return 'dev';
  }
}

/**
 * socket.io on the API's own HTTP server. Connecting follows the same key rules as HTTP reads:
 * open, or a `viewer` (or better) key passed as `auth.token` or `?token=`.
 */
export default fp(
  async (app) => {
    const { platform, catalog, clock, config, dashboardDir } = app.services;
    const io: LiveServer = new Server(app.server, {
      serveClient: false,
      transports: ['websocket', 'polling'],
    });
    io.use((socket, next) => {
      const auth = socket.handshake.auth as { token?: unknown };
      const query = socket.handshake.query.token;
      const token =
        typeof auth.token === 'string' ? auth.token : typeof query === 'string' ? query : null;
      app.authenticate(token).then(
        (principal) => {
          if (!principal && !config.http.openReads) {
            next(new Error('UNAUTHORIZED: the live stream needs an API key (OPEN_READS is off)'));
          } else next();
        },
        (err: unknown) =>
          next(
            new Error(
              err instanceof ApiError ? `UNAUTHORIZED: ${err.message}` : 'UNAVAILABLE: try again',
            ),
          ),
      );
    });
    const tailRedis = platform.connect();
    const live = new LiveGateway({
      io,
      platform,
      tailRedis,
      catalog,
      clock,
      frameMs: config.live.frameMs,
      heartbeatMs: config.live.heartbeatMs,
      build: readBuildId(dashboardDir),
      logger: app.log,
      onFrame: (channel) => app.metrics.framesSent.inc({ channel }),
    });
    app.decorate('io', io);
    app.decorate('live', live);
    app.addHook('onReady', () => live.start());
    app.addHook('preClose', async () => {
      await live.stop();
      tailRedis.disconnect();
      // Drop the connections (clients see a transport close and reconnect, to another node or
      // to this one restarted) but leave the HTTP server to Fastify.
      io.engine.close();
    });
  },
  { name: 'live', dependencies: ['services', 'auth', 'metrics'] },
);
