import { storageProblem, verifyTrail } from '../../../runtime/trail';
import { rowVisibleTo, workQueueRows, type CaseDefinition } from '../../../runtime/cases';
import {
  ALL_MATERIALS,
  APPLICANT,
  APPLICATION,
  CaseRun,
  applicantActor,
  chief,
  clerk,
  compile,
  definition,
  expert,
  reviewer,
  reviewer2,
  supervisor,
  system,
  templateWithPosts,
} from './fixtures';

let def: CaseDefinition;
beforeAll(async () => {
  const process = await compile(
    templateWithPosts('promised.bpmn', {
      Task_accept: 'p-window',
      Task_review: 'p-review',
      Task_decide: 'p-decide',
    }),
    { promisedLimit: { value: 10, unit: 'workingDays' } },
  );
  def = definition(process);
});

/** A case that sees most operations on its way: about thirty actions. */
function longRun(): CaseRun {
  const run = new CaseRun(def);
  run.do(applicantActor, {
    type: 'submitApplication',
    caseId: 'case-1',
    applicationNo: 'SQ-330303-20250922-000001',
    applicant: APPLICANT,
    data: APPLICATION,
    materials: [ALL_MATERIALS[0]!],
  });
  run.do(clerk, { type: 'preReview', decision: 'return', reasons: ['申请表未盖章'] });
  run.do(applicantActor, {
    type: 'submitApplication',
    applicationNo: 'SQ-330303-20250922-000001',
    applicant: APPLICANT,
    data: APPLICATION,
  });
  run.do(clerk, { type: 'preReview', decision: 'pass' });
  run.do(clerk, { type: 'requestCorrection', items: [{ materialId: 'm-plan', reason: '未提交' }] });
  run.do(applicantActor, { type: 'supplyCorrection', materials: [ALL_MATERIALS[1]!] });
  run.accept();
  const review = run.item('Task_review');
  run.do(reviewer, { type: 'claim', workItemId: review.id });
  run.do(reviewer, { type: 'saveDraft', workItemId: review.id, opinion: '初审' });
  run.do(reviewer, {
    type: 'reassign',
    workItemId: review.id,
    to: { user: { userId: reviewer2.userId, name: reviewer2.name } },
    reason: '出差',
  });
  run.do(reviewer2, {
    type: 'addSigner',
    workItemId: review.id,
    signer: { user: { userId: expert.userId, name: expert.name } },
    position: 'before',
  });
  run.do(expert, {
    type: 'complete',
    workItemId: run.item('Task_review', 1).id,
    outcome: 'approve',
    opinion: '技术可行',
  });
  run.do(supervisor, { type: 'urge', message: '请抓紧' });
  run.do(reviewer2, {
    type: 'complete',
    workItemId: review.id,
    outcome: 'approve',
    opinion: '同意',
  });
  run.do(reviewer2, { type: 'takeBack', workItemId: review.id });
  run.do(reviewer2, {
    type: 'complete',
    workItemId: run.item('Task_review').id,
    outcome: 'approve',
    opinion: '同意',
  });
  const decide = run.item('Task_decide');
  run.do(chief, { type: 'claim', workItemId: decide.id });
  run.do(chief, {
    type: 'returnTo',
    workItemId: decide.id,
    toNodeId: 'Task_review',
    reason: '补充现场核查',
  });
  run.do(system, { type: 'tick' }, { at: new Date('2025-10-03T01:00:00Z') });
  run.do(reviewer2, {
    type: 'complete',
    workItemId: run.item('Task_review').id,
    outcome: 'approve',
    opinion: '同意',
  });
  run.handle(chief, 'Task_decide', {
    outcome: 'approve',
    decision: { result: 'granted', text: '准予许可' },
  });
  return run;
}

describe('the trail of a long run (RUN-7, RUN-8, RUN-9)', () => {
  test('RUN-7 every entry chains: verifyTrail passes against the head the case records', () => {
    const run = longRun();
    expect(run.s.status).toBe('concluded');
    expect(run.trail.length).toBeGreaterThanOrEqual(25);
    expect(run.trail.map((e) => e.seq)).toEqual(run.trail.map((_, i) => i + 1));
    expect(verifyTrail('case-1', run.trail, { head: run.s.trailHead })).toEqual({
      ok: true,
      head: run.s.trailHead,
    });
    const forged = run.trail.map((e) => ({ ...e }));
    forged[10] = { ...forged[10]!, process: { ...forged[10]!.process!, opinion: '改过的意见' } };
    expect(verifyTrail('case-1', forged, { head: run.s.trailHead })).toMatchObject({
      ok: false,
      firstBadSeq: 11,
      reason: 'altered',
    });
  });

  test('RUN-7 each action is in the trail, in order, by name', () => {
    expect(longRun().trail.map((e) => e.action)).toEqual([
      'apply',
      'preReview',
      'apply',
      'preReview',
      'requestCorrection',
      'supplyCorrection',
      'accept',
      'claim',
      'reassign',
      'addSigner',
      'complete',
      'urge',
      'complete',
      'takeBack',
      'complete',
      'claim',
      'return',
      'timer',
      'automatic',
      'complete',
      'claim',
      'complete',
      'automatic',
      'automatic',
      'conclude',
    ]);
  });

  test('RUN-8 staff entries carry the process fields: department, office, step, state, times, opinion, who', () => {
    const run = longRun();
    const completion = run.trail.find(
      (e) => e.action === 'complete' && e.actor.userId === reviewer2.userId,
    )!;
    expect(completion).toMatchObject({
      actor: {
        kind: 'staff',
        userId: reviewer2.userId,
        staffNo: 'U-REVIEW2',
        name: reviewer2.name,
      },
      process: {
        department: { id: 'dept-aj', name: '龙湾区应急管理局' },
        office: { id: 'office-xk', name: '行政审批科' },
        itemCode: '33030300AJ-XK-0001',
        step: { id: 'Task_review', name: '审核' },
        stepState: 'completed',
        opinion: '同意',
      },
    });
    expect(completion.process!.stepStartedAt! < completion.process!.stepEndedAt!).toBe(true);
    const accept = run.trail.find((e) => e.action === 'accept')!;
    expect(accept.actor.post).toEqual({ id: 'p-window', name: 'p-window岗' });
    expect(accept.process!.risk).toMatchObject({
      category: '廉政风险',
      control: '一次性告知材料清单，受理标准公开',
    });
  });

  test('RUN-9 the conclusion carries the result record', () => {
    const run = longRun();
    expect(run.trail.at(-1)).toMatchObject({
      action: 'conclude',
      result: {
        department: { id: 'dept-aj' },
        itemCode: '33030300AJ-XK-0001',
        finalState: 'granted',
        opinion: '准予许可',
      },
    });
  });

  test('the state and every event are plain JSON that MongoDB and FerretDB store as they are', () => {
    const run = longRun();
    expect(storageProblem(run.s)).toBeUndefined();
    expect(JSON.parse(JSON.stringify(run.s))).toEqual(run.s);
    for (const event of run.events) expect(storageProblem(event)).toBeUndefined();
    expect(new Set(run.events.map((e) => e.id)).size).toBe(run.events.length);
  });

  test('a command leaves the state it was given unchanged', () => {
    const run = new CaseRun(def);
    run.startAtWindow();
    const before = JSON.stringify(run.s);
    const given = run.s;
    run.accept();
    expect(JSON.stringify(given)).toBe(before);
  });
});

describe('the trail runs forward in time (RUN-7, issue 13)', () => {
  test("RUN-7 a command dated before the case's last entry is refused with time_before_trail and changes nothing", () => {
    const run = new CaseRun(def);
    run.startAtWindow();
    run.accept();
    const last = run.trail.at(-1)!;
    expect(run.s.lastEntryAt).toBe(last.at);
    const item = run.item('Task_review');
    const error = run.fail(
      reviewer,
      { type: 'claim', workItemId: item.id },
      { at: new Date(Date.parse(last.at) - 60_000) },
    );
    expect(error.code).toBe('time_before_trail');
    expect(error.message).toContain('早于本办件最后一条操作痕迹的时间');
    expect(error.details).toMatchObject({ lastEntryAt: last.at });
    // The same instant is not backwards: two operations in one second are allowed.
    run.do(reviewer, { type: 'claim', workItemId: item.id }, { at: new Date(last.at) });
    expect(run.trail.at(-1)!.at).toBe(last.at);
  });

  test('RUN-7 over a long run every entry is at or after the one before it', () => {
    const run = longRun();
    for (let i = 1; i < run.trail.length; i++)
      expect(Date.parse(run.trail[i]!.at)).toBeGreaterThanOrEqual(Date.parse(run.trail[i - 1]!.at));
    expect(run.s.lastEntryAt).toBe(run.trail.at(-1)!.at);
  });
});

describe('work queues (RUN-3, issue 6 §8)', () => {
  test('待受理 for the window, 待办 for the step posts, 待办结 at the last step, 已办 for the one who did it', () => {
    const run = new CaseRun(def);
    run.startAtWindow();
    let rows = workQueueRows(def, run.s);
    expect(rows.map((r) => r.queue)).toEqual(['acceptance']);
    expect(rowVisibleTo(rows[0]!, clerk)).toBe(true);
    expect(rowVisibleTo(rows[0]!, reviewer)).toBe(false);
    run.accept();
    rows = workQueueRows(def, run.s);
    expect(rows.map((r) => [r.queue, r.stepName])).toEqual([
      ['done', '受理'],
      ['todo', '审核'],
    ]);
    expect(rows.filter((r) => rowVisibleTo(r, reviewer)).map((r) => r.queue)).toEqual(['todo']);
    expect(rows.filter((r) => rowVisibleTo(r, clerk)).map((r) => r.queue)).toEqual(['done']);
    run.handle(reviewer, 'Task_review', { outcome: 'approve' });
    rows = workQueueRows(def, run.s);
    // Issue 13: 决定 is in the chief's 待办 too, not only in 待办结.
    expect(rows.map((r) => r.queue)).toEqual(['done', 'done', 'todo', 'conclusion']);
    expect(rows.filter((r) => rowVisibleTo(r, chief)).map((r) => r.queue)).toEqual([
      'todo',
      'conclusion',
    ]);
    const claimedBy = run.item('Task_decide');
    run.do(chief, { type: 'claim', workItemId: claimedBy.id });
    const mine = workQueueRows(def, run.s).find((r) => r.queue === 'conclusion')!;
    expect(mine.userId).toBe(chief.userId);
    expect(rowVisibleTo(mine, { ...chief, userId: 'u-other' })).toBe(false);
    expect(new Set(workQueueRows(def, run.s).map((r) => r.key)).size).toBe(4);
  });
});
