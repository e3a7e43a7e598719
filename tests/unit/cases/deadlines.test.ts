import {
  caseTimeliness,
  prepareDefinition,
  timerLimit,
  type CaseDefinition,
} from '../../../runtime/cases';
import { parseIsoDuration } from '../../../runtime/process/duration';
import { chain, end, processXml, start, user } from '../process/build';
import {
  CaseRun,
  applicantActor,
  calendar,
  chief,
  clerk,
  compile,
  definition,
  reviewer,
  system,
} from './fixtures';

let def: CaseDefinition;
beforeAll(async () => {
  const process = await compile(
    processXml(
      [
        start(),
        user('accept', '受理', { posts: ['p-window'], limit: [1, 'workingDays'] }),
        user('review', '审核', { posts: ['p-review'], limit: [3, 'workingDays'] }),
        user('decide', '决定', { posts: ['p-decide'], limit: [1, 'workingDays'] }),
        end(),
        ...chain(['start', 'accept', 'review', 'decide', 'end']),
      ],
      { form: 'apply' },
    ),
    { promisedLimit: { value: 5, unit: 'workingDays' } },
  );
  def = definition(process, {
    promisedLimit: { value: 5, unit: 'workingDays' },
    legalLimit: { value: 20, unit: 'workingDays' },
  });
});

/** Shanghai wall-clock time as an instant. */
const at = (local: string) => new Date(`${local}+08:00`);

describe('deadlines on the official calendar (RUN-6)', () => {
  test('RUN-6 the promised limit runs from acceptance across the 2025 National Day holiday', () => {
    // Sunday 28 September 2025 is an adjusted working day: counting starts Monday the 29th.
    const run = new CaseRun(def, at('2025-09-28T09:00:00'));
    run.startAtWindow();
    run.accept();
    // 29, 30 September, (1–8 October holiday), 9, 10, 11 (an adjusted working Saturday).
    expect(run.s.deadlines.promised).toMatchObject({
      limit: { value: 5, unit: 'workingDays' },
      dueAt: '2025-10-11T16:00:00.000Z',
    });
    // Twenty working days: 29, 30 September and 9 October to 31 October.
    expect(run.s.deadlines.legal!.dueAt).toBe('2025-10-31T16:00:00.000Z');
  });

  test('RUN-6 a 补正 pause across National Day stops the clock; the days it touches do not count', () => {
    const run = new CaseRun(def, at('2025-09-28T09:00:00'));
    run.startAtWindow();
    run.accept();
    const review = run.item('review');
    run.do(reviewer, { type: 'claim', workItemId: review.id });
    run.do(
      reviewer,
      {
        type: 'requestCorrection',
        workItemId: review.id,
        items: [{ name: '安全评价报告第3章', reason: '数据缺失' }],
      },
      { at: at('2025-09-30T10:00:00') },
    );
    expect(run.s.status).toBe('correction');
    expect(run.s.deadlines.promised!.dueAt).toBeNull();
    expect(run.item('review').dueAt).toBeNull();
    const stopped = caseTimeliness(
      prepareDefinition(def),
      run.s,
      calendar,
      at('2025-10-05T10:00:00'),
    );
    expect(stopped.promised).toMatchObject({ stopped: true, due: null, remaining: 4 });
    run.do(
      applicantActor,
      { type: 'supplyCorrection', materials: [], note: '已补充' },
      { at: at('2025-10-09T15:00:00') },
    );
    expect(run.s.status).toBe('inProgress');
    // 30 September and 9 October are touched by the pause: 29 Sep, 10, 11, 13, 14 Oct count.
    expect(run.s.deadlines.promised!.dueAt).toBe('2025-10-14T16:00:00.000Z');
    expect(run.s.pauses).toEqual([
      expect.objectContaining({
        kind: 'correction',
        from: '2025-09-30T02:00:00.000Z',
        to: '2025-10-09T07:00:00.000Z',
      }),
    ]);
  });

  test('RUN-6 a deadline needing a year the calendar does not cover is the error calendar_not_covered', () => {
    const lastYear = Math.max(...calendar.coveredYears);
    const run = new CaseRun(def, at(`${lastYear}-12-21T09:00:00`));
    run.startAtWindow();
    const error = run.fail(clerk, { type: 'accept', caseNo: run.caseNo() });
    expect(error.code).toBe('calendar_not_covered');
    expect(error.message).toContain(`${lastYear + 1} 年的节假日和调休安排不在工作日历中`);
    expect(error.details).toMatchObject({ year: lastYear + 1 });
    expect(run.s.status).toBe('pendingAcceptance');
  });

  test('RUN-6 each work item is due by its step limit; remaining days and normal/warning/overdue per case and item', () => {
    const run = new CaseRun(def, at('2025-11-03T09:00:00'));
    run.startAtWindow();
    run.accept();
    const review = run.item('review');
    // Created Monday 3 November: three working days end Thursday the 6th at 24:00.
    expect(review.dueAt).toBe('2025-11-06T16:00:00.000Z');
    const prepared = prepareDefinition(def);
    const monday = caseTimeliness(prepared, run.s, calendar, at('2025-11-03T15:00:00'));
    expect(monday.promised).toMatchObject({ remaining: 5, state: 'normal' });
    expect(monday.workItems).toEqual([
      expect.objectContaining({
        workItemId: review.id,
        stepName: '审核',
        remaining: 3,
        state: 'normal',
      }),
    ]);
    const thursday = caseTimeliness(prepared, run.s, calendar, at('2025-11-06T10:00:00'));
    expect(thursday.workItems[0]).toMatchObject({ remaining: 0, state: 'warning' });
    const friday = caseTimeliness(prepared, run.s, calendar, at('2025-11-07T10:00:00'));
    expect(friday.workItems[0]).toMatchObject({ remaining: -1, state: 'overdue' });
    expect(friday.promised).toMatchObject({ remaining: 1, state: 'warning' });
  });

  test('RUN-5 tick emits a deadline warning and then an overdue alarm once each', () => {
    const run = new CaseRun(def, at('2025-11-03T09:00:00'));
    run.startAtWindow();
    run.accept();
    run.do(system, { type: 'tick' }, { at: at('2025-11-03T15:00:00') });
    run.do(system, { type: 'tick' }, { at: at('2025-11-06T10:00:00') });
    run.do(system, { type: 'tick' }, { at: at('2025-11-06T11:00:00') });
    run.do(system, { type: 'tick' }, { at: at('2025-11-07T10:00:00') });
    run.do(system, { type: 'tick' }, { at: at('2025-11-07T11:00:00') });
    const alerts = run.events
      .filter((e) => e.type === 'deadlineWarning' || e.type === 'deadlineOverdue')
      .map((e) => [e.type, 'subject' in e && e.subject]);
    // Thursday: the step's last day; Friday: the case has one day left and the step is late.
    expect(alerts).toEqual([
      ['deadlineWarning', 'workItem'],
      ['deadlineWarning', 'promised'],
      ['deadlineOverdue', 'workItem'],
    ]);
    expect(run.fail(clerk, { type: 'tick' }).code).toBe('not_permitted');
  });

  test('RUN-6 timer durations: days and weeks are working days, a time part office hours, months natural days', () => {
    const d = (text: string) => parseIsoDuration(text)!;
    expect(timerLimit(d('P2D'), '2025-09-22T01:00:00Z')).toEqual({ value: 2, unit: 'workingDays' });
    expect(timerLimit(d('P2W'), '2025-09-22T01:00:00Z')).toEqual({
      value: 10,
      unit: 'workingDays',
    });
    expect(timerLimit(d('PT4H'), '2025-09-22T01:00:00Z')).toEqual({ value: 4, unit: 'hours' });
    expect(timerLimit(d('P1DT12H'), '2025-09-22T01:00:00Z')).toEqual({ value: 20, unit: 'hours' });
    expect(timerLimit(d('P1M'), '2025-01-31T01:00:00Z')).toEqual({
      value: 28,
      unit: 'naturalDays',
    });
  });
});

describe('suspicious patterns (RUN-5)', () => {
  test('RUN-5 a step completed implausibly fast after claiming is reported, with a configurable threshold', () => {
    const run = new CaseRun(def, at('2025-11-03T09:00:00'), { fastCompletionMs: 120_000 });
    run.startAtWindow();
    run.accept();
    const review = run.item('review');
    run.do(reviewer, { type: 'claim', workItemId: review.id });
    run.do(reviewer, { type: 'complete', workItemId: review.id }, { advanceMs: 30_000 });
    const flagged = run.events.filter((e) => e.type === 'suspiciousActivity');
    expect(flagged).toEqual([
      expect.objectContaining({
        pattern: 'fastCompletion',
        userId: reviewer.userId,
        workItemId: review.id,
      }),
    ]);
    run.handle(chief, 'decide');
    expect(run.events.filter((e) => e.type === 'suspiciousActivity')).toHaveLength(1);
  });

  test('RUN-5 work at night (22:00–06:00 Asia/Shanghai) is reported', () => {
    const run = new CaseRun(def, at('2025-11-03T09:00:00'));
    run.startAtWindow();
    run.accept();
    run.do(
      reviewer,
      { type: 'claim', workItemId: run.item('review').id },
      { at: at('2025-11-03T23:10:00') },
    );
    const flagged = run.events.filter((e) => e.type === 'suspiciousActivity');
    expect(flagged).toEqual([
      expect.objectContaining({ pattern: 'nightWork', userId: reviewer.userId }),
    ]);
    expect('detail' in flagged[0]! && flagged[0].detail).toContain('23:10');
  });
});
