import { shouldNotify } from '@region-score/core';
import type { TypedJob } from '@region-score/platform';
import type { NotifyContext } from '../notifications/context';
import { enqueueDeliveries } from '../notifications/enqueue';
import { planDeliveries } from '../notifications/routing';

/**
 * `dispatch-notifications`: the transitions of one evaluation → one `deliver-notification` job
 * per (channel, group). Items are checked again against the current acknowledgement and the
 * silences in force now, since either may have changed since the evaluation.
 */
export async function dispatchNotifications(
  job: TypedJob<'dispatch-notifications'>,
  ctx: NotifyContext,
): Promise<{ deliveries: number }> {
  const config = ctx.config;
  if (!config || config.routes.length === 0 || job.data.items.length === 0) {
    return { deliveries: 0 };
  }
  const now = ctx.clock();
  const silences = await ctx.alerts.silences();
  const current = await ctx.alerts.current(job.data.items.map((i) => i.alert));
  const items = job.data.items.filter((item) => {
    const stored = current.get(item.alert.id);
    // The item's alert is what changed; the stored one may carry an acknowledgement made since.
    const alert = stored ? { ...item.alert, ack: stored.ack ?? item.alert.ack } : item.alert;
    return shouldNotify(alert, silences, now);
  });
  const plans = planDeliveries(items, config);
  const deliveries = await enqueueDeliveries(ctx, config, plans, {
    repeat: false,
    idParts: [String(job.id)],
    at: now,
  });
  if (deliveries > 0) ctx.logger.debug({ items: items.length, deliveries }, 'notifications queued');
  return { deliveries };
}
