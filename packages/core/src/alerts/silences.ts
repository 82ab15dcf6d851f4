import type { Alert, Silence } from '@region-score/contracts';
import type { AlertCondition } from './context';

/** The fields a silence can match on, common to stored alerts and fresh conditions. */
type Matchable = Pick<Alert, 'rule' | 'region' | 'district' | 'indicator' | 'severity'>;

/**
 * Whether the silence covers the alert (or condition) at `at`: every matcher it gives equals the
 * alert's field, and `startsAt <= at < endsAt`. A silence with unreadable dates matches nothing,
 * so a bad record cannot mute alerts forever.
 */
export function silenceMatches(s: Silence, a: Alert | AlertCondition, at: Date): boolean {
  const t = at.getTime();
  const starts = Date.parse(s.startsAt);
  const ends = Date.parse(s.endsAt);
  if (!(starts <= t && t < ends)) return false;
  const m = s.matchers;
  const target: Matchable = a;
  return (Object.keys(m) as (keyof typeof m)[]).every(
    (key) => m[key] === undefined || m[key] === target[key],
  );
}

/** The first silence covering the alert at `at`, or `undefined`. */
export function findSilence(
  a: Alert | AlertCondition,
  silences: readonly Silence[],
  at: Date,
): Silence | undefined {
  return silences.find((s) => silenceMatches(s, a, at));
}

/**
 * The alert with `silencedBy` set to the id of the silence covering it at `at` (or `null`), so
 * screens can show why nobody was told. Returns the alert itself when that did not change.
 */
export function applySilences(alert: Alert, silences: readonly Silence[], at: Date): Alert {
  const silencedBy = findSilence(alert, silences, at)?.id ?? null;
  return silencedBy === alert.silencedBy ? alert : { ...alert, silencedBy };
}

/**
 * Acknowledges an alert: someone has seen it and is on it, so it is no longer notified (including
 * its resolution and any severity change) for the rest of this episode. A new episode after it
 * resolves starts unacknowledged.
 */
export function acknowledgeAlert(alert: Alert, by: string, comment: string, at: Date): Alert {
  const now = at.toISOString();
  return { ...alert, ack: { by, at: now, comment }, updatedAt: now };
}

/**
 * Whether the alert, just after a transition, should be sent to people: when it turns firing
 * (or changes severity while firing) and when an alert that had fired resolves. Pending alerts and
 * the quiet end of a pending blip are never sent; acknowledged alerts and alerts covered by a
 * silence at `at` are not either. The silences are checked here rather than trusting
 * `silencedBy`, which may be stale once a silence expires.
 */
export function shouldNotify(alert: Alert, silences: readonly Silence[], at: Date): boolean {
  if (alert.ack !== null) return false;
  const announceable =
    alert.state === 'firing' || (alert.state === 'resolved' && alert.firedAt !== null);
  return announceable && findSilence(alert, silences, at) === undefined;
}
