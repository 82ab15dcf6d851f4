import { createHash } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import type {
  Alert,
  AlertTransition,
  DeliverNotificationPayload,
  FailedNotificationRecord,
  NotificationItem,
  NotificationsConfig,
  Silence,
} from '@region-score/contracts';
import { shouldNotify } from '@region-score/core';
import {
  addFailedNotification,
  claimRepeats,
  forgetNotified,
  markNotified,
  readNotifiedAt,
  type JobQueues,
  type KeySpace,
  type QueueHandlers,
  type TypedJob,
} from '@region-score/platform';
import type { MessageNames } from './payloads';
import { planDeliveries, routeFor, type DeliveryPlan } from './routing';
import { DeliveryError, sendNotification } from './senders';

/** How often the repeat job looks for alerts due to be re-sent. */
export const REPEAT_CHECK_EVERY_MS = 60_000;
/**
 * An alert firing for this long that no channel was told about (it was silenced, or fired before
 * notifications were configured) is sent by the repeat job. The delay leaves the dispatch job of
 * a fresh alert time to send it first, so it is not sent twice.
 */
export const NEVER_SENT_GRACE_MS = 60_000;
/** Last-sent records of alerts no longer firing are dropped once older than this. */
const PRUNE_AFTER_MS = 10 * 60_000;

/**
 * Current alert state, read to double-check items before sending (an alert acknowledged or
 * silenced since its evaluation is not sent) and to find alerts due for a repeat.
 */
export interface AlertSource {
  /** Alerts now firing. */
  firing(): Promise<Alert[]>;
  /** Stored alerts by id (missing ids: not stored any more). */
  current(items: readonly Alert[]): Promise<Map<string, Alert>>;
  silences(): Promise<Silence[]>;
}

export interface NotifierDeps {
  redis: Redis;
  keys: KeySpace;
  queues: JobQueues;
  /** `undefined` when the region config has no `notifications:` section: nothing is sent. */
  config: NotificationsConfig | undefined;
  names: MessageNames;
  /** Domain time: silences and repeat intervals are judged by it. */
  clock: () => Date;
  /** Wall-clock time for webhook timestamps, which receivers compare with their own clock. */
  wallClock?: () => Date;
  alerts?: AlertSource;
  logger: Logger;
  fetch?: typeof fetch;
}

/** A BullMQ job id for one message: stable, so a retried dispatch does not queue it twice. */
function deliveryJobId(kind: 'n' | 'r', ...parts: string[]): string {
  return `${kind}-${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24)}`;
}

/** Queues one message per plan and records which alerts each channel was told about. */
async function enqueuePlans(
  deps: NotifierDeps,
  config: NotificationsConfig,
  plans: readonly DeliveryPlan[],
  opts: { repeat: boolean; idParts: string[]; at: Date },
): Promise<number> {
  for (const plan of plans) {
    const items = plan.group.items;
    const payload: DeliverNotificationPayload = {
      channel: plan.channel,
      groupKey: plan.group.key,
      items,
      repeat: opts.repeat,
      queuedAt: opts.at.toISOString(),
    };
    const jobId = deliveryJobId(
      opts.repeat ? 'r' : 'n',
      ...opts.idParts,
      plan.channel,
      String(plan.routeIndex),
      plan.group.key,
    );
    await deps.queues.add('deliver-notification', payload, {
      jobId,
      attempts: config.retry.attempts,
      backoff: { type: 'exponential', delay: config.retry.backoffMs },
      // The dead-letter list keeps what an admin needs; BullMQ's failed set need not.
      removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
    });
    const firing = items.filter((i) => i.alert.state !== 'resolved').map((i) => i.alert.id);
    const resolved = items.filter((i) => i.alert.state === 'resolved').map((i) => i.alert.id);
    await markNotified(deps.redis, deps.keys, plan.channel, firing, opts.at);
    await forgetNotified(deps.redis, deps.keys, plan.channel, resolved);
  }
  return plans.length;
}

/**
 * `dispatch-notifications`: the transitions of one evaluation → one `deliver-notification` job
 * per (channel, group). Items are checked again against the current acknowledgement and the
 * silences in force now, since either may have changed since the evaluation.
 */
export async function dispatchNotifications(
  job: TypedJob<'dispatch-notifications'>,
  deps: NotifierDeps,
): Promise<{ deliveries: number }> {
  const config = deps.config;
  if (!config || config.routes.length === 0 || job.data.items.length === 0) {
    return { deliveries: 0 };
  }
  const now = deps.clock();
  const silences = (await deps.alerts?.silences()) ?? [];
  const current = (await deps.alerts?.current(job.data.items.map((i) => i.alert))) ?? new Map();
  const items = job.data.items.filter((item) => {
    const stored = current.get(item.alert.id);
    // The item's alert is what changed; the stored one may carry an acknowledgement made since.
    const alert = stored ? { ...item.alert, ack: stored.ack ?? item.alert.ack } : item.alert;
    return shouldNotify(alert, silences, now);
  });
  const plans = planDeliveries(items, config);
  const deliveries = await enqueuePlans(deps, config, plans, {
    repeat: false,
    idParts: [String(job.id)],
    at: now,
  });
  if (deliveries > 0)
    deps.logger.debug({ items: items.length, deliveries }, 'notifications queued');
  return { deliveries };
}

/**
 * `repeat-notifications`: re-sends alerts still firing, unacknowledged and unsilenced whose last
 * notification to a channel is older than the route's repeat interval; also sends alerts that
 * fired without anyone being told (a silence that has ended). Claims are atomic per channel, so
 * several workers running it at once send each alert once.
 */
export async function repeatNotifications(
  deps: NotifierDeps,
): Promise<{ deliveries: number; alerts: number }> {
  const config = deps.config;
  if (!config || config.routes.length === 0 || !deps.alerts) return { deliveries: 0, alerts: 0 };
  const now = deps.clock();
  const nowMs = now.getTime();
  const [firing, silences] = await Promise.all([deps.alerts.firing(), deps.alerts.silences()]);
  const due = firing.filter((a) => a.state === 'firing' && shouldNotify(a, silences, now));
  const byId = new Map(due.map((a) => [a.id, a]));
  const firingIds = new Set(firing.map((a) => a.id));

  let deliveries = 0;
  let alerts = 0;
  for (const channel of config.channels) {
    const candidates = due.flatMap((alert) => {
      const found = routeFor(config, channel.id, alert);
      if (!found) return [];
      const firedMs = Date.parse(alert.firedAt ?? alert.activeAt);
      return [
        {
          alertId: alert.id,
          cutoffMs: nowMs - found.route.repeatIntervalMinutes * 60_000,
          whenNeverSent: firedMs <= nowMs - NEVER_SENT_GRACE_MS,
        },
      ];
    });
    const claimed = await claimRepeats(deps.redis, deps.keys, channel.id, candidates, now);
    const items: NotificationItem[] = claimed.flatMap((id) => {
      const alert = byId.get(id);
      if (!alert) return [];
      const transition: AlertTransition = {
        id,
        from: 'firing',
        to: 'firing',
        at: now.toISOString(),
        severity: alert.severity,
        summary: alert.summary,
      };
      return [{ alert, transition }];
    });
    alerts += items.length;
    // Grouped per route as the dispatcher does; the claim already recorded the sending time.
    const plans = planDeliveries(items, { ...config, channels: [channel] });
    deliveries += await enqueuePlans(deps, config, plans, {
      repeat: true,
      idParts: [String(nowMs)],
      at: now,
    });

    // Forget alerts that stopped firing without a resolution being sent (acknowledged, pruned).
    const sent = await readNotifiedAt(deps.redis, deps.keys, channel.id);
    const stale = [...sent]
      .filter(([id, ms]) => !firingIds.has(id) && ms < nowMs - PRUNE_AFTER_MS)
      .map(([id]) => id);
    await forgetNotified(deps.redis, deps.keys, channel.id, stale);
  }
  if (alerts > 0) deps.logger.info({ alerts, deliveries }, 'repeating notifications');
  return { deliveries, alerts };
}

/**
 * `deliver-notification`: sends one message. A transient failure throws, and BullMQ retries with
 * exponential backoff; the last failure, or one that can never succeed, also puts the message on
 * the dead-letter list, where an admin sees it and can retry it.
 */
export async function deliverNotification(
  job: TypedJob<'deliver-notification'>,
  deps: NotifierDeps,
): Promise<{ delivered: string }> {
  const payload = job.data;
  const deliveryId = payload.retryOf?.id ?? String(job.id);
  const attempts = job.opts.attempts ?? 1;
  try {
    const channel = deps.config?.channels.find((c) => c.id === payload.channel);
    if (!channel) {
      throw new DeliveryError(`channel "${payload.channel}" is not configured`, true);
    }
    await sendNotification(channel, payload, {
      deliveryId,
      names: deps.names,
      publicUrl: deps.config?.publicUrl ?? '',
      timeoutMs: deps.config?.timeoutMs ?? 5000,
      now: (deps.wallClock ?? (() => new Date()))(),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
    return { delivered: payload.channel };
  } catch (err) {
    const error = err as Error;
    const permanent = err instanceof DeliveryError && err.permanent;
    const last = job.attemptsMade + 1 >= attempts;
    if (permanent || last) {
      const backoff = job.opts.backoff;
      const record: FailedNotificationRecord = {
        id: deliveryId,
        channel: payload.channel,
        groupKey: payload.groupKey,
        alertIds: payload.items.map((i) => i.alert.id),
        summaries: payload.items.map((i) => i.alert.summary),
        repeat: payload.repeat,
        attempts: job.attemptsMade + 1,
        error: error.message,
        queuedAt: payload.queuedAt,
        failedAt: deps.clock().toISOString(),
        retries: payload.retryOf?.retries ?? 0,
        payload,
        retry: {
          attempts,
          backoffMs:
            typeof backoff === 'object' && backoff.delay !== undefined
              ? backoff.delay
              : (deps.config?.retry.backoffMs ?? 1000),
        },
      };
      await addFailedNotification(deps.redis, deps.keys, record);
      deps.logger.warn(
        { channel: payload.channel, deliveryId, attempts: record.attempts, err: error.message },
        'notification dead-lettered',
      );
      if (permanent) throw new UnrecoverableError(error.message);
    }
    throw error;
  }
}

/** The handlers of every job on the `notify` queue. */
export function notifyHandlers(deps: NotifierDeps): QueueHandlers<'notify'> {
  return {
    'dispatch-notifications': (job: TypedJob<'dispatch-notifications'>) =>
      dispatchNotifications(job, deps),
    'deliver-notification': (job: TypedJob<'deliver-notification'>) =>
      deliverNotification(job, deps),
    'repeat-notifications': () => repeatNotifications(deps),
  };
}

/**
 * Registers the repeat job. A BullMQ job scheduler is an upsert, so several workers starting at
 * once leave one schedule.
 */
export async function registerNotificationSchedule(queues: JobQueues): Promise<void> {
  await queues
    .queue('notify')
    .upsertJobScheduler(
      'repeat-notifications',
      { every: REPEAT_CHECK_EVERY_MS },
      { name: 'repeat-notifications', data: { reason: 'schedule' } },
    );
}
