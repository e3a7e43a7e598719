import type { Logger } from 'pino';
import type { CaseService } from './cases';
import { purgeAddressFailures } from './identity/address-failures';
import type { Models } from './models';
import type { NotificationSender } from './notifications';
import type { JobRuns } from './operations/job-runs';
import type { Metrics } from './operations/metrics';
import type { Supervision } from './supervision';

const SESSION_PURGE_MS = 10 * 60_000;
/** The case scheduler: due timers, deadline reminders (RUN-5, RUN-6), failed projections. */
export const CASE_JOBS_MS = 60_000;
/** The notification sender's tick (RUN-15); new deliveries also wake it at once. */
export const SEND_NOTICES_MS = 15_000;
/** Kept run logs older than LOG_RETENTION_DAYS go hourly (no TTL index on the embedded database). */
export const LOG_PURGE_MS = 3_600_000;

/** Periodic upkeep. Timers are unref'd so they never hold the process open at shutdown. */
export function startBackgroundJobs(
  models: Models,
  logger: Logger,
  cases?: CaseService,
  sender?: Pick<NotificationSender, 'start'>,
  metrics?: Pick<Metrics, 'timed'>,
  supervision?: Pick<Supervision, 'watch'>,
  operations: {
    runs?: JobRuns;
    purgeLogs?: (now: Date) => Promise<number>;
    /** Whether this node holds the background lease (several nodes: the work runs on one). */
    leading?: () => boolean;
    /** The change feed's old entries (the lease holder clears them). */
    pruneFeed?: (now: Date) => Promise<number>;
    caseJobsMs?: number;
  } = {},
): () => void {
  const leading = operations.leading ?? (() => true);
  const measured = <T>(job: string, run: () => Promise<T>) =>
    metrics ? metrics.timed(job, run) : run();
  // The status page's record of each run (OPS-1) around prom-client's timing.
  const timed = <T>(job: string, run: () => Promise<T>) =>
    operations.runs ? operations.runs.track(job, () => measured(job, run)) : measured(job, run);
  const purge = setInterval(() => {
    models.sessions
      .purgeExpired()
      .then((n) => n && logger.info({ purged: n }, '已清理过期会话'))
      .catch((err: unknown) => logger.error({ err }, '清理过期会话失败'));
    purgeAddressFailures(models.loginAddressFailures).catch((err: unknown) =>
      logger.error({ err }, '清理按地址的登录失败计数失败'),
    );
  }, SESSION_PURGE_MS);
  purge.unref();
  let running = false;
  const caseJobs = setInterval(() => {
    if (!cases || running) return;
    running = true;
    // Each node writes its own failed projections again; the rest runs on the lease holder only.
    timed('projectionRetry', async () => {
      const retried = await cases.projector.retryFailed();
      if (retried) logger.info({ retried }, '已补写办件投影');
    })
      .then(async () => {
        if (!leading()) return;
        await timed('caseJobs', async () => {
          if (operations.pruneFeed) await operations.pruneFeed(new Date());
          const { ticked, changed } = await cases.tickDue();
          if (changed) logger.info({ ticked, changed }, '定时检查：有办件到期提醒或计时器触发');
          if (supervision) {
            const scan = await timed('supervisionScan', () => supervision.watch.scan());
            if (scan.raised) logger.info(scan, '电子监察时效扫描：有新的或升级的预警');
          }
        });
      })
      .catch((err: unknown) => logger.error({ err }, '办件定时任务失败'))
      .finally(() => (running = false));
  }, operations.caseJobsMs ?? CASE_JOBS_MS);
  caseJobs.unref();
  const stopSender = sender?.start(SEND_NOTICES_MS, leading);
  const { purgeLogs } = operations;
  const logPurge = setInterval(() => {
    if (!purgeLogs || !leading()) return;
    timed('systemLogPurge', () => purgeLogs(new Date()))
      .then((n) => n && logger.info({ purged: n }, '已清理超过保存期限的运行日志'))
      .catch((err: unknown) => logger.error({ err }, '清理运行日志失败'));
  }, LOG_PURGE_MS);
  logPurge.unref();
  return () => {
    clearInterval(purge);
    clearInterval(logPurge);
    clearInterval(caseJobs);
    stopSender?.();
  };
}
