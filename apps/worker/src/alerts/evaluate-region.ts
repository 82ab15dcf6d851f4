import type { Logger } from 'pino';
import type {
  AlertTransition,
  DistrictScore,
  Region,
  RegionRanking,
} from '@region-score/contracts';
import { localDate, planAlerts, resolveAlertRules, type DistrictInputs } from '@region-score/core';
import { AlertLockTimeoutError, type Platform } from '@region-score/platform';
import type { ScoredHook } from '../rescorer';

export type AlertEvaluationDeps = Pick<
  Platform,
  | 'alerts'
  | 'alertLocks'
  | 'silences'
  | 'scores'
  | 'rankings'
  | 'events'
  | 'queues'
  | 'quarantine'
  | 'audit'
>;

export interface AlertEvaluation {
  transitions: AlertTransition[];
  /** Alerts put in the `dispatch-notifications` job (0: no job was added). */
  notified: number;
}

/**
 * Evaluates the alert rules for some districts of a region (core's `planAlerts`) and applies the
 * result: alerts and their histories written, one `alert` event per transition on the stream, and
 * one `dispatch-notifications` job for everything that should be announced, so fifteen districts
 * going stale together make one job.
 *
 * Runs under the region's alert lock and reads the districts' latest stored scores inside it
 * rather than trusting the caller's: when two workers score the same district, the one evaluating
 * last still judges the newest score. Events and the job are sent before the lock is released, so
 * the stream carries a region's transitions in order.
 */
export async function evaluateRegionAlerts(
  platform: AlertEvaluationDeps,
  region: Region,
  districts: readonly string[],
  at: Date,
  /** The region's ranking if the caller just loaded it; loaded here otherwise. */
  knownRanking?: RegionRanking,
  /** Scores the caller just wrote, by district: used when still the stored ones. */
  known: ReadonlyMap<string, DistrictScore> = new Map(),
  /**
   * Whether announcements are queued (default true). False when no notification route is
   * configured: a national deployment's first evaluation fires thousands of stale-data alerts,
   * and a job carrying them all to be dropped by the dispatcher would only cost memory.
   */
  notify = true,
): Promise<AlertEvaluation> {
  return platform.alertLocks.withLock(region.id, async (lock) => {
    await platform.alerts.migrateLegacy(lock);
    const [scores, stored, daily, ranking, silences, held] = await Promise.all([
      // The scores the caller just wrote, unless another process stored newer ones meanwhile.
      platform.scores.current(region.id, districts, known),
      // Only the evaluated districts' alerts: the work does not grow with the region.
      platform.alerts.districts(region.id, districts),
      Promise.all(districts.map((d) => platform.scores.daily(region.id, d))),
      knownRanking ?? platform.rankings.region(region, at),
      platform.silences.list(),
      // What the quality gate holds per district (the `quarantined_value` rule).
      platform.quarantine.heldSummary(region.id),
    ]);
    // Silences end on their own: each end goes into the audit trail once.
    await platform.audit.silencesEnded(silences, at);
    const entries = new Map(ranking.entries.map((e) => [e.id, e]));
    const inputs: DistrictInputs[] = [];
    scores.forEach((score: DistrictScore | null, i) => {
      if (!score) return;
      const entry = entries.get(score.district);
      inputs.push({
        score,
        dailyScores: daily[i] ?? [],
        rank: entry?.rank ?? null,
        // rankChange is places gained since yesterday (previous − rank), 0 without a previous.
        previousRank: entry ? entry.rank + entry.rankChange : null,
        quarantined: held.get(score.district) ?? [],
      });
    });

    const plan = planAlerts({
      region,
      settings: resolveAlertRules(region.alerts),
      stored,
      inputs,
      silences,
      today: localDate(at, region.timezone),
      at,
    });
    await platform.alerts.save(lock, plan.changes);
    await platform.events.publish(plan.events);
    if (notify && plan.notify.length > 0) {
      await platform.queues.add('dispatch-notifications', { items: plan.notify });
    }
    return { transitions: plan.transitions, notified: notify ? plan.notify.length : 0 };
  });
}

/**
 * The Rescorer hook: evaluates the districts whose scores a flush wrote, once per region per
 * flush. A failure is logged, not thrown: the scores are already stored and their events must
 * still go out, and the scheduled `rescore-all` evaluates every district again within a minute,
 * which is the retry.
 */
export function alertHook(
  platform: AlertEvaluationDeps,
  logger: Logger,
  { notify = true }: { notify?: boolean } = {},
): ScoredHook {
  return async (region, written, at, ranking) => {
    if (written.length === 0) return;
    try {
      const districts = [...new Set(written.map((s) => s.district))];
      const { transitions, notified } = await evaluateRegionAlerts(
        platform,
        region,
        districts,
        at,
        ranking,
        new Map(written.map((s) => [s.district, s])),
        notify,
      );
      if (transitions.length > 0) {
        logger.info(
          { region: region.id, transitions: transitions.length, notified },
          'alerts changed',
        );
      }
    } catch (err) {
      // A region locked past the wait is expected right after a crash (the dead worker's lock
      // runs out) and while another worker evaluates: the next evaluation catches up.
      if (err instanceof AlertLockTimeoutError) {
        logger.warn(
          { region: region.id },
          'alert evaluation skipped: region locked; retried later',
        );
      } else logger.error({ err, region: region.id }, 'alert evaluation failed');
    }
  };
}
