import {
  CalendarInputError,
  CalendarNotCoveredError,
  civilDateOf,
  dueAt,
  officialCalendarData,
  WorkCalendar,
  yearsWithSpringFestival,
} from '../../../runtime/calendar';

const official = WorkCalendar.official();
const covered = official.coveredYears;
const firstYear = covered[0]!;
const lastYear = covered[covered.length - 1]!;

describe('RUN-6 the official calendar and what it covers', () => {
  test('chinese-days holds the State Council arrangements of 2004 to at least 2026, without gaps', () => {
    expect(firstYear).toBe(2004);
    expect(lastYear).toBeGreaterThanOrEqual(2026);
    expect(covered).toEqual(Array.from({ length: lastYear - 2003 }, (_, i) => 2004 + i));
    expect(officialCalendarData().coveredYears).toEqual(covered);
  });

  test('a year counts as covered by its Spring Festival, not by a stray late-December date', () => {
    expect(
      yearsWithSpringFestival({
        '2018-12-30': "New Year's Day,元旦,1",
        '2019-02-05': 'Spring Festival,春节,4',
      }),
    ).toEqual([2019]);
  });

  test('holidays, adjusted workdays and weekends are told apart, with their names', () => {
    expect(official.day('2025-10-01')).toEqual({
      date: '2025-10-01',
      working: false,
      source: 'official',
      name: '国庆节',
    });
    // 2025-10-11 is a Saturday the State Council made a working day (调休上班).
    expect(official.day('2025-10-11')).toEqual({
      date: '2025-10-11',
      working: true,
      source: 'official',
      name: '国庆节',
    });
    expect(official.day('2025-10-18')).toMatchObject({ working: false, source: 'weekend' });
    expect(official.day('2025-10-20')).toMatchObject({ working: true, source: 'weekday' });
  });

  test('a year the data does not cover is refused, naming the year, never guessed as Monday–Friday', () => {
    const later = `${lastYear + 1}-03-02`;
    expect(() => official.isWorkingDay(later)).toThrow(CalendarNotCoveredError);
    expect(() => official.isWorkingDay(later)).toThrow(`${lastYear + 1} 年的节假日和调休安排`);
    expect(() => official.isWorkingDay('2003-06-02')).toThrow('2003 年');
    try {
      official.isWorkingDay(later);
    } catch (e) {
      expect(e).toMatchObject({ year: lastYear + 1, coveredYears: covered });
      expect((e as Error).message).toContain(`现有 2004—${lastYear} 年的数据`);
    }
  });

  test('a deadline that runs into an uncovered year is refused', () => {
    const run = {
      start: `${lastYear}-12-28T10:00:00+08:00`,
      limit: { value: 5, unit: 'workingDays' as const },
    };
    expect(() => dueAt(official, run)).toThrow(CalendarNotCoveredError);
  });

  test('a county that enters a year itself and declares it covered may count in it', () => {
    const year = lastYear + 1;
    const county = WorkCalendar.official([
      { year, covered: true, reason: '国务院办公厅已发布该年节假日安排，本县先行录入' },
      { date: `${year}-01-01`, kind: 'holiday', reason: '元旦' },
    ]);
    expect(county.covers(year)).toBe(true);
    expect(county.coveredYears.at(-1)).toBe(year);
    expect(county.day(`${year}-01-01`)).toMatchObject({ working: false, source: 'county' });
    // Days the county did not enter fall back to Monday–Friday.
    const monday = [1, 2, 3, 4, 5, 6, 7]
      .map((d) => `${year}-02-0${d}`)
      .find((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 1)!;
    expect(county.day(monday)).toMatchObject({ working: true, source: 'weekday' });
    expect(() =>
      dueAt(county, {
        start: `${lastYear}-12-28T10:00:00+08:00`,
        limit: { value: 5, unit: 'workingDays' },
      }),
    ).not.toThrow();
  });

  test('a county override of a single day does not make its year covered', () => {
    const year = lastYear + 1;
    const county = WorkCalendar.official([
      { date: `${year}-01-05`, kind: 'holiday', reason: '本县调整' },
    ]);
    expect(() => county.day(`${year}-01-05`)).toThrow(CalendarNotCoveredError);
  });

  test('county overrides win over the national data in both directions', () => {
    const county = WorkCalendar.official([
      { date: '2025-09-29', kind: 'holiday', reason: '台风过境，县政府通知停止办公' },
      { date: '2025-10-18', kind: 'workday', reason: '县政府通知周六集中办公' },
    ]);
    expect(county.day('2025-09-29')).toEqual({
      date: '2025-09-29',
      working: false,
      source: 'county',
      name: '台风过境，县政府通知停止办公',
    });
    expect(county.isWorkingDay('2025-10-18')).toBe(true);
  });

  test.each([
    ['a malformed date', [{ date: '2025-9-29', kind: 'holiday', reason: '台风' }], 'YYYY-MM-DD'],
    ['an impossible date', [{ date: '2025-02-30', kind: 'holiday', reason: '台风' }], '有效日期'],
    ['no reason', [{ date: '2025-09-29', kind: 'holiday', reason: ' ' }], '须写明原因'],
    ['an unknown kind', [{ date: '2025-09-29', kind: 'half', reason: '台风' }], 'workday'],
    [
      'the same day twice',
      [
        { date: '2025-09-29', kind: 'holiday', reason: '台风' },
        { date: '2025-09-29', kind: 'workday', reason: '补班' },
      ],
      '重复调整',
    ],
    ['a year out of range', [{ year: 1899, covered: true, reason: '录入' }], '覆盖年份'],
  ])('overrides with %s are refused', (_name, overrides, message) => {
    expect(() => WorkCalendar.official(overrides as never)).toThrow(CalendarInputError);
    expect(() => WorkCalendar.official(overrides as never)).toThrow(message);
  });

  test('civil dates are Asia/Shanghai whatever the host time zone is', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Shanghai']) {
        process.env.TZ = tz;
        // 17:30 UTC is 01:30 the next day in Shanghai.
        expect(civilDateOf('2025-09-27T17:30:00Z')).toBe('2025-09-28');
        expect(civilDateOf(new Date('2025-09-28T15:59:59.999Z'))).toBe('2025-09-28');
        expect(civilDateOf(new Date('2025-09-28T16:00:00Z'))).toBe('2025-09-29');
        expect(
          dueAt(official, {
            start: '2025-09-27T17:30:00Z',
            limit: { value: 5, unit: 'workingDays' },
          })?.toISOString(),
        ).toBe('2025-10-11T16:00:00.000Z');
      }
    } finally {
      process.env.TZ = saved;
      if (saved === undefined) delete process.env.TZ;
    }
  });
});
