import { perMinuteLimit } from '../http/rate-limit';

/**
 * Caps login attempts per client address. Per-account lockout stops guessing one password; this
 * stops one address from trying many accounts and from tying up the server with argon2 work.
 */
export const loginRateLimit = (perMinute: number) =>
  perMinuteLimit(perMinute, '登录尝试过于频繁，请稍后再试');
