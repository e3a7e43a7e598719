import { WorkCalendar } from '../../../runtime/calendar';
import {
  DEFAULT_FAULT_TARGETS,
  faultTiming,
  nextState,
  parseFaultTargets,
  spanText,
} from '../../../runtime/operations/faults';
import { loadConfig } from '../../../server/config';

const calendar = WorkCalendar.official();

describe('fault targets and timing (OPS-3)', () => {
  test('OPS-3: FAULT_TARGETS replaces the classes it names and keeps the others', () => {
    expect(parseFaultTargets('A=10m/2h, C=1wd/3wd')).toEqual({
      A: { respond: { value: 10, unit: 'minutes' }, resolve: { value: 120, unit: 'minutes' } },
      B: DEFAULT_FAULT_TARGETS.B,
      C: { respond: { value: 1, unit: 'workingDays' }, resolve: { value: 3, unit: 'workingDays' } },
    });
    expect(parseFaultTargets('A=15m')).toMatch(/A=15m\/4h/);
    expect(parseFaultTargets('D=1m/1h')).toMatch(/应写成/);
    expect(parseFaultTargets('A=0m/1h')).toMatch(/15m、4h 或 5wd/);
    expect(spanText(DEFAULT_FAULT_TARGETS.A.resolve)).toBe('4小时');
    expect(spanText(DEFAULT_FAULT_TARGETS.C.resolve)).toBe('5个工作日');
  });

  test('OPS-3: a bad FAULT_TARGETS stops start-up naming it; unset gives the defaults', () => {
    expect(() => loadConfig({ FAULT_TARGETS: 'A=fast' })).toThrow(/FAULT_TARGETS/);
    expect(loadConfig({}).FAULT_TARGETS).toEqual(DEFAULT_FAULT_TARGETS);
  });

  test('OPS-3: met in time, missed when late or when the time ran out undone, open while in time', () => {
    const base = {
      faultClass: 'A' as const,
      occurredAt: '2026-11-03T00:55:00.000Z',
      reportedAt: '2026-11-03T01:00:00.000Z',
      targets: DEFAULT_FAULT_TARGETS.A,
    };
    expect(faultTiming(base, calendar, '2026-11-03T01:10:00.000Z')).toMatchObject({
      respondBy: '2026-11-03T01:15:00.000Z',
      responseMet: null,
      resolutionMet: null,
    });
    expect(faultTiming(base, calendar, '2026-11-03T01:16:00.000Z').responseMet).toBe(false);
    const done = faultTiming(
      { ...base, respondedAt: '2026-11-03T01:15:00.000Z', resolvedAt: '2026-11-03T05:01:00.000Z' },
      calendar,
      '2026-11-04T00:00:00.000Z',
    );
    expect(done).toMatchObject({
      responseMinutes: 15,
      responseMet: true,
      resolutionMinutes: 241,
      resolutionMet: false,
      outageMinutes: 246,
    });
  });

  test('OPS-3: a minor fault’s working days skip the weekend and end at midnight', () => {
    const t = faultTiming(
      {
        faultClass: 'C',
        occurredAt: '2026-11-27T02:00:00.000Z',
        reportedAt: '2026-11-27T03:00:00.000Z',
        targets: DEFAULT_FAULT_TARGETS.C,
      },
      calendar,
      '2026-12-04T06:00:00.000Z',
    );
    expect(t.resolveBy).toBe('2026-12-04T16:00:00.000Z');
    expect(t.resolutionMet).toBeNull();
  });

  test('OPS-3: commands go in turn: respond, notes while responding, resolve once', () => {
    expect(nextState('reported', 'respond')).toBe('responding');
    expect(nextState('responding', 'note')).toBe('responding');
    expect(nextState('responding', 'resolve')).toBe('resolved');
    expect(nextState('reported', 'resolve')).toBe('故障尚未响应，请先响应再登记恢复');
    expect(nextState('resolved', 'respond')).toBe('故障已恢复，不能再次响应');
    expect(nextState('resolved', 'note')).toBe('故障已恢复，不能再记录处理情况');
  });
});
