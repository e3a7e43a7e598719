import type { LimitUnit } from '../catalog/item';
import { civilDateOf, toMillis, type Instant } from './civil-date';
import type { CountingRules } from './counting-rules';
import { countDays, countedTime } from './counting';
import { prepareRun, type PreparedRun } from './deadline';
import { CalendarInputError } from './errors';
import { isOpen } from './pauses';
import type { LimitRun } from './limit-run';
import type { WorkCalendar } from './work-calendar';

export type LimitState = 'normal' | 'warning' | 'overdue';

/**
 * When a running limit turns yellow (SUP-2): at most `atMost` left in the limit's own unit, or at
 * most `fraction` of the whole limit left, whichever comes first.
 */
export interface WarningThreshold {
  atMost: number;
  fraction: number;
}

export const DEFAULT_WARNING: Readonly<WarningThreshold> = Object.freeze({
  atMost: 1,
  fraction: 0.2,
});

export interface RemainingTime {
  unit: LimitUnit;
  limit: number;
  /**
   * What is left in the limit's unit; negative when overdue. Days are whole counting days after
   * today up to the last day (0 = the last day is today); once overdue, minus the counting days
   * since the last day. Hours are counted hours, to the minute.
   */
  remaining: number;
  /** The due instant; null while an open pause stops the clock. */
  due: Date | null;
  /** An open pause stops the clock now; `remaining` stays where it was. */
  stopped: boolean;
  state: LimitState;
}

const negate = (n: number) => (n === 0 ? 0 : -n);

function remainingDays(calendar: WorkCalendar, p: PreparedRun, now: number): number {
  const mode = p.unit === 'hours' ? 'workingDays' : p.unit;
  const today = civilDateOf(new Date(now));
  if (p.due === null) {
    return Math.max(0, p.value - countDays(calendar, p.startDay, today, p.paused, mode));
  }
  const dueDay = p.dueDay!;
  if (now >= p.due) return negate(countDays(calendar, dueDay, today, p.paused, mode));
  if (today >= dueDay) return 0;
  return countDays(calendar, today < p.startDay ? p.startDay : today, dueDay, p.paused, mode);
}

function remainingHours(calendar: WorkCalendar, p: PreparedRun, now: number): number {
  const used = now > p.start ? countedTime(calendar, p.start, now, p.spans, p.rules) : 0;
  return (Math.round(p.value * 60) - Math.round(used / 60_000)) / 60;
}

function stateOf(p: PreparedRun, now: number, left: number, warning: WarningThreshold): LimitState {
  if (p.due !== null && now >= p.due) return 'overdue';
  return left <= warning.atMost || left <= warning.fraction * p.value ? 'warning' : 'normal';
}

/**
 * How much of a limit is left at `now`, and whether it is normal, nearly used up (yellow card) or
 * overdue (red card) — RUN-6, read by supervision (SUP-2).
 */
export function remaining(
  calendar: WorkCalendar,
  run: LimitRun,
  now: Instant,
  options: { rules?: Partial<CountingRules>; warning?: Partial<WarningThreshold> } = {},
): RemainingTime {
  const warning = { ...DEFAULT_WARNING, ...options.warning };
  if (!(warning.atMost >= 0) || !(warning.fraction >= 0 && warning.fraction <= 1))
    throw new CalendarInputError('预警阈值应为非负数，比例在 0 与 1 之间');
  const p = prepareRun(calendar, run, options.rules);
  const at = toMillis(now, '当前时间');
  const left =
    p.unit === 'hours' ? remainingHours(calendar, p, at) : remainingDays(calendar, p, at);
  return {
    unit: p.unit,
    limit: p.value,
    remaining: left,
    due: p.due === null ? null : new Date(p.due),
    stopped: isOpen(p.spans),
    state: stateOf(p, at, left, warning),
  };
}
