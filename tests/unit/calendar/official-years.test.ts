import { getLunarFestivals, getSolarTermDate } from 'chinese-days';
import fs from 'node:fs';
import path from 'node:path';
import {
  CalendarNotCoveredError,
  dueAt,
  festivalProblems,
  fromFestivals,
  fromHolidayCn,
  noticeRange,
  officialCalendarData,
  officialYearProblems,
  WorkCalendar,
  withOfficialYears,
  type HolidayCnFile,
  weekdayOf,
  type OfficialYear,
} from '../../../runtime/calendar';

const demo = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../seeds/calendar-2027-demo.json'), 'utf8'),
) as HolidayCnFile;

const y2027: OfficialYear = {
  year: 2027,
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-01-02', name: '元旦' },
    { date: '2027-01-03', name: '元旦' },
    { date: '2027-02-06', name: '春节' },
  ],
  workdays: [{ date: '2027-01-31', name: '春节' }],
};

describe('RUN-6 years imported from the State Council notices', () => {
  test('a stored year makes its year covered and its days count as official', () => {
    expect(() => WorkCalendar.official().day('2027-01-01')).toThrow(CalendarNotCoveredError);
    const calendar = WorkCalendar.official([], [y2027]);
    expect(calendar.covers(2027)).toBe(true);
    expect(calendar.coveredYears.at(-1)).toBe(2027);
    expect(calendar.day('2027-01-01')).toEqual({
      date: '2027-01-01',
      working: false,
      source: 'official',
      name: '元旦',
    });
    // Sunday 2027-01-31 is an adjusted working day; an ordinary Monday stays a weekday.
    expect(calendar.day('2027-01-31')).toMatchObject({ working: true, source: 'official' });
    expect(calendar.day('2027-01-04')).toMatchObject({ working: true, source: 'weekday' });
    expect(() => calendar.day('2028-01-03')).toThrow(CalendarNotCoveredError);
  });

  test('a deadline from late December runs into the imported January and skips 元旦', () => {
    const run = {
      start: '2026-12-20T01:00:00Z',
      limit: { value: 10, unit: 'workingDays' as const },
      pauses: [],
    };
    expect(() => dueAt(WorkCalendar.official(), run)).toThrow(CalendarNotCoveredError);
    expect(dueAt(WorkCalendar.official([], [y2027]), run)?.toISOString()).toBe(
      '2027-01-04T16:00:00.000Z',
    );
  });

  test('a stored year wins over the package for the same year, including its December 元旦', () => {
    // The package has National Day 2025 on 10-01…10-08 and 2024-12-?? nothing for 2025's notice.
    const corrected: OfficialYear = {
      year: 2025,
      holidays: [
        { date: '2025-01-28', name: '春节' },
        { date: '2025-10-01', name: '国庆节' },
      ],
      workdays: [],
    };
    const base = WorkCalendar.official();
    const calendar = WorkCalendar.official([], [corrected]);
    expect(base.day('2025-10-08').working).toBe(false);
    expect(calendar.day('2025-10-08')).toMatchObject({ working: true, source: 'weekday' });
    expect(calendar.day('2025-10-11')).toMatchObject({ working: false, source: 'weekend' });
    // Other years keep the package's data.
    expect(calendar.day('2024-10-07')).toEqual(base.day('2024-10-07'));

    // 2018-12-29…31 belong to the 2019 notice: replacing 2018 keeps them, replacing 2019 drops them.
    const data = officialCalendarData();
    expect(data.workdays['2018-12-29']).toBeDefined();
    const replaced2018 = withOfficialYears(data, [
      { year: 2018, holidays: [{ date: '2018-02-16', name: '春节' }], workdays: [] },
    ]);
    expect(replaced2018.workdays['2018-12-29']).toBe(data.workdays['2018-12-29']);
    expect(replaced2018.holidays['2018-10-01']).toBeUndefined();
    const replaced2019 = withOfficialYears(data, [
      { year: 2019, holidays: [{ date: '2019-02-05', name: '春节' }], workdays: [] },
    ]);
    expect(replaced2019.workdays['2018-12-29']).toBeUndefined();
    expect(replaced2019.holidays['2018-12-31']).toBeUndefined();
    expect(replaced2019.holidays['2018-10-01']).toBe(data.holidays['2018-10-01']);
  });

  test('without stored years the package data is used as it is', () => {
    expect(withOfficialYears(officialCalendarData(), [])).toBe(officialCalendarData());
  });

  test('problems are named: bad dates, out of range, names, duplicates, no 春节, size', () => {
    expect(officialYearProblems(y2027)).toEqual([]);
    expect(noticeRange(2027)).toEqual({ from: '2026-12-17', to: '2028-01-15' });
    const bad: OfficialYear = {
      year: 2027,
      holidays: [
        { date: '2027-02-30', name: '春节' },
        { date: '2026-10-01', name: '国庆节' },
        { date: '2027-10-01', name: '' },
        { date: '2027-10-02', name: '国庆,中秋' },
      ],
      workdays: [{ date: '2027-10-02', name: '国庆节' }],
    };
    const problems = officialYearProblems(bad);
    expect(problems).toEqual([
      '放假日期「2027-02-30」应为 YYYY-MM-DD 格式的有效日期',
      '放假 2026-10-01 不在 2027 年通知的范围内（2026-12-17 至 2028-01-15）',
      '放假 2027-10-01 缺少节日名称',
      '放假 2027-10-02 的节日名称「国庆,中秋」应为不含逗号的 20 字以内',
      '2027-10-02 重复出现（放假、调休上班）',
      '没有 2027 年的春节放假安排：每年的通知都有春节，请核对文件',
    ]);
    expect(officialYearProblems({ ...y2027, year: 1999 })).toEqual([
      '年份「1999」应为 2004—2200 之间的整数',
    ]);
    const many = {
      ...y2027,
      workdays: Array.from({ length: 80 }, (_, i) => ({
        date: `2027-0${1 + (i % 9)}-10`,
        name: 'x',
      })),
    };
    expect(officialYearProblems(many)[0]).toBe('共 84 天，超过一份通知可能有的 80 天');
  });

  test('a holiday-cn file and the festival form give the same arrangement', () => {
    const fromFile = fromHolidayCn({
      year: 2027,
      papers: [],
      days: [
        { name: '春节', date: '2027-01-31', isOffDay: false },
        { name: '春节', date: '2027-02-05', isOffDay: true },
        { name: '春节', date: '2027-02-06', isOffDay: true },
        { name: '春节', date: '2027-02-07', isOffDay: true },
      ],
    });
    const fromForm = fromFestivals(2027, [
      { name: '春节', offFrom: '2027-02-05', offTo: '2027-02-07', workdays: ['2027-01-31'] },
    ]);
    expect(fromForm).toEqual(fromFile);
    expect(
      festivalProblems([
        { name: '春节', offFrom: '2027-02-07', offTo: '2027-02-05', workdays: ['2027-02-01'] },
      ]),
    ).toEqual([
      '春节 的放假结束日期早于开始日期',
      '春节 的调休上班日 2027-02-01 本来就是工作日（周一至周五）',
    ]);
  });

  test('the demo 2027 file of the seed is a sound arrangement with 春节 on the lunar new year', () => {
    const year = fromHolidayCn(demo);
    expect(officialYearProblems(year)).toEqual([]);
    const names = (date: string) => year.holidays.find((d) => d.date === date)?.name;
    // The festivals' dates from chinese-days' lunar calendar and solar terms, not from memory.
    const lunar = (festival: string) =>
      getLunarFestivals('2027-01-01', '2027-12-31').find((f) => f.name.includes(festival))!.date;
    const dates = {
      春节: lunar('春节'),
      清明节: getSolarTermDate(2027, 4, 'pure_brightness'),
      端午节: lunar('端午节'),
      中秋节: lunar('中秋节'),
    };
    expect(dates).toEqual({
      春节: '2027-02-06',
      清明节: '2027-04-05',
      端午节: '2027-06-09',
      中秋节: '2027-09-15',
    });
    for (const [name, date] of Object.entries(dates)) expect(names(date)).toBe(name);
    expect(names(lunar('除夕'))).toBe('春节');
    expect(names('2027-10-01')).toBe('国庆节');
    // Every adjusted working day is a Saturday or Sunday.
    for (const w of year.workdays) expect([0, 6]).toContain(weekdayOf(w.date));
  });
});
