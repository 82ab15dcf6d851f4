import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import { loadRegionConfig, type AppConfig } from '@region-score/config';
import type { RegionConfig } from '@region-score/contracts';
import { RegionCatalog } from '@region-score/core';
import { createPlatform, type Platform } from '@region-score/platform';
import { buildApp, recordConfigVersions } from '@region-score/api';
import { startWorker, type WorkerHandle } from '@region-score/worker';
import { startSimulator, type Simulator } from './simulator/simulator';

/** Where `npm run build` puts the dashboard. */
export const DASHBOARD_DIST = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));

export interface RunningService {
  /** `http://host:port` the API and dashboard answer on (null in worker-only mode). */
  url: string | null;
  regionConfig: RegionConfig;
  platform: Platform;
  logger: Logger;
  /** Stops in dependency order without losing an accepted value. */
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** Environment for `secretEnv` / `tokenEnv` references in the region config (notification secrets). */
  env?: Record<string, string | undefined>;
  clock?: () => Date;
  dashboardDir?: string | null;
}

/**
 * Composes the service from its parts: the platform (Redis, embedded unless REDIS_URL is set;
 * stores; queues), the worker, the API with the dashboard, and the demo simulator, according to
 * MODE and SIMULATE.
 */
export async function startService(
  config: AppConfig,
  options: StartOptions = {},
): Promise<RunningService> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const clock = options.clock ?? (() => new Date());
  const regionConfig = await loadRegionConfig(config.regionConfigPath, options.env ?? {});
  const catalog = new RegionCatalog(regionConfig);
  const platform = await createPlatform(config.redis, {
    onTarget: (redis, embedded) =>
      logger.info(
        {
          redis,
          mode: config.mode,
          ...(embedded ? { dataDir: config.redis.dataDir, fsync: config.redis.fsync } : {}),
        },
        embedded ? 'embedded redis-server started (AOF on)' : 'starting',
      ),
    onEmbeddedEvent: (event) => {
      if (event.type === 'restarted')
        logger.warn(event, 'embedded redis-server restarted from its AOF');
      else logger.error(event, 'embedded redis-server stopped unexpectedly; restarting');
    },
  });

  let worker: WorkerHandle | null = null;
  let app: FastifyInstance | null = null;
  let simulator: Simulator | null = null;

  const close = async (): Promise<void> => {
    await simulator?.stop();
    // The API first: it stops accepting and enqueues what it already accepted.
    await app?.close();
    // Then the worker: in-flight jobs finish; unstarted ones stay queued in Redis.
    await worker?.close();
    // The platform last: queues and connections, then the managed Redis (SHUTDOWN flushes the AOF).
    await platform.close();
    logger.info('stopped');
  };

  try {
    if (config.mode === 'worker') {
      // The API stores the scoring config version it starts with (time travel); a worker started
      // alone scores live with its config, so it stores it too (one version per change).
      await recordConfigVersions(platform, catalog, clock());
    }
    if (config.mode !== 'api') {
      worker = await startWorker({
        platform,
        config,
        catalog,
        logger: logger.child({ component: 'worker' }),
        clock,
        ...(regionConfig.notifications ? { notifications: regionConfig.notifications } : {}),
      });
    }
    let url: string | null = null;
    if (config.mode !== 'worker') {
      app = await buildApp(
        {
          config,
          catalog,
          // The request path fails fast while Redis is unreachable: 503 at once, never a hang.
          platform: platform.failFast,
          clock,
          dashboardDir: options.dashboardDir === undefined ? DASHBOARD_DIST : options.dashboardDir,
        },
        { logger: logger.child({ component: 'api' }) },
      );
      await app.listen({ host: config.http.host, port: config.http.port });
      const address = app.server.address() as AddressInfo;
      const host =
        config.http.host === '0.0.0.0' || config.http.host === '::'
          ? 'localhost'
          : config.http.host;
      url = `http://${host}:${address.port}`;
      const simulate = config.simulate === 'auto' ? regionConfig.demo : config.simulate;
      if (simulate) {
        simulator = await startSimulator({
          url,
          apiKeys: platform.apiKeys,
          regionConfig,
          logger: logger.child({ component: 'simulator' }),
        });
      }
      logger.info({ url, dashboard: `${url}/wall`, docs: `${url}/docs` }, 'Region Score is up');
    }
    return { url, regionConfig, platform, logger, close };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}
