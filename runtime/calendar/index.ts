/** Working-day deadlines on the official calendar with county overrides (RUN-6). */
export {
  civilDateOf,
  isCivilDate,
  addDays,
  weekdayOf,
  SHANGHAI_OFFSET_MS,
  type CivilDate,
  type Instant,
} from './civil-date';
export { CalendarInputError, CalendarNotCoveredError } from './errors';
export {
  officialCalendarData,
  yearsWithSpringFestival,
  type OfficialCalendarData,
} from './official-data';
export {
  ADJOINING_DAYS,
  MAX_NOTICE_DAYS,
  festivalProblems,
  fromFestivals,
  fromHolidayCn,
  noticeRange,
  officialYearProblems,
  withOfficialYears,
  type FestivalEntry,
  type HolidayCnFile,
  type OfficialDay,
  type OfficialYear,
} from './official-years';
export {
  WorkCalendar,
  type CalendarDay,
  type CalendarOverride,
  type DayOverride,
  type YearCoverage,
} from './work-calendar';
export { DEFAULT_COUNTING_RULES, type CountingRules, type OfficePeriod } from './counting-rules';
export type { Pause } from './pauses';
export { MAX_LIMIT_DAYS, MAX_LIMIT_HOURS, type LimitRun } from './limit-run';
export { dueAt } from './deadline';
export {
  DEFAULT_WARNING,
  remaining,
  type LimitState,
  type RemainingTime,
  type WarningThreshold,
} from './remaining';
export { workingDaysElapsed } from './elapsed';
