import type { JobQueues } from '@region-score/platform';

/** How often every district is rescored without new data (plan to date, staleness). */
export const RESCORE_EVERY_MS = 60_000;

/**
 * Registers repeatable jobs. BullMQ job schedulers are upserts, so several workers starting at
 * once still leave one schedule.
 */
export async function registerSchedules(queues: JobQueues): Promise<void> {
  await queues
    .queue('maintenance')
    .upsertJobScheduler(
      'rescore-all',
      { every: RESCORE_EVERY_MS },
      { name: 'rescore-all', data: { reason: 'schedule' } },
    );
}
