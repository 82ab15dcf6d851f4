import { Worker } from 'node:worker_threads';
import type { ReadRequest, ReadResult } from './read-file';

/** The reading threads are all busy and the queue is full: answered 503, retry shortly. */
export class ReadersBusyError extends Error {
  constructor() {
    super('file: the server is reading other files; try again in a few seconds');
    this.name = 'ReadersBusyError';
  }
}

export interface ReaderPoolOptions {
  /** Threads reading at once (each one file at a time). */
  threads: number;
  /** Files waiting for a thread; more are refused with `ReadersBusyError`. */
  queue: number;
  /** A file not read within this is given up (the thread is replaced). */
  timeoutMs: number;
  /** Heap of one thread (V8 old generation); a file needing more is refused. */
  heapMb: number;
}

export const DEFAULT_READER_POOL: ReaderPoolOptions = {
  threads: 2,
  queue: 32,
  timeoutMs: 20_000,
  heapMb: 64,
};

interface Job {
  request: ReadRequest;
  resolve: (result: ReadResult) => void;
}

interface Thread {
  worker: Worker;
  busy: Job | null;
  timer: NodeJS.Timeout | null;
}

/** Where the thread's code is: next to this module (sources, run through tsx) or the bundle. */
function threadEntry(): { file: URL; workerData?: unknown } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    return {
      file: new URL('./thread-boot.mjs', here),
      workerData: { entry: new URL('./read-thread.ts', here).href },
    };
  }
  return { file: new URL('./read-thread.js', here) };
}

/**
 * Reads report files in worker threads, so a large or hostile workbook never blocks the event
 * loop that answers every other request, and each thread's heap is capped (`resourceLimits`):
 * a file that needs more memory than a report ever does kills its thread, not the process, and
 * is refused. Peak memory is bounded by threads × heap (plus the files themselves).
 */
export class ReaderPool {
  private readonly threads: Thread[] = [];
  private readonly waiting: Job[] = [];
  private nextId = 0;
  private closed = false;

  constructor(private readonly options: ReaderPoolOptions = DEFAULT_READER_POOL) {}

  /** Reads one file; throws `ReadersBusyError` when too many files are waiting. */
  read(request: ReadRequest): Promise<ReadResult> {
    if (this.waiting.length >= this.options.queue) return Promise.reject(new ReadersBusyError());
    return new Promise<ReadResult>((resolve) => {
      this.waiting.push({ request, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) {
      job.resolve({ ok: false, message: 'the server is shutting down', kind: 'bad_file' });
    }
    await Promise.all(this.threads.splice(0).map((t) => t.worker.terminate()));
  }

  private pump(): void {
    if (this.closed) return;
    while (this.waiting.length > 0) {
      let thread = this.threads.find((t) => t.busy === null);
      if (!thread && this.threads.length < this.options.threads) thread = this.spawn();
      if (!thread) return;
      this.run(thread, this.waiting.shift() as Job);
    }
  }

  private spawn(): Thread {
    const { file, workerData } = threadEntry();
    const worker = new Worker(file, {
      workerData,
      resourceLimits: {
        maxOldGenerationSizeMb: this.options.heapMb,
        maxYoungGenerationSizeMb: 16,
        stackSizeMb: 4,
      },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    const thread: Thread = { worker, busy: null, timer: null };
    worker.on('message', (message: { id: number; result: ReadResult }) => {
      const job = thread.busy;
      if (!job) return;
      this.finish(thread, job, message.result);
    });
    const fail = (why: string) => {
      const job = thread.busy;
      this.drop(thread);
      if (job) {
        job.resolve({ ok: false, message: why, kind: 'too_large' });
      }
      this.pump();
    };
    worker.on('error', (err: Error & { code?: string }) =>
      fail(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `the file needs more than ${this.options.heapMb} MB to read; a report never does`
          : `the file could not be read (${err.message})`,
      ),
    );
    worker.on('exit', () => fail('the file could not be read (the reader stopped)'));
    this.threads.push(thread);
    return thread;
  }

  private run(thread: Thread, job: Job): void {
    thread.busy = job;
    thread.worker.ref();
    thread.timer = setTimeout(() => {
      const current = thread.busy;
      this.drop(thread);
      void thread.worker.terminate();
      current?.resolve({
        ok: false,
        message: `the file took longer than ${this.options.timeoutMs / 1000} s to read`,
        kind: 'too_large',
      });
      this.pump();
    }, this.options.timeoutMs);
    thread.worker.postMessage({ id: this.nextId++, request: job.request });
  }

  private finish(thread: Thread, job: Job, result: ReadResult): void {
    if (thread.timer) clearTimeout(thread.timer);
    thread.timer = null;
    thread.busy = null;
    thread.worker.unref();
    job.resolve(result);
    this.pump();
  }

  /** Takes a thread out of the pool (it died or is being terminated). */
  private drop(thread: Thread): void {
    if (thread.timer) clearTimeout(thread.timer);
    thread.timer = null;
    thread.busy = null;
    const i = this.threads.indexOf(thread);
    if (i >= 0) this.threads.splice(i, 1);
  }
}
