import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import pino from 'pino';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Redis } from 'ioredis';
import { loadConfig, loadRegionConfig, type AppConfig } from '@region-score/config';
import { RegionCatalog } from '@region-score/core';
import {
  createPlatform,
  type JobQueues,
  type KeySpace,
  type Platform,
} from '@region-score/platform';
import type { ObservationInput, Role } from '@region-score/contracts';
import { buildApp } from '@region-score/api';
import { startWorker, type WorkerDeps, type WorkerHandle } from '@region-score/worker';

export const SMALL_REGION = fileURLToPath(
  new URL('../fixtures/small-region.yaml', import.meta.url),
);

/** A clock tests can set and move. */
export class TestClock {
  constructor(private at: Date) {}
  now = (): Date => new Date(this.at);
  set(at: Date | string): void {
    this.at = new Date(at);
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

export interface Harness {
  app: FastifyInstance;
  config: AppConfig;
  catalog: RegionCatalog;
  /** The platform the API and workers share (its stores are what tests read and write). */
  platform: Platform;
  redis: Redis;
  keys: KeySpace;
  queues: JobQueues;
  clock: TestClock;
  adminToken: string;
  workers: WorkerHandle[];
  /** Closes the API and builds a fresh one (an API restart); workers keep running. */
  restartApi(): Promise<FastifyInstance>;
  /** Creates an API key and returns its token. */
  key(role: Role, districts?: string[]): Promise<string>;
  /** POSTs observations with the admin token (or the given one) through `inject`. */
  post(
    observations: ObservationInput[] | unknown,
    opts?: { token?: string | null; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/**
 * The API (through `inject`) and real BullMQ workers against the private test Redis, isolated
 * by a unique key prefix that is deleted afterwards.
 */
export async function startHarness(
  opts: {
    regionConfig?: string;
    at?: string;
    workers?: number;
    env?: Record<string, string>;
    /** Options for every worker (e.g. which queues it works). */
    worker?: Partial<Pick<WorkerDeps, 'queues' | 'notifications' | 'fetch'>>;
    /** A catalog to use instead of the region config file's. */
    catalog?: RegionCatalog;
  } = {},
): Promise<Harness> {
  const adminToken = `admin-${randomBytes(16).toString('hex')}`;
  const config = loadConfig({
    REDIS_URL: inject('redisUrl'),
    KEY_PREFIX: `t${randomBytes(5).toString('hex')}`,
    REGION_CONFIG: opts.regionConfig ?? SMALL_REGION,
    ADMIN_TOKEN: adminToken,
    PORT: '0',
    LOG_LEVEL: 'silent',
    SIMULATE: '0',
    ...opts.env,
  });
  const prefix = config.redis.keyPrefix;
  const catalog =
    opts.catalog ?? new RegionCatalog(await loadRegionConfig(config.regionConfigPath));
  const clock = new TestClock(new Date(opts.at ?? '2026-07-01T19:00:00Z'));
  const platform = await createPlatform(config.redis);
  const { redis, keys, queues } = platform;
  const logger = pino({ level: 'silent' });
  const workers: WorkerHandle[] = [];
  for (let i = 0; i < (opts.workers ?? 1); i++) {
    workers.push(
      await startWorker({
        platform,
        config,
        catalog,
        logger,
        clock: clock.now,
        schedules: false,
        // No pacing: a test's next step sees every evaluation of the previous one.
        pacing: { rescoreMs: 0, regionWorkMs: 0 },
        // The notification jobs are what alert tests check, routes configured or not.
        announce: true,
        ...opts.worker,
      }),
    );
  }
  const build = async () => {
    const built = await buildApp(
      { config, catalog, platform, clock: clock.now, dashboardDir: null },
      { logger },
    );
    await built.ready();
    return built;
  };
  const app = await build();
  const h: Harness = {
    app,
    async restartApi() {
      await h.app.close();
      h.app = await build();
      return h.app;
    },
    config,
    catalog,
    platform,
    redis,
    keys,
    queues,
    clock,
    adminToken,
    workers,
    async key(role, districts) {
      return (await platform.apiKeys.create({ role, districts }, clock.now())).token;
    },
    post(observations, { token = adminToken, headers = {} } = {}) {
      return h.app.inject({
        method: 'POST',
        url: '/api/v1/observations',
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        payload: Array.isArray(observations) ? { observations } : (observations as object),
      });
    },
    async close() {
      await h.app.close();
      await Promise.all(workers.map((w) => w.close()));
      await queues.close();
      // On the shared test Redis the test's keys go; a test cluster is thrown away whole.
      if (!config.redis.clusterNodes) {
        const stale = await redis.keys(`${prefix}:*`);
        const tagged = await redis.keys(`{${prefix}:*`);
        if (stale.length + tagged.length > 0) await redis.del(...stale, ...tagged);
      }
      await platform.close();
    },
  };
  return h;
}
