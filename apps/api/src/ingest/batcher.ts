import type { StampedObservation } from '@region-score/contracts';
import { INGEST_JOB_OPTIONS, type JobQueues } from '@region-score/platform';

export interface BatcherOptions {
  /** Requests with at least this many observations become a job of their own. */
  directThreshold: number;
  /**
   * At most one grouped job per this many ms: the first request after a quiet spell is enqueued
   * at once, later ones wait for the window to end (group commit).
   */
  windowMs: number;
  /** …or until this many observations are waiting. */
  maxBatch: number;
}

export const DEFAULT_BATCHER_OPTIONS: BatcherOptions = {
  directThreshold: 50,
  windowMs: 10,
  maxBatch: 1000,
};

interface Pending {
  observations: StampedObservation[];
  resolve: (jobId: string) => void;
  reject: (err: unknown) => void;
}

/**
 * Groups single observations arriving within a few milliseconds into one BullMQ job: one job
 * per value cannot reach the throughput goal. A lone value goes out at once; under load at most
 * one grouped job per window leaves, so the job count stays flat while the rate grows. Each caller's promise resolves with the job id
 * once the job is stored in Redis, so a 202 still means durable.
 */
export class IngestBatcher {
  private pending: Pending[] = [];
  private pendingCount = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastFlush = 0;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly queues: JobQueues,
    private readonly options: BatcherOptions = DEFAULT_BATCHER_OPTIONS,
  ) {}

  async submit(observations: StampedObservation[]): Promise<string> {
    if (observations.length >= this.options.directThreshold) {
      const job = await this.queues.add('apply-observations', { observations }, INGEST_JOB_OPTIONS);
      return String(job.id);
    }
    return new Promise<string>((resolve, reject) => {
      this.pending.push({ observations, resolve, reject });
      this.pendingCount += observations.length;
      if (this.pendingCount >= this.options.maxBatch) this.flush();
      else if (!this.timer) {
        // setTimeout even when the window is over, so requests of the same tick share the job.
        const wait = Math.max(0, this.lastFlush + this.options.windowMs - Date.now());
        this.timer = setTimeout(() => this.flush(), wait);
      }
    });
  }

  /** Enqueues what is waiting and resolves when every enqueue has finished (shutdown). */
  async close(): Promise<void> {
    this.flush();
    await Promise.all([...this.inFlight]);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    this.pendingCount = 0;
    this.lastFlush = Date.now();
    const observations = batch.flatMap((p) => p.observations);
    const done = this.queues.add('apply-observations', { observations }, INGEST_JOB_OPTIONS).then(
      (job) => batch.forEach((p) => p.resolve(String(job.id))),
      (err: unknown) => batch.forEach((p) => p.reject(err)),
    );
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
  }
}
