import { createHash } from 'node:crypto';
import type { DeliverNotificationPayload, NotificationsConfig } from '@region-score/contracts';
import { deliveryJobOptions } from '@region-score/platform';
import type { NotifyContext } from './context';
import type { DeliveryPlan } from './routing';

/** A BullMQ job id for one message: stable, so a retried dispatch does not queue it twice. */
function deliveryJobId(kind: 'n' | 'r', ...parts: string[]): string {
  return `${kind}-${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24)}`;
}

/** Queues one `deliver-notification` per plan and records which alerts each channel was told. */
export async function enqueueDeliveries(
  ctx: NotifyContext,
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
    await ctx.queues.add('deliver-notification', payload, deliveryJobOptions(jobId, config.retry));
    const firing = items.filter((i) => i.alert.state !== 'resolved').map((i) => i.alert.id);
    const resolved = items.filter((i) => i.alert.state === 'resolved').map((i) => i.alert.id);
    await ctx.notifications.markNotified(plan.channel, firing, opts.at);
    await ctx.notifications.forgetNotified(plan.channel, resolved);
  }
  return plans.length;
}
