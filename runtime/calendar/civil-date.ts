import { CalendarInputError } from './errors';

/**
 * Civil dates and instants in Asia/Shanghai. China has kept UTC+8 without daylight saving since
 * 1991, and the calendar data starts in 2004, so a fixed offset is exact; the host's time zone is
 * never consulted.
 */

/** A civil date in Asia/Shanghai, `YYYY-MM-DD`. */
export type CivilDate = string;
/** A point in time: a Date, or an ISO 8601 string that names its offset (`Z` or `+08:00`). */
export type Instant = Date | string;

export const SHANGHAI_OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 24 * 3600_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
// An ISO string without an offset would be read in the host's zone: refuse it.
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isCivilDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export function checkCivilDate(value: string, what = '日期'): CivilDate {
  if (typeof value !== 'string' || !isCivilDate(value))
    throw new CalendarInputError(`${what}「${String(value)}」应为 YYYY-MM-DD 格式的有效日期`);
  return value;
}

/** Milliseconds since the epoch of an instant; refuses invalid dates and offset-less strings. */
export function toMillis(value: Instant, what = '时间'): number {
  if (value instanceof Date) {
    const t = value.getTime();
    if (Number.isNaN(t)) throw new CalendarInputError(`${what}不是有效的时间`);
    return t;
  }
  if (typeof value !== 'string' || !INSTANT_RE.test(value)) {
    throw new CalendarInputError(
      `${what}「${String(value)}」应为带时区的 ISO 8601 时间，如 2025-09-28T09:00:00+08:00`,
    );
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new CalendarInputError(`${what}「${value}」不是有效的时间`);
  return t;
}

/** The Asia/Shanghai civil date an instant falls on. */
export function civilDateOf(value: Instant): CivilDate {
  return new Date(toMillis(value) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a civil date begins (00:00 Asia/Shanghai), in epoch milliseconds. */
export function startOfDay(date: CivilDate): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new CalendarInputError(`日期「${date}」应为 YYYY-MM-DD 格式`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - SHANGHAI_OFFSET_MS;
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return new Date(startOfDay(date) + SHANGHAI_OFFSET_MS + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: CivilDate): number {
  return new Date(startOfDay(date) + SHANGHAI_OFFSET_MS).getUTCDay();
}

export function yearOf(date: CivilDate): number {
  return Number(date.slice(0, 4));
}

/** Minutes after midnight of `HH:MM`; `24:00` is allowed and means the end of the day. */
export function minutesOfDay(hhmm: string, what = '时刻'): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || minutes > 24 * 60)
    throw new CalendarInputError(`${what}「${hhmm}」应为 HH:MM（00:00—24:00）`);
  return minutes;
}
