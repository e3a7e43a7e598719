import { checkCivilDate, weekdayOf, yearOf, type CivilDate } from './civil-date';
import { CalendarInputError, CalendarNotCoveredError } from './errors';
import { officialCalendarData, type OfficialCalendarData } from './official-data';
import { withOfficialYears, type OfficialYear } from './official-years';

/** A county's change to one day: a typhoon closure, a local holiday, an extra working day. */
export interface DayOverride {
  date: CivilDate;
  kind: 'workday' | 'holiday';
  reason: string;
}

/**
 * The county declares that it has entered a year's holidays and adjusted workdays itself (as day
 * overrides), typically because the State Council's notice is out and chinese-days has not yet
 * caught up. Days of that year with no entry of either kind are then Monday–Friday workdays.
 */
export interface YearCoverage {
  year: number;
  covered: true;
  reason: string;
}

/** What the server stores per county and passes in. */
export type CalendarOverride = DayOverride | YearCoverage;

export interface CalendarDay {
  date: CivilDate;
  working: boolean;
  /** Which rule decided: a county override, the State Council's notice, or the day of the week. */
  source: 'county' | 'official' | 'weekday' | 'weekend';
  /** The holiday's name (中文) or the county's reason. */
  name?: string;
}

const isYearCoverage = (o: CalendarOverride): o is YearCoverage => 'year' in o;

function checkReason(reason: unknown, what: string): void {
  if (typeof reason !== 'string' || !reason.trim())
    throw new CalendarInputError(`${what}须写明原因`);
}

/**
 * Working days on the official calendar with a county's overrides (RUN-6). County entries win
 * over the national data; a year neither the data nor the county covers is refused.
 */
export class WorkCalendar {
  readonly coveredYears: readonly number[];
  private readonly covered: ReadonlySet<number>;
  private readonly county = new Map<CivilDate, DayOverride>();

  constructor(
    private readonly official: OfficialCalendarData,
    overrides: readonly CalendarOverride[] = [],
  ) {
    const years = new Set(official.coveredYears);
    for (const o of overrides) {
      if (isYearCoverage(o)) {
        if (!Number.isInteger(o.year) || o.year < 1992 || o.year > 2200 || o.covered !== true)
          throw new CalendarInputError(`覆盖年份「${String(o.year)}」无效`);
        checkReason(o.reason, `声明 ${o.year} 年已覆盖`);
        years.add(o.year);
        continue;
      }
      checkCivilDate(o.date, '本县调整的日期');
      if (o.kind !== 'workday' && o.kind !== 'holiday')
        throw new CalendarInputError(`${o.date} 的调整类型应为 workday 或 holiday`);
      checkReason(o.reason, `${o.date} 的调整`);
      if (this.county.has(o.date)) throw new CalendarInputError(`${o.date} 重复调整`);
      this.county.set(o.date, o);
    }
    this.covered = years;
    this.coveredYears = Object.freeze([...years].sort((a, b) => a - b));
  }

  /**
   * The national calendar from chinese-days, with the years administrators entered from the
   * State Council's notices laid over it (a stored year wins), and the county's overrides.
   */
  static official(
    overrides: readonly CalendarOverride[] = [],
    years: readonly OfficialYear[] = [],
  ): WorkCalendar {
    return new WorkCalendar(withOfficialYears(officialCalendarData(), years), overrides);
  }

  covers(year: number): boolean {
    return this.covered.has(year);
  }

  /** Throws CalendarNotCoveredError unless the date's year is covered. */
  assertCovered(date: CivilDate): void {
    const year = yearOf(date);
    if (!this.covered.has(year)) throw new CalendarNotCoveredError(year, this.coveredYears);
  }

  day(date: CivilDate): CalendarDay {
    checkCivilDate(date);
    this.assertCovered(date);
    const local = this.county.get(date);
    if (local) {
      return { date, working: local.kind === 'workday', source: 'county', name: local.reason };
    }
    const adjusted = this.official.workdays[date];
    if (adjusted) return { date, working: true, source: 'official', name: chineseName(adjusted) };
    const holiday = this.official.holidays[date];
    if (holiday) return { date, working: false, source: 'official', name: chineseName(holiday) };
    const weekday = weekdayOf(date);
    return weekday === 0 || weekday === 6
      ? { date, working: false, source: 'weekend' }
      : { date, working: true, source: 'weekday' };
  }

  isWorkingDay(date: CivilDate): boolean {
    return this.day(date).working;
  }
}

/** "National Day,国庆节,3" → "国庆节". */
function chineseName(value: string): string {
  return value.split(',')[1] ?? value;
}
