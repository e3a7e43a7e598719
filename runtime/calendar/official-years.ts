import { addDays, isCivilDate, weekdayOf, yearOf, type CivilDate } from './civil-date';
import type { OfficialCalendarData } from './official-data';

/** One day of a notice: a day off or an adjusted working day, with its festival's name. */
export interface OfficialDay {
  date: CivilDate;
  /** The festival in Chinese: 元旦, 春节, 清明节 … */
  name: string;
}

/**
 * A year's arrangement as an administrator entered it from the State Council's notice
 * (国务院办公厅关于部分节假日安排的通知), when the package does not have it yet (RUN-6).
 */
export interface OfficialYear {
  year: number;
  /** Days off, weekends inside a holiday included. */
  holidays: readonly OfficialDay[];
  /** Adjusted working days (调休上班). */
  workdays: readonly OfficialDay[];
}

/** Days a notice may carry before 1 January or after 31 December (元旦 moved into December). */
export const ADJOINING_DAYS = 15;
/** More than any notice has ever had (about 35 days in all); a larger file is not a notice. */
export const MAX_NOTICE_DAYS = 80;
export const MIN_NOTICE_YEAR = 2004;
export const MAX_NOTICE_YEAR = 2200;

/** The dates a notice for `year` may name: the year and a few days either side. */
export function noticeRange(year: number): { from: CivilDate; to: CivilDate } {
  return {
    from: addDays(`${year}-01-01`, -ADJOINING_DAYS),
    to: addDays(`${year}-12-31`, ADJOINING_DAYS),
  };
}

/**
 * What is wrong with an arrangement, in Chinese, one line per problem; empty when it is sound.
 * Checked: the year, each date (valid, inside the notice's range), each name, no date twice,
 * a Spring Festival day off in the year, and the size.
 */
export function officialYearProblems(y: OfficialYear): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(y.year) || y.year < MIN_NOTICE_YEAR || y.year > MAX_NOTICE_YEAR) {
    return [`年份「${String(y.year)}」应为 ${MIN_NOTICE_YEAR}—${MAX_NOTICE_YEAR} 之间的整数`];
  }
  const total = y.holidays.length + y.workdays.length;
  if (total > MAX_NOTICE_DAYS)
    problems.push(`共 ${total} 天，超过一份通知可能有的 ${MAX_NOTICE_DAYS} 天`);
  const { from, to } = noticeRange(y.year);
  const seen = new Map<string, string>();
  const check = (d: OfficialDay, kind: string) => {
    if (typeof d.date !== 'string' || !isCivilDate(d.date)) {
      problems.push(`${kind}日期「${String(d.date)}」应为 YYYY-MM-DD 格式的有效日期`);
      return;
    }
    if (d.date < from || d.date > to)
      problems.push(`${kind} ${d.date} 不在 ${y.year} 年通知的范围内（${from} 至 ${to}）`);
    const name = typeof d.name === 'string' ? d.name.trim() : '';
    if (!name) problems.push(`${kind} ${d.date} 缺少节日名称`);
    else if (name.length > 20 || /[,，]/.test(name))
      problems.push(`${kind} ${d.date} 的节日名称「${name}」应为不含逗号的 20 字以内`);
    const before = seen.get(d.date);
    if (before) problems.push(`${d.date} 重复出现（${before}、${kind}）`);
    else seen.set(d.date, kind);
  };
  for (const d of y.holidays) check(d, '放假');
  for (const d of y.workdays) check(d, '调休上班');
  const spring = y.holidays.some(
    (d) =>
      typeof d.name === 'string' &&
      d.name.includes('春节') &&
      isCivilDate(d.date) &&
      yearOf(d.date) === y.year,
  );
  if (!spring) problems.push(`没有 ${y.year} 年的春节放假安排：每年的通知都有春节，请核对文件`);
  return problems;
}

/** A holiday-cn file (github.com/NateScarlet/holiday-cn): `{ year, papers, days }`. */
export interface HolidayCnFile {
  year: number;
  papers?: readonly string[];
  days: readonly { name: string; date: string; isOffDay: boolean }[];
}

export function fromHolidayCn(file: HolidayCnFile): OfficialYear {
  return {
    year: file.year,
    holidays: file.days.filter((d) => d.isOffDay).map((d) => ({ date: d.date, name: d.name })),
    workdays: file.days.filter((d) => !d.isOffDay).map((d) => ({ date: d.date, name: d.name })),
  };
}

/** One festival as the notice words it: days off from–to, and the Saturdays/Sundays worked. */
export interface FestivalEntry {
  name: string;
  offFrom: CivilDate;
  offTo: CivilDate;
  workdays: readonly CivilDate[];
}

/** The on-screen form's festivals as an arrangement; problems are left to officialYearProblems. */
export function fromFestivals(year: number, festivals: readonly FestivalEntry[]): OfficialYear {
  const holidays: OfficialDay[] = [];
  const workdays: OfficialDay[] = [];
  for (const f of festivals) {
    if (isCivilDate(f.offFrom) && isCivilDate(f.offTo)) {
      // A range backwards or longer than a month is a typo; officialYearProblems reports the rest.
      for (let d = f.offFrom, n = 0; d <= f.offTo && n < 31; d = addDays(d, 1), n++)
        holidays.push({ date: d, name: f.name });
    }
    for (const w of f.workdays) workdays.push({ date: w, name: f.name });
  }
  return { year, holidays, workdays };
}

/** Problems of the festival form that the merged days no longer show. */
export function festivalProblems(festivals: readonly FestivalEntry[]): string[] {
  const problems: string[] = [];
  for (const f of festivals) {
    if (!isCivilDate(f.offFrom) || !isCivilDate(f.offTo))
      problems.push(`${f.name} 的放假起止日期应为 YYYY-MM-DD`);
    else if (f.offTo < f.offFrom) problems.push(`${f.name} 的放假结束日期早于开始日期`);
    else if (addDays(f.offFrom, 30) < f.offTo) problems.push(`${f.name} 放假超过 31 天`);
    for (const w of f.workdays) {
      if (isCivilDate(w) && weekdayOf(w) !== 0 && weekdayOf(w) !== 6)
        problems.push(`${f.name} 的调休上班日 ${w} 本来就是工作日（周一至周五）`);
    }
  }
  return problems;
}

/**
 * The package's data with stored years laid over it: a stored year replaces what the package
 * has for that year's notice (its dates in the year, and a 元旦 moved into the December
 * before), so an administrator can also correct a year the package has wrong.
 */
export function withOfficialYears(
  base: OfficialCalendarData,
  years: readonly OfficialYear[],
): OfficialCalendarData {
  if (!years.length) return base;
  const holidays: Record<string, string> = { ...base.holidays };
  const workdays: Record<string, string> = { ...base.workdays };
  const stored = new Set(years.map((y) => y.year));
  const ofNotice = (date: string, value: string): number => {
    const y = yearOf(date);
    // "New Year's Day,元旦,1" on a December day belongs to the next year's notice.
    return date.slice(5, 7) === '12' && value.includes('元旦') ? y + 1 : y;
  };
  for (const map of [holidays, workdays]) {
    for (const [date, value] of Object.entries(map)) {
      if (stored.has(ofNotice(date, value))) delete map[date];
    }
  }
  for (const y of [...years].sort((a, b) => a.year - b.year)) {
    for (const d of y.holidays) {
      delete workdays[d.date];
      holidays[d.date] = d.name;
    }
    for (const d of y.workdays) {
      delete holidays[d.date];
      workdays[d.date] = d.name;
    }
  }
  const covered = new Set([...base.coveredYears, ...stored]);
  return Object.freeze({
    holidays: Object.freeze(holidays),
    workdays: Object.freeze(workdays),
    coveredYears: Object.freeze([...covered].sort((a, b) => a - b)),
  });
}
