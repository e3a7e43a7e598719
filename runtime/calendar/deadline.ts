import type { LimitUnit } from '../catalog/item';
import { civilDateOf, startOfDay, toMillis, type CivilDate } from './civil-date';
import { resolveRules, type CountingRules, type ResolvedRules } from './counting-rules';
import { endOfCountedTime, lastDay } from './counting';
import { checkLimit, type LimitRun } from './limit-run';
import { mergePauses, pausedDays, type PausedDays, type PauseSpan } from './pauses';
import type { WorkCalendar } from './work-calendar';

/** Everything a computation needs, checked once. */
export interface PreparedRun {
  start: number;
  startDay: CivilDate;
  unit: LimitUnit;
  value: number;
  spans: PauseSpan[];
  paused: PausedDays[];
  rules: ResolvedRules;
  /** The due instant in epoch ms, or null while an open pause stops the clock. */
  due: number | null;
  /** For limits in days: the last day of the limit. */
  dueDay: CivilDate | null;
}

export function prepareRun(
  calendar: WorkCalendar,
  run: LimitRun,
  rules?: Partial<CountingRules>,
): PreparedRun {
  checkLimit(run.limit);
  const resolved = resolveRules(rules);
  const start = toMillis(run.start, '开始时间');
  const startDay = civilDateOf(new Date(start));
  const spans = mergePauses(run.pauses);
  const paused = pausedDays(spans);
  const { unit, value } = run.limit;
  if (unit === 'hours') {
    const due = endOfCountedTime(calendar, start, Math.round(value * 60) * 60_000, spans, resolved);
    return { start, startDay, unit, value, spans, paused, rules: resolved, due, dueDay: null };
  }
  const dueDay = lastDay(calendar, startDay, paused, unit, value);
  const due = dueDay === null ? null : startOfDay(dueDay) + resolved.dayEndMinutes * 60_000;
  return { start, startDay, unit, value, spans, paused, rules: resolved, due, dueDay };
}

/**
 * When a limit runs out (RUN-6), or null while an open pause stops the clock. A limit of n
 * working days from acceptance on day D ends at `dayEndsAt` (24:00 by default) of the nth working
 * day after D; days touched by a pause do not count. Throws CalendarNotCoveredError when a day it
 * needs lies in a year the calendar does not cover.
 */
export function dueAt(
  calendar: WorkCalendar,
  run: LimitRun,
  rules?: Partial<CountingRules>,
): Date | null {
  const { due } = prepareRun(calendar, run, rules);
  return due === null ? null : new Date(due);
}
