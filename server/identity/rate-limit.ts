import { rateLimit } from 'express-rate-limit';
import { AppError } from '../http/errors';

/**
 * Caps login attempts per client address. Per-account lockout stops guessing one password; this
 * stops one address from trying many accounts and from tying up the server with argon2 work.
 * The count is kept in this process's memory: behind several instances, limit at the proxy too.
 */
export function loginRateLimit(perMinute: number) {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) =>
      next(new AppError(429, 'too_many_requests', '登录尝试过于频繁，请稍后再试', { perMinute })),
  });
}
