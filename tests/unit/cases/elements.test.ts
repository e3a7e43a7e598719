import type { CompiledProcess, GatewayNode } from '../../../runtime/process/compiled';
import {
  and,
  chain,
  end,
  flow,
  inclusive,
  processXml,
  service,
  start,
  timer,
  user,
  xor,
} from '../process/build';
import {
  CaseRun,
  chief,
  clerk,
  compile,
  definition,
  expert,
  reviewer,
  reviewer2,
  system,
  templateWithPosts,
  townClerk,
  ALL_MATERIALS,
  APPLICANT,
  APPLICATION,
  TOWNSHIP,
} from './fixtures';

const window = (id = 'accept', name = '受理') =>
  user(id, name, { posts: ['p-window'], limit: [1, 'workingDays'] });
const step = (
  id: string,
  name: string,
  post = 'p-review',
  extra: Parameters<typeof user>[2] = {},
) => user(id, name, { posts: [post], limit: [2, 'workingDays'], ...extra });

async function exclusiveProcess(): Promise<CompiledProcess> {
  return compile(
    processXml(
      [
        start(),
        window(),
        xor('size', '规模', 'toSmall'),
        step('big', '大额审查', 'p-decide'),
        step('large', '大型企业审查', 'p-decide'),
        step('small', '一般审查', 'p-review'),
        xor('merge'),
        end(),
        flow('f1', 'start', 'accept'),
        flow('f2', 'accept', 'size'),
        flow('toBig', 'size', 'big', { name: '大额', condition: 'amount > 1000' }),
        flow('toLarge', 'size', 'large', { name: '大型', condition: 'scale = "large"' }),
        flow('toSmall', 'size', 'small', { name: '其他' }),
        flow('f3', 'big', 'merge'),
        flow('f4', 'small', 'merge'),
        flow('f6', 'large', 'merge'),
        flow('f5', 'merge', 'end'),
      ],
      { form: 'apply' },
    ),
  );
}

function started(process: CompiledProcess, data = APPLICATION) {
  const run = new CaseRun(definition(process));
  run.startAtWindow({ data });
  run.accept();
  return run;
}

describe('exclusive gateways (RUN-3, PROC-3)', () => {
  let process: CompiledProcess;
  beforeAll(async () => {
    process = await exclusiveProcess();
  });

  test('RUN-3 the first condition that holds, in diagram order, chooses the path', () => {
    expect(started(process, { ...APPLICATION, amount: 5000 }).liveNodes()).toEqual(['big']);
    expect(started(process, { ...APPLICATION, scale: 'large' }).liveNodes()).toEqual(['large']);
    expect(started(process, { ...APPLICATION, amount: 5000, scale: 'large' }).liveNodes()).toEqual([
      'big',
    ]);
  });

  test('RUN-3 the default flow is taken when no condition holds', () => {
    expect(started(process).liveNodes()).toEqual(['small']);
  });

  test('RUN-5 no condition holding and no default flow is the error no_matching_flow, not a wrong path', () => {
    const broken = structuredClone(process);
    const gateway = broken.nodes.find((n) => n.id === 'size') as GatewayNode;
    gateway.outgoing = gateway.outgoing.filter((f) => f !== gateway.defaultFlowId);
    delete gateway.defaultFlowId;
    const run = new CaseRun(definition(broken));
    run.startAtWindow();
    const error = run.fail(clerk, { type: 'accept', caseNo: '33030300AJ-20250922-000001' });
    expect(error.code).toBe('no_matching_flow');
    expect(error.message).toContain('网关「规模」');
    expect(error.message).toContain('amount > 1000');
    expect(run.s.status).toBe('pendingAcceptance');
  });
});

describe('parallel split and join (RUN-3, PROC-3)', () => {
  let process: CompiledProcess;
  beforeAll(async () => {
    process = await compile(
      processXml(
        [
          start(),
          window(),
          and('split', '并联审查'),
          step('legal', '法规审查'),
          step('tech1', '技术初审', 'p-expert'),
          step('tech2', '技术复审', 'p-expert'),
          and('join'),
          step('decide', '决定', 'p-decide'),
          end(),
          ...chain(['start', 'accept', 'split'], 'a'),
          flow('b1', 'split', 'legal'),
          flow('b2', 'split', 'tech1'),
          flow('b3', 'tech1', 'tech2'),
          flow('b4', 'legal', 'join'),
          flow('b5', 'tech2', 'join'),
          ...chain(['join', 'decide', 'end'], 'c'),
        ],
        { form: 'apply' },
      ),
    );
  });

  test('RUN-3 a parallel split opens every branch; the join waits for all of them', () => {
    const run = started(process);
    expect(run.liveNodes()).toEqual(['legal', 'tech1']);
    run.handle(reviewer, 'legal');
    expect(run.liveNodes()).toEqual(['tech1']);
    expect(run.s.splits[0]!.arrived).toHaveLength(1);
    run.handle(expert, 'tech1');
    run.handle(expert, 'tech2');
    expect(run.liveNodes()).toEqual(['decide']);
    expect(run.s.splits).toEqual([]);
    run.handle(chief, 'decide');
    expect(run.s.status).toBe('concluded');
  });

  test('RUN-4 退回 out of a parallel branch cancels the sibling branches and resets the join', () => {
    const run = started(process);
    run.handle(reviewer, 'legal');
    run.handle(expert, 'tech1');
    const tech2 = run.item('tech2');
    run.do(expert, { type: 'claim', workItemId: tech2.id });
    run.do(expert, {
      type: 'returnTo',
      workItemId: tech2.id,
      toNodeId: 'accept',
      reason: '受理信息有误',
    });
    expect(run.liveNodes()).toEqual(['accept']);
    expect(run.s.splits).toEqual([]);
    expect(run.s.tokens).toHaveLength(1);
    const reopened = run.item('accept');
    expect(reopened).toMatchObject({
      status: 'claimed',
      assignee: { userId: clerk.userId },
      unitBound: true,
    });
    const cancelled = run.events.filter((e) => e.type === 'workItemCancelled');
    expect(cancelled.map((e) => 'reason' in e && e.reason)).toEqual(['returned']);
    // Through the block again: both branches anew, the join counting from zero.
    run.do(clerk, { type: 'complete', workItemId: reopened.id });
    expect(run.liveNodes()).toEqual(['legal', 'tech1']);
    run.handle(reviewer, 'legal');
    expect(run.liveNodes()).toEqual(['tech1']);
  });

  test('RUN-4 退回 within one branch leaves the other branch as it is', () => {
    const run = started(process);
    run.handle(expert, 'tech1');
    const tech2 = run.item('tech2');
    run.do(expert, { type: 'claim', workItemId: tech2.id });
    run.do(expert, {
      type: 'returnTo',
      workItemId: tech2.id,
      toNodeId: 'tech1',
      reason: '数据不全',
    });
    expect(run.liveNodes()).toEqual(['legal', 'tech1']);
    expect(run.item('tech1').assignee?.userId).toBe(expert.userId);
  });

  test('RUN-4 退回 into a sibling branch, or into a branch already merged, is refused as not on the path', () => {
    const run = started(process);
    run.handle(reviewer, 'legal');
    const tech1 = run.item('tech1');
    run.do(expert, { type: 'claim', workItemId: tech1.id });
    expect(
      run.fail(expert, { type: 'returnTo', workItemId: tech1.id, toNodeId: 'legal', reason: 'x' })
        .code,
    ).toBe('not_on_path');
    run.do(expert, { type: 'complete', workItemId: tech1.id });
    run.handle(expert, 'tech2');
    const decide = run.item('decide');
    run.do(chief, { type: 'claim', workItemId: decide.id });
    const error = run.fail(chief, {
      type: 'returnTo',
      workItemId: decide.id,
      toNodeId: 'legal',
      reason: 'x',
    });
    expect(error.code).toBe('not_on_path');
    expect(error.message).toContain('并行开始之前');
    run.do(chief, {
      type: 'returnTo',
      workItemId: decide.id,
      toNodeId: 'accept',
      reason: '重新受理',
    });
    expect(run.liveNodes()).toEqual(['accept']);
  });
});

describe('inclusive split and join (RUN-3)', () => {
  let process: CompiledProcess;
  beforeAll(async () => {
    process = await compile(
      processXml(
        [
          start(),
          window(),
          inclusive('which', '需要哪些审查', 'toBasic'),
          step('fire', '消防审查'),
          step('env', '环保审查', 'p-expert'),
          step('basic', '一般审查'),
          inclusive('join'),
          step('decide', '决定', 'p-decide'),
          end(),
          ...chain(['start', 'accept', 'which'], 'a'),
          flow('toFire', 'which', 'fire', { condition: 'amount > 1000' }),
          flow('toEnv', 'which', 'env', { condition: 'scale = "large"' }),
          flow('toBasic', 'which', 'basic'),
          flow('j1', 'fire', 'join'),
          flow('j2', 'env', 'join'),
          flow('j3', 'basic', 'join'),
          ...chain(['join', 'decide', 'end'], 'c'),
        ],
        { form: 'apply' },
      ),
    );
  });

  test('RUN-3 an inclusive join waits only for the branches its split activated', () => {
    const run = started(process, { ...APPLICATION, amount: 5000 });
    expect(run.liveNodes()).toEqual(['fire']);
    run.handle(reviewer, 'fire');
    expect(run.liveNodes()).toEqual(['decide']);
  });

  test('RUN-3 with two branches activated the inclusive join waits for both', () => {
    const run = started(process, { ...APPLICATION, amount: 5000, scale: 'large' });
    expect(run.liveNodes()).toEqual(['env', 'fire']);
    run.handle(reviewer, 'fire');
    expect(run.liveNodes()).toEqual(['env']);
    run.handle(expert, 'env');
    expect(run.liveNodes()).toEqual(['decide']);
  });

  test('RUN-3 the default branch runs only when no condition holds', () => {
    expect(started(process).liveNodes()).toEqual(['basic']);
  });
});

describe('multi-instance steps: 会签, 或签, ratio (RUN-3)', () => {
  const build = (config: Record<string, string>, multi: 'parallel' | 'sequential' = 'parallel') =>
    compile(
      processXml(
        [
          start(),
          window(),
          user('sign', '会签', {
            posts: ['p-review', 'p-expert', 'p-decide'],
            limit: [3, 'workingDays'],
            config,
            multi,
          }),
          xor('gw', '是否通过'),
          step('yes', '制证', 'p-window'),
          step('no', '告知', 'p-window'),
          xor('merge'),
          end(),
          ...chain(['start', 'accept', 'sign', 'gw'], 'a'),
          flow('ok', 'gw', 'yes', { condition: 'outcome = "approve"' }),
          flow('nok', 'gw', 'no', { condition: 'outcome != "approve"' }),
          flow('m1', 'yes', 'merge'),
          flow('m2', 'no', 'merge'),
          flow('m3', 'merge', 'end'),
        ],
        { form: 'apply' },
      ),
    );

  test('RUN-3 会签 (all) creates one instance per post and moves on when all have signed', async () => {
    const run = started(await build({ signing: 'all' }));
    expect(run.liveNodes()).toEqual(['sign', 'sign', 'sign']);
    expect(
      run.s.workItems.filter((w) => w.nodeId === 'sign').map((w) => w.candidatePostIds),
    ).toEqual([['p-review'], ['p-expert'], ['p-decide']]);
    run.handle(reviewer, 'sign', { outcome: 'approve' });
    run.handle(expert, 'sign', { outcome: 'approve' });
    expect(run.liveNodes()).toEqual(['sign']);
    run.handle(chief, 'sign', { outcome: 'reject' });
    expect(run.liveNodes()).toEqual(['no']);
    expect(run.s.outcome).toBe('reject');
  });

  test('RUN-3 或签 (any): the first signature decides and the other instances are cancelled', async () => {
    const run = started(await build({ signing: 'any' }));
    run.handle(expert, 'sign', { outcome: 'approve' });
    expect(run.liveNodes()).toEqual(['yes']);
    expect(run.s.workItems.filter((w) => w.cancelReason === 'signingDecided')).toHaveLength(2);
  });

  test('RUN-3 a ratio is decided as soon as enough approvals are in, or can no longer be reached', async () => {
    const process = await build({ signing: 'ratio', signingRatio: '0.6' });
    const approved = started(process);
    approved.handle(reviewer, 'sign', { outcome: 'approve' });
    expect(approved.liveNodes()).toEqual(['sign', 'sign']);
    approved.handle(expert, 'sign', { outcome: 'approve' });
    expect(approved.liveNodes()).toEqual(['yes']);
    const rejected = started(process);
    rejected.handle(reviewer, 'sign', { outcome: 'reject' });
    rejected.handle(expert, 'sign', { outcome: 'reject' });
    expect(rejected.liveNodes()).toEqual(['no']);
  });

  test('RUN-3 a sequential multi-instance step creates the next instance when the previous one is done', async () => {
    const run = started(await build({ signing: 'all' }, 'sequential'));
    expect(
      run.s.workItems.filter((w) => w.nodeId === 'sign').map((w) => w.candidatePostIds),
    ).toEqual([['p-review']]);
    run.handle(reviewer, 'sign');
    expect(run.item('sign').candidatePostIds).toEqual(['p-expert']);
    run.handle(expert, 'sign');
    run.handle(chief, 'sign');
    expect(run.liveNodes()).toEqual(['yes']);
  });

  test('RUN-3 the command reaching a multi-instance step may name the signers: one instance each, assigned', async () => {
    const run = new CaseRun(definition(await build({ signing: 'all' })));
    run.startAtWindow();
    run.accept(clerk, {
      signers: [
        {
          nodeId: 'sign',
          people: [
            { userId: reviewer.userId, name: reviewer.name },
            { userId: reviewer2.userId, name: reviewer2.name },
          ],
        },
      ],
    });
    const items = run.s.workItems.filter((w) => w.nodeId === 'sign');
    expect(items.map((w) => [w.status, w.assignee?.userId])).toEqual([
      ['claimed', reviewer.userId],
      ['claimed', reviewer2.userId],
    ]);
    run.do(reviewer, { type: 'complete', workItemId: items[0]!.id });
    run.do(reviewer2, { type: 'complete', workItemId: items[1]!.id });
    expect(run.liveNodes()).toEqual(['yes']);
  });

  test('RUN-4 加签 on a multi-instance step adds one more instance that must sign too', async () => {
    const run = started(await build({ signing: 'all' }));
    const mine = run.item('sign', 0);
    run.do(reviewer, { type: 'claim', workItemId: mine.id });
    run.do(reviewer, {
      type: 'addSigner',
      workItemId: mine.id,
      signer: { user: { userId: reviewer2.userId, name: reviewer2.name } },
      position: 'after',
      reason: '请法规科会签',
    });
    expect(run.liveNodes()).toEqual(['sign', 'sign', 'sign', 'sign']);
    run.do(reviewer, { type: 'complete', workItemId: mine.id });
    run.handle(expert, 'sign');
    run.handle(chief, 'sign');
    expect(run.liveNodes()).toEqual(['sign']);
    run.do(reviewer2, { type: 'complete', workItemId: run.item('sign').id, outcome: 'approve' });
    expect(run.liveNodes()).toEqual(['yes']);
  });

  test('RUN-4 加签 before the next signer on a sequential step puts the added signer next in turn', async () => {
    const run = started(await build({ signing: 'all' }, 'sequential'));
    const first = run.item('sign');
    run.do(reviewer, { type: 'claim', workItemId: first.id });
    run.do(reviewer, {
      type: 'addSigner',
      workItemId: first.id,
      signer: { postIds: ['p-window'] },
      position: 'before',
    });
    run.do(reviewer, { type: 'complete', workItemId: first.id });
    expect(run.item('sign').candidatePostIds).toEqual(['p-window']);
    run.handle(clerk, 'sign');
    expect(run.item('sign').candidatePostIds).toEqual(['p-expert']);
  });
});

describe('timer boundary events (RUN-3, RUN-5)', () => {
  test('RUN-5 a non-interrupting timer (催办 after P3D) starts its side path and the step goes on', async () => {
    const process = await compile(
      templateWithPosts('promised.bpmn', {
        Task_accept: 'p-window',
        Task_review: 'p-review',
        Task_decide: 'p-decide',
      }),
      { promisedLimit: { value: 10, unit: 'workingDays' } },
    );
    const run = new CaseRun(definition(process));
    run.startAtWindow();
    run.accept();
    const timer = run.s.timers[0]!;
    // Created Monday 22 September: three working days end Thursday 25 September 24:00.
    expect(timer.fireAt).toBe('2025-09-25T16:00:00.000Z');
    run.do(system, { type: 'tick' }, { at: new Date('2025-09-25T15:00:00Z') });
    expect(run.events.some((e) => e.type === 'timerFired')).toBe(false);
    run.do(system, { type: 'tick' }, { at: new Date('2025-09-26T01:00:00Z') });
    const fired = run.events.find((e) => e.type === 'timerFired');
    expect(fired).toMatchObject({ boundaryId: 'Timer_remind', interrupting: false });
    expect(
      run.events
        .filter((e) => e.type === 'serviceTaskRequested')
        .map((e) => 'nodeId' in e && e.nodeId),
    ).toEqual(['Task_remind']);
    expect(run.liveNodes()).toEqual(['Task_review']);
    expect(run.s.timers).toEqual([]);
    run.do(system, { type: 'tick' }, { at: new Date('2025-09-26T02:00:00Z') });
    expect(run.events.filter((e) => e.type === 'timerFired')).toHaveLength(1);
  });

  test('RUN-5 an interrupting timer cancels its step and takes the timer path', async () => {
    const process = await compile(
      processXml(
        [
          start(),
          window(),
          step('review', '审核'),
          timer('late', '超时', 'review', 'PT4H'),
          step('escalate', '科长督办', 'p-decide'),
          xor('merge'),
          end(),
          ...chain(['start', 'accept', 'review', 'merge', 'end'], 'a'),
          flow('t1', 'late', 'escalate'),
          flow('t2', 'escalate', 'merge'),
        ],
        { form: 'apply' },
      ),
    );
    const run = started(process);
    const review = run.item('review');
    // Created Monday 09:20: four office hours run to 15:20 (lunch 12:00–14:00 does not count).
    expect(run.s.timers[0]!.fireAt).toBe('2025-09-22T07:20:00.000Z');
    run.do(system, { type: 'tick' }, { at: new Date('2025-09-22T07:10:00Z') });
    expect(run.liveNodes()).toEqual(['review']);
    run.do(system, { type: 'tick' }, { at: new Date('2025-09-22T07:30:00Z') });
    expect(run.s.workItems.find((w) => w.id === review.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'timer',
    });
    expect(run.liveNodes()).toEqual(['escalate']);
    run.handle(chief, 'escalate');
    expect(run.s.status).toBe('concluded');
  });

  test('RUN-5 an interrupting timer into a terminate end ends the case as terminated (补办件 期满)', async () => {
    const process = await compile(
      templateWithPosts('deferredMaterials.bpmn', {
        Task_accept: 'p-window',
        Task_review: 'p-review',
        Task_decide: 'p-decide',
        Task_materials: 'p-window',
      }),
      { promisedLimit: { value: 10, unit: 'workingDays' } },
    );
    const run = new CaseRun(definition(process, { handlingKind: 'deferredMaterials' }));
    run.startAtWindow({ materials: [ALL_ONE] });
    run.accept();
    expect(run.s.materials.find((m) => m.materialId === 'm-plan')).toMatchObject({
      deferred: true,
    });
    run.handle(reviewer, 'Task_review');
    run.handle(chief, 'Task_decide', { outcome: 'approve' });
    expect(run.liveNodes()).toEqual(['Task_materials']);
    run.do(system, { type: 'tick' }, { at: new Date('2025-12-31T01:00:00Z') });
    expect(run.s.status).toBe('terminated');
    expect(run.s.result).toMatchObject({ finalState: 'terminated', opinion: '办件终止' });
    expect(run.events.map((e) => e.type)).toContain('caseTerminated');
  });
});

const ALL_ONE = { materialId: 'm-licence', files: [{ fileId: 'f1', name: '营业执照.pdf' }] };

describe('message catch events and service tasks (RUN-3, RUN-12)', () => {
  let process: CompiledProcess;
  beforeAll(async () => {
    process = await compile(
      templateWithPosts('escalated.bpmn', {
        Task_accept: 'p-window',
        Task_review: 'p-review',
        Task_deliver: 'p-window',
      }),
      { promisedLimit: { value: 10, unit: 'workingDays' } },
    );
  });

  test('RUN-12 上报: the push is requested, the case waits for the reply with the clock stopped, the reply moves it on', () => {
    const run = new CaseRun(definition(process, { handlingKind: 'escalated' }));
    run.startAtWindow();
    run.accept();
    run.handle(reviewer, 'Task_review');
    const push = run.events.find((e) => e.type === 'serviceTaskRequested');
    expect(push).toMatchObject({ action: 'push', target: 'superior', nodeId: 'Task_report' });
    expect(run.s.tokens.map((t) => [t.nodeId, t.waiting])).toEqual([['Event_reply', 'message']]);
    expect(run.s.pauses.at(-1)).toMatchObject({ kind: 'escalation' });
    expect(run.s.deadlines.promised!.dueAt).toBeNull();
    expect(
      run.fail(system, { type: 'deliverMessage', messageName: '别的消息', deliveryId: 'd0' }).code,
    ).toBe('no_message_wait');
    run.do(system, {
      type: 'deliverMessage',
      messageName: '上级审批结果',
      deliveryId: 'd1',
      outcome: 'approve',
      opinion: '同意',
    });
    expect(run.liveNodes()).toEqual(['Task_deliver']);
    expect(run.s.pauses.at(-1)!.to).toBeDefined();
    expect(run.s.deadlines.promised!.dueAt).not.toBeNull();
    const before = JSON.stringify(run.s);
    const again = run.do(system, {
      type: 'deliverMessage',
      messageName: '上级审批结果',
      deliveryId: 'd1',
    });
    expect(again.events).toEqual([]);
    expect(JSON.stringify(run.s)).toBe(before);
    run.handle(clerk, 'Task_deliver');
    expect(run.s.status).toBe('concluded');
  });

  test('RUN-12 基层反馈: a 上报件 accepted at 永中街道 is delivered by 永中街道 (handledBy="acceptingUnit"), not by the county', () => {
    const run = new CaseRun(definition(process, { handlingKind: 'escalated' }));
    run.do(townClerk, {
      type: 'startAtWindow',
      caseId: 'case-1',
      applicant: APPLICANT,
      data: APPLICATION,
      materials: ALL_MATERIALS,
      township: true,
    });
    run.accept(townClerk);
    run.handle(reviewer, 'Task_review');
    run.do(system, {
      type: 'deliverMessage',
      messageName: '上级审批结果',
      deliveryId: 'd1',
      outcome: 'approve',
      opinion: '同意',
    });
    const deliver = run.item('Task_deliver');
    expect(deliver).toMatchObject({ unit: TOWNSHIP, unitBound: true });
    expect(run.fail(clerk, { type: 'claim', workItemId: deliver.id }).code).toBe('not_candidate');
    run.handle(townClerk, 'Task_deliver');
    expect(run.s.status).toBe('concluded');
    expect(run.trail.find((e) => e.process?.step?.id === 'Task_deliver')).toMatchObject({
      actor: { name: townClerk.name },
      process: { department: TOWNSHIP },
    });
  });

  test('RUN-5 service task requests carry stable ids: the same transition of the same state gives the same ids', () => {
    const a = new CaseRun(definition(process));
    const b = new CaseRun(definition(process));
    for (const run of [a, b]) {
      run.startAtWindow();
      run.accept();
      run.handle(reviewer, 'Task_review');
    }
    expect(a.events.map((e) => e.id)).toEqual(b.events.map((e) => e.id));
    expect(new Set(a.events.map((e) => e.id)).size).toBe(a.events.length);
  });
});

describe('the 即办件 template (RUN-3)', () => {
  test('RUN-3 accepting at the window completes 受理并办结 and the case concludes at once', async () => {
    const process = await compile(
      templateWithPosts('immediate.bpmn', { Task_handle: 'p-window' }),
      {
        promisedLimit: undefined,
      },
    );
    const run = new CaseRun(
      definition(process, { handlingKind: 'immediate', promisedLimit: undefined }),
    );
    run.startAtWindow();
    // Registered Monday 09:10: four office hours end at 15:10, the lunch break not counted.
    expect(run.item('Task_handle').dueAt).toBe('2025-09-22T07:10:00.000Z');
    run.accept(clerk, { opinion: '当场办结' });
    expect(run.s.status).toBe('concluded');
    expect(run.s.result!.finalState).toBe('granted');
    void service;
  });
});

describe('联办 across departments (RUN-12, PROC-3)', () => {
  test('RUN-12 a 联办 branch is handled in its assisting unit; staff elsewhere holding the post cannot claim it', async () => {
    const xml = templateWithPosts('joint.bpmn', {
      Task_accept: 'p-window',
      Task_lead: 'p-review',
      Task_assist: 'p-expert',
      Task_decide: 'p-decide',
    }).replace('jointRole="assisting"', 'jointRole="assisting" unitId="dept-zj"');
    const run = new CaseRun(
      definition(await compile(xml), {
        handlingKind: 'joint',
        units: [{ id: 'dept-zj', name: '住房和城乡建设局' }],
      }),
    );
    run.startAtWindow();
    run.accept();
    expect(run.liveNodes()).toEqual(['Task_assist', 'Task_lead']);
    const assist = run.item('Task_assist');
    expect(assist).toMatchObject({ unit: { id: 'dept-zj' }, unitBound: true });
    expect(run.fail(expert, { type: 'claim', workItemId: assist.id }).code).toBe('not_candidate');
    const colleague = {
      ...expert,
      userId: 'u-zj',
      name: '住建专家',
      departmentId: 'dept-zj',
      unitId: 'dept-zj-office',
    };
    run.handle(colleague, 'Task_assist', { opinion: '同意' });
    run.handle(reviewer, 'Task_lead');
    expect(run.liveNodes()).toEqual(['Task_decide']);
    expect(
      run.trail.find((e) => e.actor.userId === 'u-zj' && e.action === 'complete')!.process!
        .department,
    ).toEqual({
      id: 'dept-zj',
      name: '住房和城乡建设局',
    });
  });
});
