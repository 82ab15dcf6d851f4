import type { JobQueues } from '@region-score/platform';

/** How often every district is rescored without new data (plan to date, staleness). */
export const RESCORE_EVERY_MS = 60_000;
/** How often the repeat job looks for alerts due to be re-sent. */
export const REPEAT_CHECK_EVERY_MS = 60_000;

/**
 * Registers every repeatable job. BullMQ job schedulers are upserts, so several workers starting
 * at once still leave one schedule of each.
 */
export async function registerSchedules(queues: JobQueues): Promise<void> {
  await queues
    .queue('maintenance')
    .upsertJobScheduler(
      'rescore-all',
      { every: RESCORE_EVERY_MS },
      { name: 'rescore-all', data: { reason: 'schedule' } },
    );
  await queues
    .queue('notify')
    .upsertJobScheduler(
      'repeat-notifications',
      { every: REPEAT_CHECK_EVERY_MS },
      { name: 'repeat-notifications', data: { reason: 'schedule' } },
    );
}
