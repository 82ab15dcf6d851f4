import { UnrecoverableError } from 'bullmq';
import type { FailedNotificationRecord } from '@region-score/contracts';
import type { TypedJob } from '@region-score/platform';
import type { NotifyContext } from '../notifications/context';
import { DeliveryError, sendNotification } from '../notifications/senders';

/**
 * `deliver-notification`: sends one message. A transient failure throws, and BullMQ retries with
 * exponential backoff; the last failure, or one that can never succeed, also puts the message on
 * the dead-letter list, where an admin sees it and can retry it.
 */
export async function deliverNotification(
  job: TypedJob<'deliver-notification'>,
  ctx: NotifyContext,
): Promise<{ delivered: string }> {
  const payload = job.data;
  const deliveryId = payload.retryOf?.id ?? String(job.id);
  const attempts = job.opts.attempts ?? 1;
  try {
    const channel = ctx.config?.channels.find((c) => c.id === payload.channel);
    if (!channel) {
      throw new DeliveryError(`channel "${payload.channel}" is not configured`, true);
    }
    await sendNotification(channel, payload, {
      deliveryId,
      names: ctx.names,
      publicUrl: ctx.config?.publicUrl ?? '',
      timeoutMs: ctx.config?.timeoutMs ?? 5000,
      now: (ctx.wallClock ?? (() => new Date()))(),
      ...(ctx.fetch ? { fetch: ctx.fetch } : {}),
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
        failedAt: ctx.clock().toISOString(),
        retries: payload.retryOf?.retries ?? 0,
        payload,
        retry: {
          attempts,
          backoffMs:
            typeof backoff === 'object' && backoff.delay !== undefined
              ? backoff.delay
              : (ctx.config?.retry.backoffMs ?? 1000),
        },
      };
      await ctx.notifications.addFailed(record);
      ctx.logger.warn(
        { channel: payload.channel, deliveryId, attempts: record.attempts, err: error.message },
        'notification dead-lettered',
      );
      if (permanent) throw new UnrecoverableError(error.message);
    }
    throw error;
  }
}
