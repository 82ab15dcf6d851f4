import type { Alert, Silence } from '@region-score/contracts';

/** Resolved alerts are kept this long for history, then pruned by the next evaluation. */
export const RESOLVED_ALERT_RETENTION_MS = 7 * 24 * 3600 * 1000;
/** Silences that ended longer ago than this are pruned when a silence is added. */
export const EXPIRED_SILENCE_RETENTION_MS = 7 * 24 * 3600 * 1000;

/** Whether a resolved alert has been kept long enough at `at` and may be pruned. */
export function isPrunable(alert: Alert, at: Date): boolean {
  return (
    alert.state === 'resolved' &&
    Date.parse(alert.resolvedAt ?? alert.updatedAt) < at.getTime() - RESOLVED_ALERT_RETENTION_MS
  );
}

/** Ids of silences that ended more than the retention before `at`. */
export function expiredSilenceIds(silences: readonly Silence[], at: Date): string[] {
  return silences
    .filter((s) => Date.parse(s.endsAt) < at.getTime() - EXPIRED_SILENCE_RETENTION_MS)
    .map((s) => s.id);
}

/** Silences in the order they are listed: by start, then end, then id. */
export function compareSilences(a: Silence, b: Silence): number {
  return (
    Date.parse(a.startsAt) - Date.parse(b.startsAt) ||
    Date.parse(a.endsAt) - Date.parse(b.endsAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
