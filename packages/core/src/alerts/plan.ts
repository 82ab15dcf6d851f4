import type {
  Alert,
  AlertTransition,
  DistrictScore,
  DomainEvent,
  NotificationItem,
  Region,
  Silence,
} from '@region-score/contracts';
import type { AlertContext } from './context';
import { evaluateAlertRules } from './evaluate';
import { activeFingerprints, advanceAlerts } from './lifecycle';
import { isPrunable } from './retention';
import { applySilences, shouldNotify } from './silences';
import type { AlertRulesSettings } from './settings';

/** What to write for one region after an evaluation (or an acknowledgement). */
export interface AlertChanges {
  /** Alerts to store (new or changed). */
  put: readonly Alert[];
  /** Fingerprints to remove (a pending alert whose condition went; pruned resolved alerts). */
  remove: readonly string[];
  /** Transitions to append to their alert's history. */
  transitions: readonly AlertTransition[];
  /** Fingerprints whose history is deleted with them (pruned alerts). */
  dropHistory: readonly string[];
}

/** What the rules need of one evaluated district, besides what the plan derives itself. */
export interface DistrictInputs {
  /** The district's latest stored score. */
  score: DistrictScore;
  dailyScores: AlertContext['dailyScores'];
  rank: number | null;
  previousRank: number | null;
  /** Values of the district held in quarantine, per indicator. */
  quarantined?: AlertContext['quarantined'];
}

/** Everything one evaluation of a region writes, publishes and announces. */
export interface AlertPlan {
  changes: AlertChanges;
  /** One `alert` event per transition, in order. */
  events: DomainEvent[];
  /** Transitions people should hear about: not acknowledged, not silenced. */
  notify: NotificationItem[];
  transitions: AlertTransition[];
}

/** Indicator → date of its latest value, from the score (`valueDate` is the latest in period). */
export function lastReportedOf(score: DistrictScore): Record<string, string | null> {
  return Object.fromEntries(score.indicators.map((r) => [r.indicator, r.valueDate]));
}

/**
 * One evaluation of the given districts of a region, as a pure function of what is stored and
 * what was just scored: the rules run per district, every stored alert of an evaluated district
 * advances with its condition (or with none, so firing alerts resolve and pending ones go), the
 * silences in force are stamped on alerts that are active or just changed, and resolved alerts
 * older than the retention are pruned. Districts not in `inputs` are left exactly as they are.
 */
export function planAlerts(args: {
  region: Region;
  settings: AlertRulesSettings;
  /** Every stored alert of the region (only those of evaluated districts are looked at). */
  stored: readonly Alert[];
  inputs: readonly DistrictInputs[];
  silences: readonly Silence[];
  today: string;
  at: Date;
}): AlertPlan {
  const { region, settings, silences, today, at } = args;
  const now = at.toISOString();
  const byDistrict = new Map<string, Alert[]>();
  for (const a of args.stored) {
    const list = byDistrict.get(a.district);
    if (list) list.push(a);
    else byDistrict.set(a.district, [a]);
  }

  const put: Alert[] = [];
  const remove: string[] = [];
  const dropHistory: string[] = [];
  const transitions: AlertTransition[] = [];
  const events: DomainEvent[] = [];
  const notify: NotificationItem[] = [];

  for (const input of args.inputs) {
    const district = input.score.district;
    const mine = byDistrict.get(district) ?? [];
    const previous = new Map(mine.map((a) => [a.id, a]));
    const ctx: AlertContext = {
      region,
      district,
      score: input.score,
      lastReported: lastReportedOf(input.score),
      dailyScores: input.dailyScores,
      rank: input.rank,
      previousRank: input.previousRank,
      today,
      active: activeFingerprints(mine),
      ...(input.quarantined ? { quarantined: input.quarantined } : {}),
    };
    const conditions = evaluateAlertRules(ctx, settings);

    for (const step of advanceAlerts(mine, conditions, at)) {
      const prev = previous.get(step.id) ?? null;
      let alert = step.alert;
      if (alert && (alert.state !== 'resolved' || step.transition)) {
        alert = applySilences(alert, silences, at);
      }

      if (alert === null) {
        // A pending alert whose condition went never fired: it leaves no history behind (no key
        // per series for alerts that never fired).
        if (prev) {
          remove.push(step.id);
          dropHistory.push(step.id);
        }
      } else if (!step.transition && isPrunable(alert, at)) {
        remove.push(step.id);
        dropHistory.push(step.id);
      } else if (alert !== prev) {
        put.push(alert);
      }

      if (!step.transition) continue;
      transitions.push(step.transition);
      // A pending alert whose condition went is removed; screens still need to drop it, so the
      // event carries it as resolved without ever having fired (`firedAt` null).
      const shown: Alert | null =
        alert ?? (prev && { ...prev, state: 'resolved', resolvedAt: now, updatedAt: now });
      if (shown) events.push({ type: 'alert', alert: shown });
      if (alert && shouldNotify(alert, silences, at)) {
        notify.push({ alert, transition: step.transition });
      }
    }
  }
  return { changes: { put, remove, transitions, dropHistory }, events, notify, transitions };
}
