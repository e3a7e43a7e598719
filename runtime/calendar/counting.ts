import { addDays, civilDateOf, startOfDay, type CivilDate } from './civil-date';
import type { ResolvedRules } from './counting-rules';
import { CalendarInputError } from './errors';
import { isPausedDay, type PausedDays, type PauseSpan } from './pauses';
import type { WorkCalendar } from './work-calendar';

/** Bounds every walk along the calendar (a century), so no input can make one run forever. */
const MAX_DAYS_WALKED = 36_600;
const MINUTE_MS = 60_000;

function tooFar(): never {
  throw new CalendarInputError('期限计算跨越了一百年以上，请检查开始时间与暂停记录');
}

/**
 * The days that count towards a limit in days, in order, after `startDay` and up to `until`
 * (inclusive). The start day itself never counts: 民法典第二百零一条, "开始的当日不计入，自下一日
 * 开始计算". Paused days never count; the walk ends where an open pause begins.
 */
export function* countingDays(
  calendar: WorkCalendar,
  startDay: CivilDate,
  paused: readonly PausedDays[],
  mode: 'workingDays' | 'naturalDays',
  until?: CivilDate,
): Generator<CivilDate> {
  const open = paused.find((p) => p.last === undefined);
  let d = startDay;
  for (let i = 0; i < MAX_DAYS_WALKED; i++) {
    d = addDays(d, 1);
    if (until !== undefined && d > until) return;
    if (open && d >= open.first) return;
    if (isPausedDay(paused, d)) continue;
    if (mode === 'naturalDays' || calendar.isWorkingDay(d)) yield d;
  }
  tooFar();
}

/**
 * The last day of a limit of `n` days, or null when an open pause stops the clock first.
 * Working days: the nth counting working day. Natural days: the nth counting day, moved on to the
 * next working day when it falls on a day off (民法典第二百零三条: "期间的最后一日是法定休假日的，
 * 以法定休假日结束的次日为期间的最后一日").
 */
export function lastDay(
  calendar: WorkCalendar,
  startDay: CivilDate,
  paused: readonly PausedDays[],
  mode: 'workingDays' | 'naturalDays',
  n: number,
): CivilDate | null {
  let count = 0;
  for (const d of countingDays(calendar, startDay, paused, mode)) {
    if (count < n) count++;
    if (count === n && (mode === 'workingDays' || calendar.isWorkingDay(d))) return d;
  }
  return null;
}

/** Counting days in (after, upTo]. */
export function countDays(
  calendar: WorkCalendar,
  after: CivilDate,
  upTo: CivilDate,
  paused: readonly PausedDays[],
  mode: 'workingDays' | 'naturalDays',
): number {
  let count = 0;
  for (const _ of countingDays(calendar, after, paused, mode, upTo)) count++;
  return count;
}

/** [from, to) minus the pauses, in order. */
function* minusPauses(from: number, to: number, pauses: readonly PauseSpan[]) {
  let t = from;
  for (const p of pauses) {
    if (p.to <= t) continue;
    if (p.from >= to) break;
    if (p.from > t) yield [t, p.from] as const;
    t = Math.max(t, p.to);
    if (t >= to) return;
  }
  if (t < to) yield [t, to] as const;
}

/**
 * The stretches of time that count towards a limit in hours, from `start`, in order, up to
 * `until`. Office mode: office hours of working days; wall-clock mode: all time. Pauses are cut
 * out to the minute, not by whole days: an hours limit is short, a lost day would swallow it.
 */
export function* countedSpans(
  calendar: WorkCalendar,
  start: number,
  pauses: readonly PauseSpan[],
  rules: ResolvedRules,
  until = Infinity,
): Generator<readonly [number, number]> {
  if (rules.hours === 'wallClock') {
    yield* minusPauses(start, until, pauses);
    return;
  }
  const last = pauses[pauses.length - 1];
  const openFrom = last && last.to === Infinity ? last.from : Infinity;
  let d = civilDateOf(new Date(start));
  for (let i = 0; i < MAX_DAYS_WALKED; i++) {
    const dayStart = startOfDay(d);
    if (dayStart >= until || dayStart >= openFrom) return;
    if (calendar.isWorkingDay(d)) {
      for (const [a, b] of rules.office) {
        const from = Math.max(dayStart + a * MINUTE_MS, start);
        const to = Math.min(dayStart + b * MINUTE_MS, until);
        if (from < to) yield* minusPauses(from, to, pauses);
      }
    }
    d = addDays(d, 1);
  }
  tooFar();
}

/** The instant `ms` of counted time after `start` is used up, or null if the clock stopped. */
export function endOfCountedTime(
  calendar: WorkCalendar,
  start: number,
  ms: number,
  pauses: readonly PauseSpan[],
  rules: ResolvedRules,
): number | null {
  let need = ms;
  for (const [from, to] of countedSpans(calendar, start, pauses, rules)) {
    if (to - from >= need) return from + need;
    need -= to - from;
  }
  return null;
}

/** Counted milliseconds between `start` and `until`. */
export function countedTime(
  calendar: WorkCalendar,
  start: number,
  until: number,
  pauses: readonly PauseSpan[],
  rules: ResolvedRules,
): number {
  let sum = 0;
  for (const [from, to] of countedSpans(calendar, start, pauses, rules, until)) sum += to - from;
  return sum;
}
