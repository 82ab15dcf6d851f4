import type { Logger } from 'pino';
import type { Worker } from 'bullmq';
import type { AppConfig } from '@region-score/config';
import type { NotificationsConfig } from '@region-score/contracts';
import type { RegionCatalog } from '@region-score/core';
import {
  JobQueues,
  KeySpace,
  createQueueWorker,
  createRedis,
  type RedisTarget,
} from '@region-score/platform';
import { Rescorer } from './rescorer';
import { applyObservations } from './processors/apply-observations';
import { rescoreAll } from './processors/rescore-all';
import { registerSchedules } from './schedules';
import { startNotifier } from './notifications';
import { alertHook } from './alerts/evaluate-region';

export interface WorkerDeps {
  config: AppConfig;
  catalog: RegionCatalog;
  redisTarget: RedisTarget;
  logger: Logger;
  /** Time source; tests pass a controllable clock. */
  clock?: () => Date;
  /** Register repeatable jobs (default true). */
  schedules?: boolean;
  /** Override the rescoring / ranking-and-alerts pacing (tests use 0 for determinism). */
  pacing?: { rescoreMs: number; regionWorkMs: number };
  /** The region config's `notifications:` section; without it alerts are not sent anywhere. */
  notifications?: NotificationsConfig;
}

export interface WorkerHandle {
  /** Resolves when no rescoring, ranking or alert evaluation is pending in this process. */
  idle(): Promise<void>;
  /** Stops taking jobs, lets in-flight jobs finish, then closes connections. */
  close(): Promise<void>;
}

/** Starts the BullMQ workers: the only writer of domain state. */
export async function startWorker(deps: WorkerDeps): Promise<WorkerHandle> {
  const { config, catalog, redisTarget, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const redis = createRedis(redisTarget);
  const keys = new KeySpace(config.redis.keyPrefix);
  const prefix = keys.queuePrefix(config.redis.cluster);
  const queues = new JobQueues(redis, prefix);
  const rescorer = new Rescorer({
    redis,
    keys,
    catalog,
    clock,
    logger,
    onScored: alertHook({ redis, keys, queues, logger }),
    ...(deps.pacing ? { pacing: deps.pacing } : {}),
  });

  const options = { connection: redis, prefix, concurrency: config.worker.concurrency };
  const workers: Worker[] = [
    createQueueWorker(
      'ingest',
      {
        'apply-observations': (job) =>
          applyObservations(job, { redis, keys, catalog, rescorer, clock }),
      },
      options,
    ),
    createQueueWorker(
      'maintenance',
      { 'rescore-all': () => rescoreAll(catalog, rescorer) },
      { ...options, concurrency: 1 },
    ),
  ];
  for (const w of workers) {
    w.on('failed', (job, err) =>
      logger.warn(
        { queue: w.name, jobId: job?.id, attempts: job?.attemptsMade, err },
        'job failed',
      ),
    );
    w.on('error', (err) => logger.error({ queue: w.name, err }, 'worker error'));
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  const notifier = await startNotifier({
    redis,
    keys,
    queues,
    catalog,
    config: deps.notifications,
    clock,
    prefix,
    concurrency: config.worker.concurrency,
    logger: logger.child({ component: 'notify' }),
    schedules: deps.schedules ?? true,
  });
  if (deps.schedules ?? true) await registerSchedules(queues);
  await queues.add('rescore-all', { reason: 'startup' });
  logger.info({ concurrency: config.worker.concurrency }, 'worker started');

  return {
    idle: () => rescorer.drain(),
    async close() {
      await Promise.all([...workers.map((w) => w.close()), notifier.close()]);
      await rescorer.drain();
      await queues.close();
      redis.disconnect();
      logger.info('worker stopped');
    },
  };
}
