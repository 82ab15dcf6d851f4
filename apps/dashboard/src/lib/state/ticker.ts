import type { Alert, Severity } from '@region-score/contracts';

/** How long one alert stays on the ticker when the screen does not rotate. */
export const DWELL_MS = 5_000;
/** Never shorter than this: a line must be readable from the back of the room. */
export const MIN_DWELL_MS = 3_000;

/** Criticals first, firing before pending, then the most recently fired. */
export function tickerOrder(alerts: readonly Alert[]): Alert[] {
  const rank = (a: Alert) => (a.severity === 'critical' ? 0 : 2) + (a.state === 'firing' ? 0 : 1);
  const when = (a: Alert) => a.firedAt ?? a.activeAt;
  return [...alerts].sort((a, b) => rank(a) - rank(b) || when(b).localeCompare(when(a)));
}

/** Active alerts by severity, for the counts the ticker always shows. */
export function severityCounts(alerts: readonly Alert[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, warning: 0 };
  for (const alert of alerts) counts[alert.severity] += 1;
  return counts;
}

/**
 * How long each alert shows: with `?rotate=` the wall is on screen `rotateSeconds` at a time, so
 * at least three alerts fit in one visit (never faster than MIN_DWELL_MS).
 */
export function dwellMs(rotateSeconds: number | null): number {
  if (rotateSeconds === null) return DWELL_MS;
  return Math.max(MIN_DWELL_MS, Math.min(DWELL_MS, (rotateSeconds * 1000) / 3));
}

/**
 * The alert on screen at `now`: derived from the clock, not from when the ticker mounted, so a
 * wall that leaves and comes back (rotation, reload) carries on where the loop is instead of
 * starting again at the first alert.
 */
export function tickerIndex(now: number, count: number, dwell: number): number {
  if (count <= 0) return 0;
  return Math.floor(now / Math.max(1, dwell)) % count;
}
