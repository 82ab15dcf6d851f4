import type { Alert } from '@region-score/contracts';
import type { SilenceRequest } from '../api/client';

/** Silence lengths offered on the alerts page, in hours. */
export const SILENCE_HOURS = [1, 4, 24, 168] as const;

/** A silence for one alert's district, rule and indicator, from `now` for `hours`. */
export function silenceFor(
  alert: Alert,
  hours: number,
  comment: string,
  now: number,
): SilenceRequest {
  return {
    matchers: {
      district: alert.district,
      rule: alert.rule,
      ...(alert.indicator ? { indicator: alert.indicator } : {}),
    },
    startsAt: new Date(now).toISOString(),
    endsAt: new Date(now + hours * 3_600_000).toISOString(),
    comment,
  };
}

/** What the analyst narrowed the alerts page to; empty strings mean "all". */
export interface AlertFilter {
  severity: '' | Alert['severity'];
  district: string;
  rule: '' | Alert['rule'];
}

/** How the alerts page groups its list. */
export type AlertGrouping = 'none' | 'district' | 'rule';

const SEVERITY_ORDER: Record<Alert['severity'], number> = { critical: 0, warning: 1 };

/** The page's order: criticals first, then the most recently fired, then by id (stable). */
export function orderAlerts(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (b.firedAt ?? b.activeAt).localeCompare(a.firedAt ?? a.activeAt) ||
      a.id.localeCompare(b.id),
  );
}

/** The alerts that pass every set field of `filter`, order kept. */
export function filterAlerts(alerts: readonly Alert[], filter: AlertFilter): Alert[] {
  return alerts.filter(
    (a) =>
      (!filter.severity || a.severity === filter.severity) &&
      (!filter.district || a.district === filter.district) &&
      (!filter.rule || a.rule === filter.rule),
  );
}

/** Firing alerts by severity, for the counts always shown above the list. */
export function severityCounts(alerts: readonly Alert[]): Record<Alert['severity'], number> {
  const counts = { critical: 0, warning: 0 };
  for (const a of alerts) counts[a.severity] += 1;
  return counts;
}

/**
 * The list in groups (by district or rule), each keeping the page's order; groups with a
 * critical alert first, then larger groups, then by label. `none` is one unlabelled group.
 */
export function groupAlerts(
  alerts: readonly Alert[],
  by: AlertGrouping,
  label: (key: string) => string,
): { key: string; label: string; alerts: Alert[] }[] {
  if (by === 'none') return [{ key: '', label: '', alerts: [...alerts] }];
  const groups = new Map<string, Alert[]>();
  for (const a of alerts) {
    const key = by === 'district' ? a.district : a.rule;
    const list = groups.get(key) ?? [];
    list.push(a);
    groups.set(key, list);
  }
  const critical = (list: Alert[]) => (list.some((a) => a.severity === 'critical') ? 0 : 1);
  return [...groups.entries()]
    .map(([key, list]) => ({ key, label: label(key), alerts: list }))
    .sort(
      (a, b) =>
        critical(a.alerts) - critical(b.alerts) ||
        b.alerts.length - a.alerts.length ||
        a.label.localeCompare(b.label),
    );
}
