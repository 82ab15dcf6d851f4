import type {
  Alert,
  NotificationItem,
  NotificationRoute,
  NotificationsConfig,
} from '@region-score/contracts';
import { groupNotifications, type NotificationGroup } from '@region-score/core';

/** Whether every matcher the route gives accepts the alert (an absent matcher accepts all). */
export function routeMatches(route: NotificationRoute, alert: Alert): boolean {
  return (
    (route.severities === null || route.severities.includes(alert.severity)) &&
    (route.regions === null || route.regions.includes(alert.region)) &&
    (route.districts === null || route.districts.includes(alert.district)) &&
    (route.rules === null || route.rules.includes(alert.rule))
  );
}

/**
 * The route that sends the alert to the channel: the first route of that channel, in file order,
 * whose matchers accept it. One route per channel, so an alert matched by two routes of the same
 * channel is still sent there once.
 */
export function routeFor(
  config: NotificationsConfig,
  channel: string,
  alert: Alert,
): { route: NotificationRoute; index: number } | null {
  const index = config.routes.findIndex((r) => r.channel === channel && routeMatches(r, alert));
  const route = config.routes[index];
  return route ? { route, index } : null;
}

/** One message to send: a group of items for one channel, under the route that chose them. */
export interface DeliveryPlan {
  channel: string;
  route: NotificationRoute;
  /** Position of the route in the config: part of the delivery id. */
  routeIndex: number;
  group: NotificationGroup;
}

/**
 * Splits announceable items into messages: for each channel, the items its routes accept
 * (resolved ones only where the route sends resolved alerts), grouped by the route's `groupBy`.
 * Fifteen districts going stale in one evaluation thus make one message per channel.
 */
export function planDeliveries(
  items: readonly NotificationItem[],
  config: NotificationsConfig,
): DeliveryPlan[] {
  const plans: DeliveryPlan[] = [];
  for (const channel of config.channels) {
    const byRoute = new Map<number, NotificationItem[]>();
    for (const item of items) {
      const found = routeFor(config, channel.id, item.alert);
      if (!found) continue;
      if (item.alert.state === 'resolved' && !found.route.sendResolved) continue;
      const list = byRoute.get(found.index) ?? [];
      list.push(item);
      byRoute.set(found.index, list);
    }
    for (const [routeIndex, routed] of byRoute) {
      const route = config.routes[routeIndex];
      if (!route) continue;
      for (const group of groupNotifications(routed, route.groupBy)) {
        plans.push({ channel: channel.id, route, routeIndex, group });
      }
    }
  }
  return plans;
}
