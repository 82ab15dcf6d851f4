import type { Logger } from 'pino';
import type { Worker } from 'bullmq';
import type { AppConfig } from '@region-score/config';
import type { NotificationsConfig, QueueName } from '@region-score/contracts';
import type { RegionCatalog } from '@region-score/core';
import { createQueueWorker, type Platform } from '@region-score/platform';
import { alertHook } from './alerts/evaluate-region';
import { alertSourceFromStores } from './notifications/alert-source';
import type { NotifyContext } from './notifications/context';
import { namesFromCatalog } from './notifications/payloads';
import { applyObservations } from './processors/apply-observations';
import { deliverNotification } from './processors/deliver-notification';
import { dispatchNotifications } from './processors/dispatch-notifications';
import { repeatNotifications } from './processors/repeat-notifications';
import { reviewQuarantine } from './processors/review-quarantine';
import { DistrictValues } from './district-values';
import { rescoreAll } from './processors/rescore-all';
import { Rescorer } from './rescorer';
import { RESCORE_EVERY_MS, registerSchedules } from './schedules';

export interface WorkerDeps {
  platform: Platform;
  config: AppConfig;
  catalog: RegionCatalog;
  logger: Logger;
  /** Time source; tests pass a controllable clock. */
  clock?: () => Date;
  /** Register repeatable jobs (default true). */
  schedules?: boolean;
  /** Override the rescoring / ranking-and-alerts pacing (tests use 0 for determinism). */
  pacing?: { rescoreMs: number; regionWorkMs: number };
  /** The region config's `notifications:` section; without it alerts are not sent anywhere. */
  notifications?: NotificationsConfig;
  /** The queues this process works (default all). */
  queues?: readonly QueueName[];
  /**
   * Queue `dispatch-notifications` jobs even when no notification route is configured (default:
   * only with a route). Tests read those jobs as the record of what would be announced.
   */
  announce?: boolean;
  /** Replaces global fetch for notification deliveries (tests). */
  fetch?: typeof fetch;
}

export interface WorkerHandle {
  /** Resolves when no rescoring, ranking or alert evaluation is pending in this process. */
  idle(): Promise<void>;
  /** Stops taking jobs, lets in-flight jobs finish, then waits for pending rescoring. */
  close(): Promise<void>;
}

const ALL_QUEUES: readonly QueueName[] = ['ingest', 'maintenance', 'notify'];

/**
 * Starts the BullMQ workers, the only writers of domain state: `ingest` (apply observations),
 * `maintenance` (the periodic rescore of everything) and `notify` (deliveries, which wait on other
 * people's servers and so run apart: a channel that is down only fills its queue).
 */
export async function startWorker(deps: WorkerDeps): Promise<WorkerHandle> {
  const { platform, config, catalog, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const queues = new Set(deps.queues ?? ALL_QUEUES);
  const indicatorIds = new Map(catalog.regions.map((r) => [r.id, r.indicators.map((i) => i.id)]));
  const districtValues = new DistrictValues(platform.values, (r) => indicatorIds.get(r) ?? []);
  const rescorer = new Rescorer({
    platform,
    districtValues,
    catalog,
    clock,
    logger,
    onScored: alertHook(platform, logger, {
      notify: deps.announce ?? (deps.notifications?.routes.length ?? 0) > 0,
    }),
    ...(deps.pacing ? { pacing: deps.pacing } : {}),
  });
  const notify: NotifyContext = {
    notifications: platform.notifications,
    queues: platform.queues,
    config: deps.notifications,
    names: namesFromCatalog(catalog),
    clock,
    alerts: alertSourceFromStores(platform.alerts, platform.silences),
    logger: logger.child({ component: 'notify' }),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  };

  const options = {
    connection: platform.redis,
    prefix: platform.queuePrefix,
    concurrency: config.worker.concurrency,
  };
  const workers: Worker[] = [];
  if (queues.has('ingest')) {
    workers.push(
      createQueueWorker(
        'ingest',
        {
          'apply-observations': (job) =>
            applyObservations(job, {
              values: platform.values,
              uploads: platform.uploads,
              replication: platform.replication,
              keys: platform.keys,
              catalog,
              rescorer,
              districtValues,
              clock,
            }),
          'review-quarantine': (job) =>
            reviewQuarantine(job, {
              quarantine: platform.quarantine,
              replication: platform.replication,
              keys: platform.keys,
              rescorer,
              districtValues,
            }),
        },
        options,
      ),
    );
  }
  // Aborted on close: a spread-out rescore-all stops pacing and ends, the next run covers the rest.
  const closing = new AbortController();
  if (queues.has('maintenance')) {
    workers.push(
      createQueueWorker(
        'maintenance',
        {
          'rescore-all': (job) =>
            rescoreAll(catalog, rescorer, {
              // The scheduled run spreads over most of its interval; the start-up one does not.
              spreadMs: job.data.reason === 'schedule' ? RESCORE_EVERY_MS * 0.8 : 0,
              signal: closing.signal,
            }),
        },
        { ...options, concurrency: 1 },
      ),
    );
  }
  if (queues.has('notify')) {
    workers.push(
      createQueueWorker(
        'notify',
        {
          'dispatch-notifications': (job) => dispatchNotifications(job, notify),
          'deliver-notification': (job) => deliverNotification(job, notify),
          'repeat-notifications': () => repeatNotifications(notify),
        },
        options,
      ),
    );
  }
  for (const w of workers) {
    w.on('failed', (job, err) =>
      logger.warn(
        { queue: w.name, job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err },
        'job failed',
      ),
    );
    w.on('error', (err) => logger.error({ queue: w.name, err }, 'worker error'));
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  // The start-up rescore goes in before the schedule: the schedule's first run is spread over most
  // of a minute, and queued first it would hold a national deployment's first scores that long.
  if (queues.has('maintenance')) await platform.queues.add('rescore-all', { reason: 'startup' });
  if (deps.schedules ?? true) await registerSchedules(platform.queues);
  if (deps.notifications && queues.has('notify')) {
    notify.logger.info(
      { channels: deps.notifications.channels.map((c) => `${c.type}:${c.id}`) },
      'notifications enabled',
    );
  }
  logger.info({ concurrency: config.worker.concurrency, queues: [...queues] }, 'worker started');

  return {
    idle: () => rescorer.drain(),
    async close() {
      closing.abort();
      await Promise.all(workers.map((w) => w.close()));
      await rescorer.drain();
      logger.info('worker stopped');
    },
  };
}
