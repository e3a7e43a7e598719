import { WorkCalendar, workingDaysElapsed } from '../../../runtime/calendar';
import {
  aggregateStatistics,
  caseFacts,
  percentile,
  rankRows,
  type CaseFactsInput,
} from '../../../runtime/supervision/statistics';

const calendar = WorkCalendar.official();
// 2026: National Day off 10-01 … 10-07; 10-08 and 10-09 are ordinary working days.
const at = (day: string, time = '09:00') => new Date(`${day}T${time}:00+08:00`).toISOString();

describe('working days elapsed (SUP-6 durations, counted as limits are)', () => {
  test('the start day does not count; days off and paused days do not count', () => {
    expect(workingDaysElapsed(calendar, at('2026-11-02'), at('2026-11-02', '17:00'))).toBe(0);
    expect(workingDaysElapsed(calendar, at('2026-11-02'), at('2026-11-06'))).toBe(4);
    // Across a weekend: Fri → next Tue is 2 working days.
    expect(workingDaysElapsed(calendar, at('2026-11-06'), at('2026-11-10'))).toBe(2);
    // Across the National Day holiday: 09-30 → 10-09 is two working days (the 8th and 9th).
    expect(workingDaysElapsed(calendar, at('2026-09-30'), at('2026-10-09'))).toBe(2);
    const pause = { from: at('2026-11-03'), to: at('2026-11-04') };
    expect(workingDaysElapsed(calendar, at('2026-11-02'), at('2026-11-06'), [pause])).toBe(2);
  });

  test('a pause after the end, or still open, is cut at the end', () => {
    const later = { from: at('2026-11-09'), to: at('2026-11-10') };
    expect(workingDaysElapsed(calendar, at('2026-11-02'), at('2026-11-06'), [later])).toBe(4);
    const open = { from: at('2026-11-05') };
    expect(workingDaysElapsed(calendar, at('2026-11-02'), at('2026-11-06'), [open])).toBe(2);
  });
});

const staff = (post: string) => ({
  kind: 'staff' as const,
  userId: 'u1',
  name: '张伟',
  post: { id: post, name: '审核岗' },
});
const department = { id: 'd1', name: '安监局' };

function input(over: Partial<CaseFactsInput> = {}): CaseFactsInput {
  return {
    caseId: 'c1',
    version: 5,
    countyId: 'k1',
    itemId: 'i1',
    itemCode: 'XK001',
    itemName: '许可甲',
    departmentId: 'd1',
    departmentName: '安监局',
    pauses: [],
    dueAt: at('2026-11-10', '24:00'),
    trail: [
      {
        at: at('2026-11-02'),
        action: 'apply',
        actor: { kind: 'applicant', name: '某公司' },
        application: {
          caseName: 'x',
          channel: 'window',
          forms: [],
          materials: [],
          appliedAt: at('2026-11-02', '08:50'),
          applicant: { name: '某公司', idType: 'creditCode', idNumber: '9133***' },
        },
      },
      {
        at: at('2026-11-02', '10:00'),
        action: 'accept',
        actor: staff('p-window'),
        process: {
          department,
          itemCode: 'XK001',
          step: { id: 'accept', name: '受理' },
          stepStartedAt: at('2026-11-02'),
          stepEndedAt: at('2026-11-02', '10:00'),
        },
      },
      {
        at: at('2026-11-04'),
        action: 'return',
        actor: staff('p-review'),
        process: { department, itemCode: 'XK001', step: { id: 'review', name: '审核' } },
      },
      {
        at: at('2026-11-05'),
        action: 'conclude',
        actor: staff('p-review'),
        process: {
          department,
          itemCode: 'XK001',
          step: { id: 'review', name: '审核' },
          stepStartedAt: at('2026-11-02', '10:00'),
          stepEndedAt: at('2026-11-05'),
        },
        result: {
          department,
          itemCode: 'XK001',
          finalState: 'granted',
          opinion: '准予',
          concludedAt: at('2026-11-05'),
        },
      },
    ],
    ...over,
  };
}

describe('case facts and their figures (SUP-6)', () => {
  test('a case read from its trail: received when applied, steps with their posts, 3 working days', () => {
    const f = caseFacts(input(), calendar);
    expect(f.receivedAt).toBe(at('2026-11-02', '08:50'));
    expect(f.concluded).toBe(true);
    expect(f.finalState).toBe('granted');
    expect(f.days).toBe(3);
    expect(f.returns).toEqual(['review']);
    expect(f.steps.map((s) => [s.nodeId, s.postId, s.days])).toEqual([
      ['accept', 'p-window', 0],
      ['review', 'p-review', 3],
    ]);
  });

  test('on time, overdue and the period filter', () => {
    const late = caseFacts(input({ caseId: 'c2', dueAt: at('2026-11-04', '24:00') }), calendar);
    const onTime = caseFacts(input(), calendar);
    const { total, rows } = aggregateStatistics(
      [late, onTime],
      { by: 'department' },
      () => undefined,
      at('2026-12-01'),
    );
    expect([total.concluded, total.onTime, total.overdue, total.onTimeRate]).toEqual([
      2, 1, 1, 0.5,
    ]);
    expect(rows).toHaveLength(1);
    const none = aggregateStatistics(
      [late],
      { by: 'department', from: '2026-11-03' },
      () => undefined,
      at('2026-12-01'),
    );
    expect(none.total.received).toBe(0);
  });

  test('posts and steps count the steps handled; rankings put missing figures last', () => {
    const f = caseFacts(input(), calendar);
    const posts = aggregateStatistics([f], { by: 'post' }, () => undefined, at('2026-12-01'));
    expect(posts.rows.map((r) => [r.key, r.concluded, r.meanDays])).toEqual([
      ['p-window', 1, 0],
      ['p-review', 1, 3],
    ]);
    const ranked = rankRows(
      [
        { ...posts.rows[0]!, key: 'a', meanDays: null },
        { ...posts.rows[0]!, key: 'b', meanDays: 5 },
        { ...posts.rows[0]!, key: 'c', meanDays: 1 },
      ],
      'meanDays',
    );
    expect(ranked.map((r) => r.key)).toEqual(['c', 'b', 'a']);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(percentile([], 0.9)).toBeNull();
  });
});
