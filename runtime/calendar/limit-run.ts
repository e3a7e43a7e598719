import type { TimeLimit } from '../catalog/item';
import { CalendarInputError } from './errors';
import type { Instant } from './civil-date';
import type { Pause } from './pauses';

/** A limit running for a case or a step: when it started, how long it is, when it stood still. */
export interface LimitRun {
  start: Instant;
  limit: TimeLimit;
  pauses?: readonly Pause[];
}

/** Ten years of days, or of office hours: beyond any statutory limit, and it bounds every loop. */
export const MAX_LIMIT_DAYS = 3660;
export const MAX_LIMIT_HOURS = 87_600;

export function checkLimit(limit: TimeLimit): void {
  const { value, unit } = limit;
  if (unit === 'workingDays' || unit === 'naturalDays') {
    if (!Number.isInteger(value) || value < 1 || value > MAX_LIMIT_DAYS)
      throw new CalendarInputError(`以日计的期限应为 1—${MAX_LIMIT_DAYS} 的整数，收到 ${value}`);
    return;
  }
  if (unit === 'hours') {
    const minutes = value * 60;
    if (!(value > 0) || value > MAX_LIMIT_HOURS || Math.abs(minutes - Math.round(minutes)) > 1e-6)
      throw new CalendarInputError(`以小时计的期限应为正数且精确到分钟，收到 ${value}`);
    return;
  }
  throw new CalendarInputError(`期限单位「${String(unit)}」应为 workingDays、naturalDays 或 hours`);
}
