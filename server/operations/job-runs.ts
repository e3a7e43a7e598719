import { maskPersonalText } from './system-logs';

export interface JobRun {
  name: string;
  label: string;
  /** How often it is meant to run; a run overdue by three of these turns its card amber. */
  everyMs: number;
  runs: number;
  failures: number;
  consecutiveFailures: number;
  running: boolean;
  lastStartedAt?: Date;
  lastFinishedAt?: Date;
  lastDurationMs?: number;
  lastError?: string;
  lastErrorAt?: Date;
}

/**
 * What this process's background work last did (OPS-1), for the status page: in memory, per
 * node. The jobs report through `track`; prom-client keeps the figures for Prometheus apart.
 */
export class JobRuns {
  readonly since = new Date();
  private readonly jobs = new Map<string, JobRun>();

  declare(name: string, label: string, everyMs: number): void {
    const job = this.jobs.get(name);
    if (job) Object.assign(job, { label, everyMs });
    else
      this.jobs.set(name, {
        name,
        label,
        everyMs,
        runs: 0,
        failures: 0,
        consecutiveFailures: 0,
        running: false,
      });
  }

  async track<T>(name: string, run: () => Promise<T>): Promise<T> {
    if (!this.jobs.has(name)) this.declare(name, name, 60_000);
    const job = this.jobs.get(name)!;
    const started = new Date();
    job.running = true;
    job.lastStartedAt = started;
    try {
      const result = await run();
      job.consecutiveFailures = 0;
      return result;
    } catch (err) {
      job.failures += 1;
      job.consecutiveFailures += 1;
      job.lastError = maskPersonalText(String((err as Error)?.message ?? err)).slice(0, 300);
      job.lastErrorAt = new Date();
      throw err;
    } finally {
      job.running = false;
      job.runs += 1;
      job.lastFinishedAt = new Date();
      job.lastDurationMs = job.lastFinishedAt.getTime() - started.getTime();
    }
  }

  /** Wraps an object's async method so each call is tracked (the sender's tick, anchoring). */
  instrument<O extends object, K extends keyof O>(target: O, method: K, name: string): void {
    const original = target[method] as unknown as (...args: unknown[]) => Promise<unknown>;
    if (typeof original !== 'function') return;
    const bound = original.bind(target);
    (target as Record<K, unknown>)[method] = (...args: unknown[]) =>
      this.track(name, () => bound(...args));
  }

  list(): JobRun[] {
    return [...this.jobs.values()].map((j) => ({ ...j }));
  }
}
