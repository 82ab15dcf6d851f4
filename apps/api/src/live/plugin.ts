import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import { Server } from 'socket.io';
import { ApiError } from '../errors';
import type { Principal } from '../plugins/app/auth';
import { LiveGateway, type LiveServer, type LiveSocket } from './gateway';

/** How often the tokens of connected sockets are checked again for revocation or expiry. */
const REVOCATION_CHECK_MS = 5_000;

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
    const perIp = new Map<string, number>();
    const maxPerIp = config.limits.liveConnectionsPerIp;
    io.use((socket, next) => {
      const auth = socket.handshake.auth as { token?: unknown };
      const query = socket.handshake.query.token;
      const token =
        typeof auth.token === 'string' ? auth.token : typeof query === 'string' ? query : null;
      const ip = socket.handshake.address;
      if (maxPerIp > 0 && (perIp.get(ip) ?? 0) >= maxPerIp) {
        next(new Error(`TOO_MANY_CONNECTIONS: at most ${maxPerIp} live connections per address`));
        return;
      }
      app.authenticate(token, ip).then(
        (principal) => {
          if (!principal && !config.http.openReads) {
            next(new Error('UNAUTHORIZED: the live stream needs an API key (OPEN_READS is off)'));
            return;
          }
          socket.data.principal = principal;
          socket.data.token = token;
          perIp.set(ip, (perIp.get(ip) ?? 0) + 1);
          socket.once('disconnect', () => {
            const left = (perIp.get(ip) ?? 1) - 1;
            if (left <= 0) perIp.delete(ip);
            else perIp.set(ip, left);
          });
          next();
        },
        (err: unknown) =>
          next(
            new Error(
              err instanceof ApiError && err.statusCode === 401
                ? `UNAUTHORIZED: ${err.message}`
                : err instanceof ApiError && err.statusCode === 429
                  ? `TOO_MANY_REQUESTS: ${err.message}`
                  : 'UNAVAILABLE: try again',
            ),
          ),
      );
    });
    // A key revoked (or expired) after its socket connected stops streaming within seconds:
    // every connected token is checked again (look-ups are cached for 10 s).
    const recheck = setInterval(() => {
      const byToken = new Map<string, LiveSocket[]>();
      for (const socket of io.sockets.sockets.values()) {
        const token = (socket.data as { token?: string | null }).token;
        if (token) byToken.set(token, [...(byToken.get(token) ?? []), socket]);
      }
      for (const [token, sockets] of byToken) {
        app.authenticate(token, sockets[0]?.handshake.address ?? '').catch((err: unknown) => {
          if (!(err instanceof ApiError && err.statusCode === 401)) return;
          for (const socket of sockets) {
            socket.emit('revoked', { reason: err.message });
            socket.disconnect(true);
          }
        });
      }
    }, REVOCATION_CHECK_MS);
    recheck.unref();
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
      maxSubscriptions: config.limits.liveSubscriptions,
      mayRead: (socket, region) =>
        app.mayReadRegion(
          (socket.data as { principal?: Principal | null }).principal ?? null,
          region,
        ),
      logger: app.log,
      onFrame: (channel) => app.metrics.framesSent.inc({ channel }),
    });
    app.decorate('io', io);
    app.decorate('live', live);
    app.addHook('onReady', () => live.start());
    app.addHook('preClose', async () => {
      clearInterval(recheck);
      await live.stop();
      tailRedis.disconnect();
      // Drop the connections (clients see a transport close and reconnect, to another node or
      // to this one restarted) but leave the HTTP server to Fastify.
      io.engine.close();
    });
  },
  { name: 'live', dependencies: ['services', 'auth', 'metrics'] },
);
