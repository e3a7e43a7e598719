import type { CaseCommand, CaseDefinition } from '../../../runtime/cases';
import { chain, end, processXml, start, user } from '../process/build';
import {
  APPLICANT,
  APPLICATION,
  CaseRun,
  admin,
  applicantActor,
  chief,
  clerk,
  compile,
  definition,
  expert,
  reviewer,
  reviewer2,
  system,
} from './fixtures';

const HEARING = '<county:excludedTimes kind="hearing" reason="涉及重大公共利益须听证"/>';

let def: CaseDefinition;
beforeAll(async () => {
  const process = await compile(
    processXml(
      [
        start(),
        user('accept', '受理', { posts: ['p-window'], limit: [1, 'workingDays'] }),
        user('review', '审核', {
          posts: ['p-review'],
          limit: [5, 'workingDays'],
          children: HEARING,
        }),
        user('decide', '决定', { posts: ['p-decide'], limit: [2, 'workingDays'] }),
        end(),
        ...chain(['start', 'accept', 'review', 'decide', 'end']),
      ],
      { form: 'apply' },
    ),
  );
  def = definition(process);
});

function accepted() {
  const run = new CaseRun(def);
  run.startAtWindow();
  run.accept();
  return run;
}

function claimed(run: CaseRun, actor = reviewer, nodeId = 'review') {
  const item = run.item(nodeId);
  run.do(actor, { type: 'claim', workItemId: item.id });
  return item;
}

describe('退回 (RUN-4)', () => {
  test('RUN-4 退回 re-opens an earlier step for the person who did it, with the reason in the trail', () => {
    const run = accepted();
    run.handle(reviewer, 'review');
    const decide = claimed(run, chief, 'decide');
    expect(
      run.fail(chief, { type: 'returnTo', workItemId: decide.id, toNodeId: 'review', reason: '' })
        .code,
    ).toBe('invalid_command');
    expect(
      run.fail(chief, { type: 'returnTo', workItemId: decide.id, toNodeId: 'decide', reason: 'x' })
        .code,
    ).toBe('invalid_command');
    run.do(chief, {
      type: 'returnTo',
      workItemId: decide.id,
      toNodeId: 'review',
      reason: '审核意见不充分',
    });
    expect(run.item('review')).toMatchObject({
      status: 'claimed',
      assignee: { userId: reviewer.userId },
    });
    expect(run.trail.at(-1)).toMatchObject({
      action: 'return',
      process: { step: { id: 'decide' }, stepState: 'returned', opinion: '审核意见不充分' },
    });
    run.do(reviewer, { type: 'complete', workItemId: run.item('review').id });
    expect(run.liveNodes()).toEqual(['decide']);
  });

  test('RUN-4 退回 to a step not yet done on this case is refused', () => {
    const run = accepted();
    const review = claimed(run);
    const error = run.fail(reviewer, {
      type: 'returnTo',
      workItemId: review.id,
      toNodeId: 'decide',
      reason: 'x',
    });
    expect(error.code).toBe('not_on_path');
  });

  test('RUN-5 repeated returns on one case are reported to supervision', () => {
    const run = accepted();
    for (let i = 0; i < 2; i++) {
      const review = run.item('review');
      if (review.status === 'open') run.do(reviewer, { type: 'claim', workItemId: review.id });
      run.do(reviewer, {
        type: 'returnTo',
        workItemId: review.id,
        toNodeId: 'accept',
        reason: '退回重受',
      });
      run.do(clerk, { type: 'complete', workItemId: run.item('accept').id });
    }
    const flagged = run.events.filter(
      (e) => e.type === 'suspiciousActivity' && e.pattern === 'repeatedReturns',
    );
    expect(flagged).toHaveLength(1);
  });
});

describe('转办 (RUN-4)', () => {
  test('RUN-4 the assignee hands a work item to other posts, which may then claim it', () => {
    const run = accepted();
    const review = claimed(run);
    run.do(reviewer, {
      type: 'reassign',
      workItemId: review.id,
      to: { postIds: ['p-expert'] },
      reason: '需技术审查',
    });
    expect(run.item('review')).toMatchObject({ status: 'open', candidatePostIds: ['p-expert'] });
    expect(run.item('review').assignee).toBeUndefined();
    run.do(expert, { type: 'claim', workItemId: review.id });
    expect(run.trail.at(-2)).toMatchObject({
      action: 'reassign',
      process: { stepState: 'reassigned' },
    });
  });

  test('RUN-4 转办 to one person gives it to them at once; only the assignee or an administrator may do it', () => {
    const run = accepted();
    const review = run.item('review');
    const to = { user: { userId: reviewer2.userId, name: reviewer2.name } };
    expect(
      run.fail(reviewer, { type: 'reassign', workItemId: review.id, to, reason: 'x' }).code,
    ).toBe('not_assignee');
    run.do(admin, { type: 'reassign', workItemId: review.id, to, reason: '原承办人休假' });
    expect(run.item('review')).toMatchObject({
      status: 'claimed',
      assignee: { userId: reviewer2.userId },
    });
    run.do(reviewer2, { type: 'complete', workItemId: review.id });
    expect(run.liveNodes()).toEqual(['decide']);
  });
});

describe('加签 (RUN-4)', () => {
  test('RUN-4 前加签: the handler waits while the added signer handles, then decides', () => {
    const run = accepted();
    const review = claimed(run);
    run.do(reviewer, {
      type: 'addSigner',
      workItemId: review.id,
      signer: { user: { userId: expert.userId, name: expert.name } },
      position: 'before',
      reason: '请专家先出具意见',
    });
    expect(run.item('review', 0)).toMatchObject({ status: 'waiting' });
    expect(run.fail(reviewer, { type: 'complete', workItemId: review.id }).message).toContain(
      '正在等待加签人办理',
    );
    const added = run.item('review', 1);
    expect(added).toMatchObject({
      assignee: { userId: expert.userId },
      added: { position: 'before' },
    });
    run.do(expert, { type: 'complete', workItemId: added.id, opinion: '技术上可行' });
    expect(run.item('review')).toMatchObject({ id: review.id, status: 'claimed' });
    run.do(reviewer, { type: 'complete', workItemId: review.id });
    expect(run.liveNodes()).toEqual(['decide']);
  });

  test('RUN-4 后加签: the added signer handles after the handler, before the flow moves on', () => {
    const run = accepted();
    const review = claimed(run);
    run.do(reviewer, {
      type: 'addSigner',
      workItemId: review.id,
      signer: { postIds: ['p-expert'] },
      position: 'after',
    });
    run.do(reviewer, { type: 'complete', workItemId: review.id });
    expect(run.item('review')).toMatchObject({
      candidatePostIds: ['p-expert'],
      added: { position: 'after' },
    });
    run.handle(expert, 'review');
    expect(run.liveNodes()).toEqual(['decide']);
  });
});

describe('取回 (RUN-4)', () => {
  test('RUN-4 取回 while the next step is untouched re-opens the step for its handler with their opinion', () => {
    const run = accepted();
    const review = claimed(run);
    run.do(reviewer, { type: 'complete', workItemId: review.id, opinion: '同意' });
    const decide = run.item('decide');
    expect(run.fail(reviewer2, { type: 'takeBack', workItemId: review.id }).code).toBe(
      'not_assignee',
    );
    run.do(reviewer, { type: 'takeBack', workItemId: review.id });
    expect(run.s.workItems.find((w) => w.id === decide.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'takenBack',
    });
    expect(run.item('review')).toMatchObject({
      status: 'claimed',
      assignee: { userId: reviewer.userId },
      draft: { opinion: '同意' },
    });
    expect(run.fail(reviewer, { type: 'takeBack', workItemId: review.id }).code).toBe(
      'not_reversible',
    );
  });

  test('RUN-4 取回 is refused once the next step has been claimed', () => {
    const run = accepted();
    const review = claimed(run);
    run.do(reviewer, { type: 'complete', workItemId: review.id });
    claimed(run, chief, 'decide');
    const error = run.fail(reviewer, { type: 'takeBack', workItemId: review.id });
    expect(error.code).toBe('not_reversible');
    expect(error.message).toContain('「决定」已有人签收');
  });
});

describe('暂停 and 恢复 (RUN-4, RUN-6)', () => {
  test('RUN-4 暂停 only for a procedure the step declares as excluded time, with the reason', () => {
    const run = accepted();
    const review = claimed(run);
    const error = run.fail(reviewer, {
      type: 'suspend',
      workItemId: review.id,
      procedure: 'inspection',
      reason: '送检',
    });
    expect(error.code).toBe('procedure_not_declared');
    expect(error.message).toContain('可暂停的程序：听证');
    run.do(reviewer, {
      type: 'suspend',
      workItemId: review.id,
      procedure: 'hearing',
      reason: '举行听证',
    });
    expect(run.s.status).toBe('suspended');
    expect(run.s.pauses).toMatchObject([
      { kind: 'suspension', procedure: 'hearing', reason: '举行听证' },
    ]);
    expect(run.s.deadlines.promised!.dueAt).toBeNull();
    expect(run.item('review').dueAt).toBeNull();
    const refused = run.fail(reviewer, { type: 'complete', workItemId: review.id });
    expect(refused.code).toBe('wrong_state');
    expect(refused.message).toBe(
      '不能办理：办件已暂停（举行听证），计时已停止，须先恢复办理（当前状态：已暂停）',
    );
  });

  test('RUN-6 恢复 restarts the clock and moves the due instants by the paused days', () => {
    const run = accepted();
    const due = run.s.deadlines.promised!.dueAt;
    const review = claimed(run);
    run.do(reviewer, {
      type: 'suspend',
      workItemId: review.id,
      procedure: 'hearing',
      reason: '举行听证',
    });
    // Ten working days from Monday 22 September, across National Day: Saturday 11 October.
    expect(due).toBe('2025-10-11T16:00:00.000Z');
    // Paused Monday 22 to Wednesday 24: the 22nd is the start day, which never counts, so the
    // 23rd and 24th are lost and the limit ends two working days later, Tuesday 14 October.
    run.do(
      reviewer,
      { type: 'resume', opinion: '听证结束' },
      { at: new Date('2025-09-24T02:00:00Z') },
    );
    expect(run.s.status).toBe('inProgress');
    expect(run.s.deadlines.promised!.dueAt).toBe('2025-10-14T16:00:00.000Z');
  });
});

describe('every command refuses the states where it makes no sense, saying why (RUN-5)', () => {
  const concluded = () => {
    const run = accepted();
    run.handle(reviewer, 'review');
    run.handle(chief, 'decide');
    return run;
  };
  const commands: [CaseCommand, typeof clerk][] = [
    [{ type: 'preReview', decision: 'pass' }, clerk],
    [
      { type: 'submitApplication', applicationNo: 'x', applicant: APPLICANT, data: APPLICATION },
      applicantActor,
    ],
    [{ type: 'accept', caseNo: 'x' }, clerk],
    [{ type: 'refuse', reason: 'x' }, clerk],
    [{ type: 'requestCorrection', items: [{ name: 'x', reason: 'y' }] }, clerk],
    [{ type: 'supplyCorrection', materials: [] }, applicantActor],
    [{ type: 'claim', workItemId: 'x' }, reviewer],
    [{ type: 'saveDraft', workItemId: 'x' }, reviewer],
    [{ type: 'complete', workItemId: 'x' }, reviewer],
    [{ type: 'suspend', workItemId: 'x', procedure: 'hearing', reason: 'x' }, reviewer],
    [{ type: 'resume' }, reviewer],
    [{ type: 'returnTo', workItemId: 'x', toNodeId: 'accept', reason: 'x' }, reviewer],
    [{ type: 'reassign', workItemId: 'x', to: { postIds: ['p'] }, reason: 'x' }, reviewer],
    [
      { type: 'addSigner', workItemId: 'x', signer: { postIds: ['p'] }, position: 'after' },
      reviewer,
    ],
    [{ type: 'takeBack', workItemId: 'x' }, reviewer],
    [{ type: 'withdraw' }, applicantActor],
    [{ type: 'conclude', workItemId: 'x', decision: { result: 'granted', text: 'x' } }, chief],
    [{ type: 'terminate', reason: 'x' }, admin],
    [{ type: 'urge' }, applicantActor],
    [{ type: 'deliverMessage', messageName: 'x', deliveryId: 'd' }, system],
  ];

  test.each(commands.map(([c, a]) => [c.type, c, a] as const))(
    'RUN-5 %s on a concluded case is refused with wrong_state and the reason',
    (_type, command, actor) => {
      const error = concluded().fail(actor, command);
      expect(error.code).toBe('wrong_state');
      expect(error.message).toMatch(/^不能.+：办件已办结（当前状态：已办结）$/);
    },
  );

  test('RUN-5 tick on an ended case does nothing', () => {
    const run = concluded();
    const result = run.do(system, { type: 'tick' });
    expect(result.events).toEqual([]);
    expect(result.trail).toEqual([]);
  });

  test('RUN-5 in each live state the operations that do not fit are refused, each with its reason', () => {
    const pending = new CaseRun(def);
    pending.startAtWindow();
    expect(pending.fail(reviewer, { type: 'complete', workItemId: 'x' }).message).toContain(
      '办件尚未受理',
    );
    expect(pending.fail(reviewer, { type: 'resume' }).message).toContain('办件尚未受理');
    const online = new CaseRun(def);
    online.do(applicantActor, {
      type: 'submitApplication',
      caseId: 'c',
      applicationNo: 'SQ-330303-20250922-000002',
      applicant: APPLICANT,
      data: APPLICATION,
    });
    expect(online.fail(clerk, { type: 'accept', caseNo: 'x' }).message).toContain('申请尚在预审');
    const working = accepted();
    expect(working.fail(clerk, { type: 'accept', caseNo: 'x' }).message).toContain(
      '办件已受理，正在办理中',
    );
    expect(
      working.fail(applicantActor, { type: 'supplyCorrection', materials: [] }).message,
    ).toContain('正在办理中');
    expect(
      working.fail(applicantActor, {
        type: 'submitApplication',
        applicationNo: 'x',
        applicant: APPLICANT,
      }).code,
    ).toBe('wrong_state');
    expect(working.fail(clerk, { type: 'startAtWindow', applicant: APPLICANT }).message).toContain(
      '正在办理中',
    );
  });

  test('RUN-5 a case runs only on the definition version it started with (CAT-6)', () => {
    const run = accepted();
    const onNewVersion = new CaseRun({ ...def, itemVersion: 4 });
    onNewVersion.state = run.s;
    const error = onNewVersion.fail(reviewer, { type: 'claim', workItemId: run.item('review').id });
    expect(error.code).toBe('invalid_command');
    expect(error.message).toContain('事项版本');
  });
});
