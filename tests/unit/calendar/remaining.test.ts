import type { TimeLimit } from '../../../runtime/catalog/item';
import {
  remaining,
  WorkCalendar,
  type Pause,
  type WarningThreshold,
} from '../../../runtime/calendar';

const calendar = WorkCalendar.official();

const left = (
  start: string,
  limit: TimeLimit,
  now: string,
  pauses: Pause[] = [],
  warning?: Partial<WarningThreshold>,
) => remaining(calendar, { start: `${start}+08:00`, limit, pauses }, `${now}+08:00`, { warning });

describe('RUN-6 remaining working days and the state supervision reads (SUP-2)', () => {
  // Accepted on the adjusted Sunday 2025-09-28; days 09-29, 09-30, 10-09, 10-10, 10-11.
  const start = '2025-09-28T10:00:00';
  const five: TimeLimit = { value: 5, unit: 'workingDays' };

  test.each([
    ['on the day of acceptance all five are left', '2025-09-28T16:00:00', 5, 'normal'],
    ['on the second day three are left after today', '2025-09-30T12:00:00', 3, 'normal'],
    ['a holiday uses nothing', '2025-10-05T12:00:00', 3, 'normal'],
    ['one left is a yellow card', '2025-10-10T09:00:00', 1, 'warning'],
    ['on the last day none are left after today', '2025-10-11T23:59:00', 0, 'warning'],
    ['past 24:00 of the last day it is overdue', '2025-10-12T00:00:00', 0, 'overdue'],
    ['overdue by each working day since', '2025-10-14T09:00:00', -2, 'overdue'],
  ])('%s', (_name, now, expected, state) => {
    expect(left(start, five, now)).toEqual({
      unit: 'workingDays',
      limit: 5,
      remaining: expected,
      due: new Date('2025-10-11T16:00:00Z'),
      stopped: false,
      state,
    });
  });

  test('the warning threshold is a parameter: a share of the limit or a number of days', () => {
    const twenty: TimeLimit = { value: 20, unit: 'workingDays' };
    // Twenty working days from 09-28 end on 10-31; on 10-24 five are left (25 %), on 10-27 four (20 %).
    expect(left(start, twenty, '2025-10-24T09:00:00')).toMatchObject({
      remaining: 5,
      state: 'normal',
    });
    expect(left(start, twenty, '2025-10-27T09:00:00')).toMatchObject({
      remaining: 4,
      state: 'warning',
    });
    expect(left(start, twenty, '2025-10-24T09:00:00', [], { fraction: 0.25 }).state).toBe(
      'warning',
    );
    expect(
      left(start, twenty, '2025-10-29T09:00:00', [], { fraction: 0, atMost: 1 }),
    ).toMatchObject({ remaining: 2, state: 'normal' });
    expect(left(start, twenty, '2025-10-29T09:00:00', [], { fraction: 0, atMost: 2 }).state).toBe(
      'warning',
    );
  });

  test('an open pause freezes what is left and has no due instant', () => {
    const open: Pause = { from: '2025-09-30T10:00:00+08:00' };
    const during = left(start, five, '2025-10-20T09:00:00', [open]);
    // Only 09-29 was used before the pause touched 09-30.
    expect(during).toEqual({
      unit: 'workingDays',
      limit: 5,
      remaining: 4,
      due: null,
      stopped: true,
      state: 'normal',
    });
    expect(left(start, five, '2026-01-20T09:00:00', [open]).remaining).toBe(4);
  });

  test('a limit that ran out before an open pause stays overdue, frozen', () => {
    const late: Pause = { from: '2025-10-14T10:00:00+08:00' };
    expect(left(start, five, '2025-11-20T09:00:00', [late])).toMatchObject({
      remaining: -1,
      stopped: true,
      state: 'overdue',
    });
  });

  test('a closed 补正 pause gives the days back', () => {
    const correction: Pause = {
      from: '2025-09-30T10:00:00+08:00',
      to: '2025-10-09T15:00:00+08:00',
    };
    expect(left(start, five, '2025-10-11T09:00:00', [correction])).toMatchObject({
      remaining: 2,
      due: new Date('2025-10-14T16:00:00Z'),
      state: 'normal',
    });
  });
});

describe('RUN-6 remaining natural days and hours', () => {
  test('natural days count down to the moved last day', () => {
    // Ten natural days from 09-22 would end on 10-02, a holiday; the last day becomes 10-09.
    const ten: TimeLimit = { value: 10, unit: 'naturalDays' };
    expect(left('2025-09-22T10:00:00', ten, '2025-10-02T12:00:00')).toMatchObject({
      remaining: 7,
      state: 'normal',
    });
    expect(left('2025-09-22T10:00:00', ten, '2025-10-09T12:00:00')).toMatchObject({
      remaining: 0,
      state: 'warning',
    });
    expect(left('2025-09-22T10:00:00', ten, '2025-10-12T12:00:00')).toMatchObject({
      remaining: -3,
      state: 'overdue',
    });
  });

  test('hours are counted office hours, to the minute', () => {
    const four: TimeLimit = { value: 4, unit: 'hours' };
    const start = '2025-11-03T09:00:00';
    expect(left(start, four, '2025-11-03T11:00:00')).toMatchObject({
      remaining: 2,
      state: 'normal',
    });
    // Lunch does not count: at 14:30 three and a half hours are used.
    expect(left(start, four, '2025-11-03T14:30:00')).toMatchObject({
      remaining: 0.5,
      state: 'warning',
    });
    expect(left(start, four, '2025-11-03T16:00:00')).toMatchObject({
      remaining: -1,
      due: new Date('2025-11-03T07:00:00Z'),
      state: 'overdue',
    });
  });
});
