import type { NotificationGroupLabel, NotificationItem } from '@region-score/contracts';

/** Items that go out as one message. */
export interface NotificationGroup {
  /** e.g. `rule=stale_data,region=aqmola,severity=warning`: stable, usable as a job id part. */
  key: string;
  items: NotificationItem[];
}

/**
 * Groups announceable alerts into messages, as Alertmanager's `group_by` does, so fifteen
 * districts going stale in one evaluation make one Telegram message instead of fifteen. Firing and
 * resolved alerts of a group travel together; `formatAlertText` lists them apart. Groups and their
 * items keep the order they first appear in.
 */
export function groupNotifications(
  items: readonly NotificationItem[],
  groupBy: readonly NotificationGroupLabel[] = ['rule', 'region', 'severity'],
): NotificationGroup[] {
  const groups = new Map<string, NotificationGroup>();
  for (const item of items) {
    const key = groupBy.map((label) => `${label}=${item.alert[label]}`).join(',');
    const group = groups.get(key);
    if (group) group.items.push(item);
    else groups.set(key, { key, items: [item] });
  }
  return [...groups.values()];
}
