import type { TimeLimit } from '../../../runtime/catalog/item';
import {
  CalendarInputError,
  dueAt,
  WorkCalendar,
  type CountingRules,
  type Pause,
} from '../../../runtime/calendar';

const calendar = WorkCalendar.official();
const days = (value: number): TimeLimit => ({ value, unit: 'workingDays' });
const natural = (value: number): TimeLimit => ({ value, unit: 'naturalDays' });
const hours = (value: number): TimeLimit => ({ value, unit: 'hours' });
/** Shanghai wall time → the ISO string of the due instant as dueAt returns it. */
const cst = (local: string) => new Date(`${local}+08:00`).toISOString();

const due = (
  start: string,
  limit: TimeLimit,
  pauses: Pause[] = [],
  rules?: Partial<CountingRules>,
  cal = calendar,
) => dueAt(cal, { start: `${start}+08:00`, limit, pauses }, rules)?.toISOString() ?? null;

describe('RUN-6 working days: the start day does not count, the limit ends at 24:00 of its last working day', () => {
  test('a day accepted runs from the next working day (民法典第二百零一条)', () => {
    // Monday 2025-11-03 → Tuesday is the first day, Friday the fourth, Monday the fifth.
    expect(due('2025-11-03T10:00:00', days(1))).toBe(cst('2025-11-05T00:00:00'));
    expect(due('2025-11-03T10:00:00', days(5))).toBe(cst('2025-11-11T00:00:00'));
    // Accepted at the very start of a day: that day still does not count.
    expect(due('2025-11-03T00:00:00', days(1))).toBe(cst('2025-11-05T00:00:00'));
  });

  test('across National Day 2025 the holiday is skipped and the adjusted Saturday counts', () => {
    // 2025-09-28 (Sunday) is itself an adjusted workday; 10-01…10-08 are off; 10-11 (Sat) works.
    // Days: 09-29, 09-30, 10-09, 10-10, 10-11.
    expect(due('2025-09-28T10:00:00', days(5))).toBe(cst('2025-10-12T00:00:00'));
    // 行政许可法第四十二条's twenty working days end on Friday 10-31.
    expect(due('2025-09-28T10:00:00', days(20))).toBe(cst('2025-11-01T00:00:00'));
  });

  test('a 补正 pause across National Day takes every day it touches, first and last included', () => {
    const correction = { from: '2025-09-30T10:00:00+08:00', to: '2025-10-09T15:00:00+08:00' };
    // 09-30 and 10-09 are touched and do not count: 09-29, 10-10, 10-11, 10-13, 10-14.
    expect(due('2025-09-28T10:00:00', days(5), [correction])).toBe(cst('2025-10-15T00:00:00'));
  });

  test('Spring Festival 2026: nine days off, the Saturday before it is worked', () => {
    // Thursday 02-12: 02-13, 02-14 (adjusted Saturday), then 02-15…02-23 off, 02-24, 02-25, 02-26.
    expect(due('2026-02-12T10:00:00', days(5))).toBe(cst('2026-02-27T00:00:00'));
  });

  test('Spring Festival 2025: an adjusted Sunday before the holiday counts', () => {
    // Friday 01-24: 01-25 (Sat) off, 01-26 (Sun) worked, 01-27, then 01-28…02-04 off, 02-05.
    expect(due('2025-01-24T10:00:00', days(3))).toBe(cst('2025-02-06T00:00:00'));
  });

  test('an adjusted working Saturday counts as a working day; an ordinary Saturday does not', () => {
    expect(due('2026-02-13T10:00:00', days(1))).toBe(cst('2026-02-15T00:00:00'));
    expect(due('2026-03-06T10:00:00', days(1))).toBe(cst('2026-03-10T00:00:00'));
  });

  test('a county holiday (a typhoon closure) moves the deadline', () => {
    const county = WorkCalendar.official([
      { date: '2025-09-29', kind: 'holiday', reason: '台风过境，县政府通知停止办公' },
    ]);
    // 09-30, 10-09, 10-10, 10-11, 10-13.
    expect(due('2025-09-28T10:00:00', days(5), [], undefined, county)).toBe(
      cst('2025-10-14T00:00:00'),
    );
  });

  test('the end of the last day is a parameter: 17:30 for a county that uses closing time', () => {
    expect(due('2025-09-28T10:00:00', days(5), [], { dayEndsAt: '17:30' })).toBe(
      cst('2025-10-11T17:30:00'),
    );
  });

  test('overlapping pauses count once', () => {
    const pauses = [
      { from: '2025-11-04T09:00:00+08:00', to: '2025-11-05T10:00:00+08:00' },
      { from: '2025-11-05T09:00:00+08:00', to: '2025-11-05T11:00:00+08:00' },
    ];
    // 11-04 and 11-05 are paused: 11-06 is the first day.
    expect(due('2025-11-03T10:00:00', days(1), pauses)).toBe(cst('2025-11-07T00:00:00'));
  });
});

describe('RUN-6 natural days: every day counts, a last day that is a day off moves on (民法典第二百零三条)', () => {
  test('ten natural days from a Monday end on the second Thursday', () => {
    expect(due('2025-11-03T10:00:00', natural(10))).toBe(cst('2025-11-14T00:00:00'));
  });

  test('a last day on a Sunday moves to Monday', () => {
    expect(due('2025-11-06T10:00:00', natural(10))).toBe(cst('2025-11-18T00:00:00'));
  });

  test('a last day inside National Day moves to the first working day after it', () => {
    // 09-23 … 10-02 is ten days; 10-02 is off, and so is everything up to 10-08.
    expect(due('2025-09-22T10:00:00', natural(10))).toBe(cst('2025-10-10T00:00:00'));
  });

  test('paused days do not count in natural days either', () => {
    const pause = { from: '2025-11-05T09:00:00+08:00', to: '2025-11-06T17:00:00+08:00' };
    // 11-04, then 11-07 … 11-15 (Saturday) → Monday 11-17.
    expect(due('2025-11-03T10:00:00', natural(10), [pause])).toBe(cst('2025-11-18T00:00:00'));
  });
});

describe('RUN-6 hours: office hours of working days by default, or the wall clock', () => {
  test('office hours stop at lunch and at night', () => {
    // 11:00–12:00, then 14:00–15:00.
    expect(due('2025-11-03T11:00:00', hours(2))).toBe(cst('2025-11-03T15:00:00'));
    // 16:00–17:30 on Friday, the Saturday off, 08:30–11:00 on the adjusted Sunday 09-28.
    expect(due('2025-09-26T16:00:00', hours(4))).toBe(cst('2025-09-28T11:00:00'));
  });

  test('an application arriving on a weekend starts counting when the office opens', () => {
    expect(due('2025-11-08T10:00:00', hours(2))).toBe(cst('2025-11-10T10:30:00'));
  });

  test('a pause in hours is cut out to the minute', () => {
    const pause = { from: '2025-11-03T10:00:00+08:00', to: '2025-11-03T10:45:00+08:00' };
    // 09:00–10:00 and 10:45–12:00 make 2 h 15 min; 1 h 45 min more after lunch.
    expect(due('2025-11-03T09:00:00', hours(4), [pause])).toBe(cst('2025-11-03T15:45:00'));
  });

  test('a limit used up exactly at closing time ends then', () => {
    expect(due('2025-11-03T14:00:00', hours(3.5))).toBe(cst('2025-11-03T17:30:00'));
  });

  test('wall-clock hours ignore office hours and holidays but not pauses', () => {
    const rules = { hours: 'wallClock' as const };
    expect(due('2025-09-30T20:00:00', hours(24), [], rules)).toBe(cst('2025-10-01T20:00:00'));
    const pause = { from: '2025-10-01T08:00:00+08:00', to: '2025-10-01T10:00:00+08:00' };
    expect(due('2025-09-30T20:00:00', hours(24), [pause], rules)).toBe(cst('2025-10-01T22:00:00'));
  });

  test('office hours are a parameter', () => {
    const rules = { officeHours: [{ from: '09:00', to: '17:00' }] };
    expect(due('2025-11-03T16:00:00', hours(2), [], rules)).toBe(cst('2025-11-04T10:00:00'));
  });
});

describe('RUN-6 an open pause stops the clock', () => {
  const open = { from: '2025-11-05T14:00:00+08:00' };

  test('while a pause is open there is no due instant', () => {
    expect(due('2025-11-03T10:00:00', days(5), [open])).toBeNull();
    expect(due('2025-11-03T10:00:00', hours(20), [open])).toBeNull();
    expect(due('2025-11-03T10:00:00', natural(5), [{ ...open, to: null }])).toBeNull();
  });

  test('once it closes the deadline moves by the days it took', () => {
    const closed = { ...open, to: '2025-11-10T09:00:00+08:00' };
    // 11-04, then 11-05 … 11-10 paused, 11-11 … 11-14.
    expect(due('2025-11-03T10:00:00', days(5), [closed])).toBe(cst('2025-11-15T00:00:00'));
  });

  test('a limit that ran out before the pause opened keeps its due instant', () => {
    expect(due('2025-11-03T10:00:00', days(1), [{ from: '2025-11-06T09:00:00+08:00' }])).toBe(
      cst('2025-11-05T00:00:00'),
    );
  });

  test('hours already counted before an open pause are kept', () => {
    // 3.5 h of 4 h are used on Monday afternoon; the pause opens Tuesday at 08:45, 15 minutes in.
    const pause = { from: '2025-11-04T08:45:00+08:00' };
    expect(due('2025-11-03T14:00:00', hours(4), [pause])).toBeNull();
    expect(due('2025-11-03T14:00:00', hours(3.5), [pause])).toBe(cst('2025-11-03T17:30:00'));
  });
});

describe('RUN-6 bad input is refused with a message', () => {
  test.each([
    ['a start without an offset', { start: '2025-11-03T10:00:00', limit: days(1) }, '带时区'],
    ['an invalid start', { start: new Date('nope'), limit: days(1) }, '不是有效的时间'],
    ['zero days', { start: '2025-11-03T10:00:00+08:00', limit: days(0) }, '整数'],
    ['half a day', { start: '2025-11-03T10:00:00+08:00', limit: days(1.5) }, '整数'],
    ['seconds of an hour', { start: '2025-11-03T10:00:00+08:00', limit: hours(0.001) }, '分钟'],
    [
      'an unknown unit',
      { start: '2025-11-03T10:00:00+08:00', limit: { value: 1, unit: 'weeks' } },
      '期限单位',
    ],
    [
      'a pause ending before it starts',
      {
        start: '2025-11-03T10:00:00+08:00',
        limit: days(1),
        pauses: [{ from: '2025-11-05T10:00:00+08:00', to: '2025-11-04T10:00:00+08:00' }],
      },
      '结束早于开始',
    ],
  ])('%s', (_name, run, message) => {
    expect(() => dueAt(calendar, run as never)).toThrow(CalendarInputError);
    expect(() => dueAt(calendar, run as never)).toThrow(message);
  });

  test.each([
    ['a day end of 00:00', { dayEndsAt: '00:00' }, '不能是 00:00'],
    ['a day end of 25:00', { dayEndsAt: '25:00' }, 'HH:MM'],
    ['office hours out of order', { officeHours: [{ from: '14:00', to: '12:00' }] }, '晚于开始'],
    [
      'overlapping office hours',
      {
        officeHours: [
          { from: '08:30', to: '12:00' },
          { from: '11:00', to: '17:00' },
        ],
      },
      '互不重叠',
    ],
  ])('rules with %s', (_name, rules, message) => {
    const run = { start: '2025-11-03T10:00:00+08:00', limit: hours(1) };
    expect(() => dueAt(calendar, run, rules)).toThrow(message);
  });

  test('twenty minutes is a valid hours limit', () => {
    expect(due('2025-11-03T10:00:00', hours(1 / 3))).toBe(cst('2025-11-03T10:20:00'));
  });
});
