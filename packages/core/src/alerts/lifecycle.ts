import type { Alert, AlertTransition } from '@region-score/contracts';
import type { AlertCondition } from './context';

/** The next state of one alert after one evaluation. */
export interface AlertStep {
  /** The alert after the step; `null` when it is inactive (a pending alert whose condition went). */
  alert: Alert | null;
  transition: AlertTransition | null;
}

function transition(
  alert: Pick<Alert, 'id' | 'severity' | 'summary'>,
  from: AlertTransition['from'],
  to: AlertTransition['to'],
  at: string,
): AlertTransition {
  return { id: alert.id, from, to, at, severity: alert.severity, summary: alert.summary };
}

/** A new episode: pending until the condition has held `forMs`, firing at once when it is 0. */
function open(cond: AlertCondition, at: string, forMs: number): Alert {
  const firing = forMs <= 0;
  return {
    id: cond.fingerprint,
    rule: cond.rule,
    severity: cond.severity,
    state: firing ? 'firing' : 'pending',
    region: cond.region,
    district: cond.district,
    indicator: cond.indicator,
    summary: cond.summary,
    value: cond.value,
    threshold: cond.threshold,
    activeAt: at,
    firedAt: firing ? at : null,
    resolvedAt: null,
    updatedAt: at,
    // A new episode starts unacknowledged; silences are applied afresh by `applySilences`.
    ack: null,
    silencedBy: null,
  };
}

/**
 * The alert with the condition's measurements. Returns `prev` itself when nothing changed, so the
 * caller can skip the write by comparing references, and `updatedAt` moves only on real changes.
 */
function refresh(prev: Alert, cond: AlertCondition, at: string): Alert {
  const same =
    prev.value === cond.value &&
    prev.threshold === cond.threshold &&
    prev.severity === cond.severity &&
    prev.summary === cond.summary;
  if (same) return prev;
  return {
    ...prev,
    severity: cond.severity,
    value: cond.value,
    threshold: cond.threshold,
    summary: cond.summary,
    updatedAt: at,
  };
}

/**
 * One step of an alert's life, as in Prometheus and Alertmanager:
 *
 * - inactive → pending when the condition appears (firing at once when `forMs` is 0);
 * - pending → firing once the condition has held `forMs` since `activeAt`;
 *   pending → inactive (alert `null`) when it goes before that, so a blip never notifies;
 * - firing → resolved when the condition goes; a severity change while firing is a
 *   firing → firing transition, because someone may need to hear it got worse;
 * - resolved → a new episode when the condition comes back (new `activeAt`, no ack).
 *
 * `transition` is `null` when the state did not change; measurements and `updatedAt` are refreshed
 * only when they changed. `ack` and `silencedBy` stay for the whole episode.
 *
 * @param prev the stored alert with this fingerprint, or `null` when there is none
 * @param cond the condition with this fingerprint if it holds now, else `null`
 * @param at the evaluation instant (never read from the clock)
 * @param forMs how long the condition must hold before firing (`cond.forMs` from the rules)
 */
export function advanceAlert(
  prev: Alert | null,
  cond: AlertCondition | null,
  at: Date,
  forMs: number,
): AlertStep {
  if (prev && cond && prev.id !== cond.fingerprint) {
    throw new Error(`advanceAlert: alert ${prev.id} given the condition of ${cond.fingerprint}`);
  }
  const now = at.toISOString();

  if (!prev || prev.state === 'resolved') {
    if (!cond) return { alert: prev, transition: null };
    const alert = open(cond, now, forMs);
    return {
      alert,
      transition: transition(alert, prev ? 'resolved' : 'inactive', alert.state, now),
    };
  }

  if (prev.state === 'pending') {
    if (!cond) return { alert: null, transition: transition(prev, 'pending', 'inactive', now) };
    const alert = refresh(prev, cond, now);
    if (at.getTime() - Date.parse(prev.activeAt) < forMs) return { alert, transition: null };
    const fired: Alert = { ...alert, state: 'firing', firedAt: now, updatedAt: now };
    return { alert: fired, transition: transition(fired, 'pending', 'firing', now) };
  }

  // firing
  if (!cond) {
    const resolved: Alert = { ...prev, state: 'resolved', resolvedAt: now, updatedAt: now };
    return { alert: resolved, transition: transition(resolved, 'firing', 'resolved', now) };
  }
  const alert = refresh(prev, cond, now);
  const escalated = alert.severity !== prev.severity;
  return { alert, transition: escalated ? transition(alert, 'firing', 'firing', now) : null };
}

/**
 * Advances every alert of one evaluation scope (typically one district) at once: each stored alert
 * with its condition, or with `null` when its condition no longer holds, plus a new alert for each
 * new condition. Pass all the stored alerts of the scope and all the conditions the rules returned
 * for it, since any alert left out of `prev` would be treated as new.
 */
export function advanceAlerts(
  prev: readonly Alert[],
  conditions: readonly AlertCondition[],
  at: Date,
): (AlertStep & { id: string; changed: boolean })[] {
  const byId = new Map(conditions.map((c) => [c.fingerprint, c]));
  const known = new Set(prev.map((a) => a.id));
  const steps: { id: string; prev: Alert | null; cond: AlertCondition | null }[] = prev.map(
    (a) => ({
      id: a.id,
      prev: a,
      cond: byId.get(a.id) ?? null,
    }),
  );
  for (const c of conditions) {
    if (!known.has(c.fingerprint)) steps.push({ id: c.fingerprint, prev: null, cond: c });
  }
  return steps.map(({ id, prev: p, cond }) => {
    const step = advanceAlert(p, cond, at, cond?.forMs ?? 0);
    return { id, ...step, changed: step.alert !== p };
  });
}

/** Fingerprints of alerts pending or firing: the `active` set the rules use for hysteresis. */
export function activeFingerprints(alerts: Iterable<Alert>): Set<string> {
  const out = new Set<string>();
  for (const a of alerts) if (a.state !== 'resolved') out.add(a.id);
  return out;
}
