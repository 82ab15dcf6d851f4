import type { JobsOptions } from 'bullmq';

/*
 * Every BullMQ job option the service uses, named in one place.
 */

/** Retry policy of every job unless overridden: transient failures retry with exponential backoff; failures stay listed. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 250 },
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: false,
};

/**
 * `apply-observations`: a completed ingest job is not kept: its observations are in the audit
 * history, and trimming a list of kept jobs on every completion costs Redis time at thousands of
 * jobs per second. Failed jobs are kept (listed and retryable through the admin API).
 */
export const INGEST_JOB_OPTIONS: JobsOptions = { removeOnComplete: true };

/**
 * How fast jobs of a worker that died (kill -9, a lost machine) are taken over: a running job's
 * lock is renewed every `lockDuration / 2`; once it lapses, the next stalled-jobs check (every
 * `stalledInterval`, by any worker) moves the job back to waiting. A dead worker's jobs so run
 * again within about `lockDuration + stalledInterval` (≈ 7.5 s) instead of BullMQ's default
 * 30 + 30 s. Re-running a job is safe: observations carry ids and are applied once.
 */
export const WORKER_LOCK_OPTIONS = {
  lockDuration: 5_000,
  stalledInterval: 2_500,
  maxStalledCount: 5,
} as const;

/**
 * `deliver-notification`: retried as the notifications config says, then dead-lettered; the
 * dead-letter list keeps what an admin needs, so BullMQ's failed set need not keep much.
 */
export function deliveryJobOptions(
  jobId: string,
  retry: { attempts: number; backoffMs: number },
): JobsOptions {
  return {
    jobId,
    attempts: retry.attempts,
    backoff: { type: 'exponential', delay: retry.backoffMs },
    removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
  };
}
