import { civilDateOf, toMillis, type Instant } from './civil-date';
import { countDays } from './counting';
import { mergePauses, pausedDays, type Pause } from './pauses';
import type { WorkCalendar } from './work-calendar';

/**
 * Working days used between two instants, counted as limits are (RUN-6): the start day does not
 * count, days touched by a pause do not count. What supervision's durations read (SUP-6), so
 * that a duration and a limit are measured the same way.
 */
export function workingDaysElapsed(
  calendar: WorkCalendar,
  from: Instant,
  to: Instant,
  pauses: readonly Pause[] = [],
): number {
  const start = civilDateOf(from);
  const end = civilDateOf(to);
  if (end <= start) return 0;
  // Only what lies before `to` is measured: later pauses drop out, one still open closes there.
  const until = toMillis(to);
  const closed = pauses
    .filter((p) => toMillis(p.from) < until)
    .map((p) => (p.to && toMillis(p.to) <= until ? p : { ...p, to: new Date(until) }));
  return countDays(calendar, start, end, pausedDays(mergePauses(closed)), 'workingDays');
}
