import { minutesOfDay } from './civil-date';
import { CalendarInputError } from './errors';

export interface OfficePeriod {
  /** `HH:MM`, Asia/Shanghai. */
  from: string;
  to: string;
}

/** How a limit is counted; every county may set its own, the defaults are documented below. */
export interface CountingRules {
  /**
   * When the last day of a day-counted limit ends. `24:00` by default: 民法典第二百零三条 puts
   * the end of a period's last day at 24:00. A county that wants the office's closing time
   * (the same article's 有业务时间的，停止业务活动的时间为截止时间) sets e.g. `17:30`.
   */
  dayEndsAt: string;
  /**
   * How a limit in hours runs: `office` counts only office hours on working days (a window's
   * "2 小时办结" promise cannot run out at night); `wallClock` counts every hour.
   */
  hours: 'office' | 'wallClock';
  /** Office hours on a working day, in order, not overlapping. */
  officeHours: readonly OfficePeriod[];
}

export const DEFAULT_COUNTING_RULES: Readonly<CountingRules> = Object.freeze({
  dayEndsAt: '24:00',
  hours: 'office',
  officeHours: Object.freeze([
    { from: '08:30', to: '12:00' },
    { from: '14:00', to: '17:30' },
  ]),
});

/** Rules with minutes resolved, checked once per computation. */
export interface ResolvedRules {
  dayEndMinutes: number;
  hours: 'office' | 'wallClock';
  /** [from, to) in minutes after midnight. */
  office: ReadonlyArray<readonly [number, number]>;
}

export function resolveRules(rules: Partial<CountingRules> = {}): ResolvedRules {
  const r = { ...DEFAULT_COUNTING_RULES, ...rules };
  const dayEndMinutes = minutesOfDay(r.dayEndsAt, '期限截止时刻');
  if (dayEndMinutes === 0) throw new CalendarInputError('期限截止时刻不能是 00:00');
  if (r.hours !== 'office' && r.hours !== 'wallClock')
    throw new CalendarInputError(`小时计时方式「${String(r.hours)}」应为 office 或 wallClock`);
  const office = r.officeHours.map((p) => {
    const span = [minutesOfDay(p.from, '办公时间'), minutesOfDay(p.to, '办公时间')] as const;
    if (span[0] >= span[1])
      throw new CalendarInputError(`办公时间 ${p.from}—${p.to} 的结束应晚于开始`);
    return span;
  });
  if (r.hours === 'office' && !office.length) throw new CalendarInputError('未设定办公时间');
  for (let i = 1; i < office.length; i++) {
    if (office[i]![0] < office[i - 1]![1])
      throw new CalendarInputError('办公时间段应按时间先后排列且互不重叠');
  }
  return { dayEndMinutes, hours: r.hours, office };
}
