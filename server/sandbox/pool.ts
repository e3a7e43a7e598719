import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { JobInput, JobName, JobOutput, JobTask } from './jobs';

/** The job ran out of its time budget and its worker was stopped. */
export class JobBudgetSpentError extends Error {
  constructor(
    readonly job: string,
    readonly budgetMs: number,
  ) {
    super(`后台任务 ${job} 超过时限 ${budgetMs} ms，已终止`);
    this.name = 'JobBudgetSpentError';
  }
}

/** Every worker is busy and the queue is full: try again later. */
export class SandboxBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('后台任务队列已满');
    this.name = 'SandboxBusyError';
  }
}

/** The worker died (out of memory, a crash): the job's input is what it could not take. */
export class JobFailedError extends Error {
  constructor(
    readonly job: string,
    readonly reason: string,
  ) {
    super(`后台任务 ${job} 失败：${reason}`);
    this.name = 'JobFailedError';
  }
}

export interface SandboxOptions {
  /** Worker threads; the machine has few cores and the event loop needs one. */
  threads: number;
  /** Jobs that may wait for a free worker; one more is refused with SandboxBusyError. */
  queue: number;
  /** Heap of one worker; a job that needs more fails instead of the server. */
  maxHeapMb?: number;
}

const WORKER = path.join(__dirname, 'worker.cjs');

/**
 * A small pool of worker threads for work whose time depends on what users send (architecture.md,
 * bounded work): each job runs off the event loop with a time budget, and a job that overruns it
 * is stopped by terminating its worker (piscina starts a fresh one). The pool is created on the
 * first job and closed with the server.
 */
export class Sandbox {
  private pool: Piscina | undefined;
  private closed = false;
  /** Jobs running or waiting. Counted here: piscina's maxQueue skips abortable tasks. */
  private inFlight = 0;

  constructor(private readonly options: SandboxOptions) {}

  private workers(): Piscina {
    if (this.closed) throw new Error('后台任务池已关闭');
    this.pool ??= new Piscina({
      filename: WORKER,
      minThreads: this.options.threads,
      maxThreads: this.options.threads,
      idleTimeout: 60_000,
      // Below the event loop's priority (Linux, @napi-rs/nice): on a small machine a busy worker
      // then takes the CPU the server's own thread leaves, not the other way round.
      niceIncrement: 10,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 512 },
    });
    return this.pool;
  }

  /**
   * Runs `job` with `input` in a worker; the budget starts when a worker takes the job, so time
   * spent waiting in the queue does not count against it.
   */
  async run<K extends JobName>(
    job: K,
    input: JobInput<K>,
    budgetMs: number,
  ): Promise<JobOutput<K>> {
    const pool = this.workers();
    if (this.inFlight >= this.options.threads + this.options.queue) {
      throw new SandboxBusyError(Math.max(1, Math.ceil(budgetMs / 1000)));
    }
    this.inFlight++;
    const { port1, port2 } = new MessageChannel();
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    port1.once('message', () => {
      timer = setTimeout(() => abort.abort(), budgetMs);
    });
    const task: JobTask = { job, input, started: port2 };
    try {
      return (await pool.run(task, {
        name: 'runJob',
        signal: abort.signal,
        transferList: [port2],
      })) as JobOutput<K>;
    } catch (error) {
      if (abort.signal.aborted) throw new JobBudgetSpentError(job, budgetMs);
      const message = error instanceof Error ? error.message : String(error);
      const code = (error as { code?: string }).code;
      if (code === 'ERR_WORKER_OUT_OF_MEMORY' || message === 'Terminating worker thread') {
        throw new JobFailedError(job, message);
      }
      throw error;
    } finally {
      this.inFlight--;
      clearTimeout(timer);
      port1.close();
    }
  }

  /** Stops the workers; jobs still running are ended. */
  async close(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = undefined;
    if (pool) await pool.close({ force: true });
  }
}
