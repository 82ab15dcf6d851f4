import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import type { Worker } from 'bullmq';
import type { NotificationsConfig } from '@region-score/contracts';
import type { RegionCatalog } from '@region-score/core';
import { createQueueWorker, type JobQueues, type KeySpace } from '@region-score/platform';
import { alertSourceFromStore } from './alert-source';
import { namesFromCatalog } from './payloads';
import { notifyHandlers, registerNotificationSchedule } from './notifier';

export interface NotifierOptions {
  redis: Redis;
  keys: KeySpace;
  queues: JobQueues;
  /** BullMQ prefix of the queues (`keys.queuePrefix(cluster)`). */
  prefix: string;
  catalog: RegionCatalog;
  /** The region config's `notifications:` section; `undefined`: jobs are consumed, nothing sent. */
  config: NotificationsConfig | undefined;
  clock: () => Date;
  logger: Logger;
  concurrency: number;
  /** Register the repeat job scheduler (default true). */
  schedules?: boolean;
  /** Replaces global fetch (tests). */
  fetch?: typeof fetch;
}

export interface NotifierHandle {
  worker: Worker;
  /** Stops taking jobs and lets in-flight deliveries finish (each is bounded by its timeout). */
  close(): Promise<void>;
}

/**
 * Starts the `notify` queue's own worker. Deliveries wait on other people's servers, so they run
 * apart from ingestion and scoring: a channel that is down only fills this queue.
 */
export async function startNotifier(opts: NotifierOptions): Promise<NotifierHandle> {
  const { redis, keys, queues, logger } = opts;
  const worker = createQueueWorker(
    'notify',
    notifyHandlers({
      redis,
      keys,
      queues,
      config: opts.config,
      names: namesFromCatalog(opts.catalog),
      clock: opts.clock,
      alerts: alertSourceFromStore(redis, keys),
      logger,
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    }),
    { connection: redis, prefix: opts.prefix, concurrency: opts.concurrency },
  );
  worker.on('failed', (job, err) =>
    logger.warn(
      {
        queue: 'notify',
        job: job?.name,
        jobId: job?.id,
        attempts: job?.attemptsMade,
        err: err.message,
      },
      'notification job failed',
    ),
  );
  worker.on('error', (err) => logger.error({ queue: 'notify', err }, 'worker error'));
  await worker.waitUntilReady();
  if (opts.schedules ?? true) await registerNotificationSchedule(queues);
  if (opts.config) {
    logger.info(
      { channels: opts.config.channels.map((c) => `${c.type}:${c.id}`) },
      'notifications enabled',
    );
  }
  return { worker, close: () => worker.close() };
}
