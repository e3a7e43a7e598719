import type { Logger } from 'pino';
import type { Models } from './models';

const SESSION_PURGE_MS = 10 * 60_000;

/** Periodic upkeep. Timers are unref'd so they never hold the process open at shutdown. */
export function startBackgroundJobs(models: Models, logger: Logger): () => void {
  const purge = setInterval(() => {
    models.sessions
      .purgeExpired()
      .then((n) => n && logger.info({ purged: n }, '已清理过期会话'))
      .catch((err: unknown) => logger.error({ err }, '清理过期会话失败'));
  }, SESSION_PURGE_MS);
  purge.unref();
  return () => clearInterval(purge);
}
