import type { AlertTransition, NotificationItem } from '@region-score/contracts';
import { shouldNotify } from '@region-score/core';
import type { NotifyContext } from '../notifications/context';
import { enqueueDeliveries } from '../notifications/enqueue';
import { planDeliveries, routeFor } from '../notifications/routing';

/**
 * An alert firing for this long that no channel was told about (it was silenced, or fired before
 * notifications were configured) is sent by the repeat job. The delay leaves the dispatch job of
 * a fresh alert time to send it first, so it is not sent twice.
 */
export const NEVER_SENT_GRACE_MS = 60_000;
/** Last-sent records of alerts no longer firing are dropped once older than this. */
const PRUNE_AFTER_MS = 10 * 60_000;

/**
 * `repeat-notifications`: re-sends alerts still firing, unacknowledged and unsilenced whose last
 * notification to a channel is older than the route's repeat interval; also sends alerts that
 * fired without anyone being told (a silence that has ended). Claims are atomic per channel, so
 * several workers running it at once send each alert once.
 */
export async function repeatNotifications(
  ctx: NotifyContext,
): Promise<{ deliveries: number; alerts: number }> {
  const config = ctx.config;
  if (!config || config.routes.length === 0) return { deliveries: 0, alerts: 0 };
  const now = ctx.clock();
  const nowMs = now.getTime();
  const [firing, silences] = await Promise.all([ctx.alerts.firing(), ctx.alerts.silences()]);
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
    const claimed = await ctx.notifications.claimRepeats(channel.id, candidates, now);
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
    deliveries += await enqueueDeliveries(ctx, config, plans, {
      repeat: true,
      idParts: [String(nowMs)],
      at: now,
    });

    // Forget alerts that stopped firing without a resolution being sent (acknowledged, pruned).
    const sent = await ctx.notifications.notifiedAt(channel.id);
    const stale = [...sent]
      .filter(([id, ms]) => !firingIds.has(id) && ms < nowMs - PRUNE_AFTER_MS)
      .map(([id]) => id);
    await ctx.notifications.forgetNotified(channel.id, stale);
  }
  if (alerts > 0) ctx.logger.info({ alerts, deliveries }, 'repeating notifications');
  return { deliveries, alerts };
}
