import { rateLimit } from 'express-rate-limit';
import { AppError } from './errors';

/**
 * Requests per client address and minute, answered past the limit with 429 in the usual error
 * shape. The count is kept in this process's memory: behind several instances, limit at the
 * proxy too.
 */
export function perMinuteLimit(perMinute: number, message = '请求过于频繁，请稍后再试') {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) =>
      next(new AppError(429, 'too_many_requests', message, { perMinute })),
  });
}
