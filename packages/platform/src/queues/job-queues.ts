import {
  Queue,
  Worker,
  type ConnectionOptions,
  type Job,
  type JobsOptions,
  type Processor,
} from 'bullmq';
import type { QueueName } from '@region-score/contracts';
import { JobQueue, type JobName, type JobPayloads } from '@region-score/contracts';
import { DEFAULT_JOB_OPTIONS, WORKER_LOCK_OPTIONS } from './job-options';

/** A job whose payload matches its name. */
export type TypedJob<N extends JobName> = Job<JobPayloads[N], unknown, N>;

/** The service's queues, typed by job name. */
export class JobQueues {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly connection: ConnectionOptions,
    readonly prefix: string,
  ) {}

  /** The BullMQ queue that carries this queue name (created on first use). */
  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, {
        connection: this.connection,
        prefix: this.prefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      this.queues.set(name, q);
    }
    return q;
  }

  /** Adds a job to the queue its name belongs to; resolves once the job is stored in Redis. */
  add<N extends JobName>(name: N, data: JobPayloads[N], opts?: JobsOptions): Promise<Job> {
    return this.queue(JobQueue[name]).add(name, data, opts);
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}

/** Handlers for every job of one queue. */
export type QueueHandlers<Q extends QueueName> = {
  [N in JobName as (typeof JobQueue)[N] extends Q ? N : never]: (
    job: TypedJob<N>,
  ) => Promise<unknown>;
};

/** Creates a BullMQ worker that dispatches each job to the handler for its name. */
export function createQueueWorker<Q extends QueueName>(
  queue: Q,
  handlers: QueueHandlers<Q>,
  options: {
    connection: ConnectionOptions;
    prefix: string;
    concurrency: number;
    autorun?: boolean;
  },
): Worker {
  const processor: Processor = async (job) => {
    const handler = (
      handlers as unknown as Record<string, ((job: Job) => Promise<unknown>) | undefined>
    )[job.name];
    if (!handler) throw new Error(`no handler for job "${job.name}" on queue "${queue}"`);
    return handler(job);
  };
  return new Worker(queue, processor, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    autorun: options.autorun ?? true,
    ...WORKER_LOCK_OPTIONS,
  });
}
