import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import {
  ALL_MATERIALS,
  applicantClient,
  approvedItem,
  caseWorld,
  command,
  FORM_DATA,
  must,
  residentId,
  windowCase,
  workItemAt,
  type World,
} from './world';

/** A case from the window to 办结, and the operations on the way (RUN-1 … RUN-4, RUN-7, RUN-11). */
describe('case lifecycle over the API (RUN-1, RUN-2, RUN-3, RUN-4)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;
  let itemId: string;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    world = await caseWorld(server, [
      'aj.clerk',
      'reviewer',
      'aj.officer',
      'aj.chief',
      'gs.window',
    ]);
    itemId = await approvedItem(world);
  });
  afterAll(() => server.close());

  const queue = async (who: string, name: string) =>
    (await world.as[who]!.get(`/api/work-queues/${name}`)).body as {
      total: number;
      items: { caseId: string; workItemId?: string; stepName?: string; remaining?: number }[];
    };
  const counts = async (who: string) =>
    Object.fromEntries(
      (
        (await world.as[who]!.get('/api/work-queues')).body.items as {
          queue: string;
          count: number;
        }[]
      ).map((q) => [q.queue, q.count]),
    );

  test('RUN-1/RUN-3: window start → accept with a case number → claim → complete each step → 办结, trail verifying', async () => {
    const caseId = await windowCase(world, itemId);
    let seen = await world.as['aj.officer']!.get(`/api/cases/${caseId}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ status: 'pendingAcceptance', itemVersion: 1 });
    expect((await queue('aj.officer', 'acceptance')).items.map((r) => r.caseId)).toContain(caseId);
    expect((await counts('aj.officer')).acceptance).toBeGreaterThanOrEqual(1);

    world.clock.minutes(10);
    const accepted = await must(world, 'aj.officer', caseId, {
      type: 'accept',
      opinion: '材料齐全',
    });
    expect(accepted.status).toBe('inProgress');
    // RUN-11: subject code, acceptance day in Shanghai, serial.
    expect(accepted.caseNo).toMatch(/^33030300AJ-20260907-\d{6}$/);
    expect(accepted.workItems.map((w) => w.nodeId)).toEqual(['review']);

    const todo = await queue('aj.officer', 'todo');
    const row = todo.items.find((r) => r.caseId === caseId)!;
    expect(row).toMatchObject({ stepName: '审核' });
    expect(row.remaining).toBe(3);

    world.clock.minutes(30);
    await must(world, 'aj.officer', caseId, { type: 'claim', workItemId: row.workItemId });
    world.clock.minutes(90);
    await must(world, 'aj.officer', caseId, {
      type: 'complete',
      workItemId: row.workItemId,
      opinion: '经审查符合条件',
      data: { description: '现场核查无异常' },
    });
    expect((await queue('aj.officer', 'done')).items.map((r) => r.caseId)).toContain(caseId);
    // 决定 is the last step handled by people: it waits in 待办结 of the 科长.
    const conclusion = await queue('aj.chief', 'conclusion');
    const decide = conclusion.items.find((r) => r.caseId === caseId)!;
    expect(decide.stepName).toBe('决定');

    world.clock.minutes(60);
    await must(world, 'aj.chief', caseId, { type: 'claim', workItemId: decide.workItemId });
    world.clock.minutes(60);
    const concluded = await must(world, 'aj.chief', caseId, {
      type: 'conclude',
      workItemId: decide.workItemId,
      decision: { result: 'granted', text: '准予核发危险化学品经营许可证' },
      opinion: '同意',
    });
    expect(concluded.status).toBe('concluded');
    expect(concluded.events.map((e) => e.type)).toContain('caseConcluded');

    seen = await world.as['aj.chief']!.get(`/api/cases/${caseId}`);
    expect(seen.body.state.result).toMatchObject({ finalState: 'granted' });
    expect(seen.body.trail.map((e: { action: string }) => e.action)).toEqual([
      'apply',
      'accept',
      'claim',
      'complete',
      'claim',
      'complete',
      // The result record (RUN-9) comes with the end of the process.
      'conclude',
    ]);
    expect(seen.body.trail[2].actor).toMatchObject({
      name: '张伟',
      staffNo: 'AJ002',
      post: { name: '执法人员' },
    });
    expect(seen.body.diagram.done).toEqual(expect.arrayContaining(['accept', 'review', 'decide']));
    expect(seen.body.diagram.active).toEqual([]);
    const verified = await world.as['aj.chief']!.get(`/api/cases/${caseId}/trail/verify`);
    expect(verified.body).toMatchObject({ ok: true, entries: 7 });
    // Form data the step may write is kept; the case's list row says it ended.
    expect(seen.body.state.forms[0].values.description).toBe('现场核查无异常');
    const list = await world.as['aj.officer']!.get(`/api/cases?status=concluded`);
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(caseId);
  });

  test('RUN-2: acceptance refuses missing materials, asks once for all of them (补正), and the window supplies them', async () => {
    const caseId = await windowCase(world, itemId, { materials: [{ materialId: 'm-form' }] });
    let res = await command(world, 'aj.officer', caseId, { type: 'accept' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'materials_missing' });
    expect(res.body.error.message).toContain('安全评价报告');

    await must(world, 'aj.officer', caseId, {
      type: 'requestCorrection',
      items: [{ materialId: 'm-report', reason: '未提交' }],
    });
    expect((await queue('aj.officer', 'correction')).items.map((r) => r.caseId)).toContain(caseId);
    res = await command(world, 'aj.officer', caseId, {
      type: 'requestCorrection',
      items: [{ materialId: 'm-report', reason: '再次要求' }],
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('wrong_state');

    await must(world, 'aj.officer', caseId, {
      type: 'supplyCorrection',
      materials: [{ materialId: 'm-report' }],
    });
    const accepted = await must(world, 'aj.officer', caseId, { type: 'accept' });
    expect(accepted.status).toBe('inProgress');
  });

  test('RUN-4: 补正 during handling stops the clock: the promised due date moves by the paused working days', async () => {
    const caseId = await windowCase(world, itemId);
    await must(world, 'aj.officer', caseId, { type: 'accept' });
    const before = (await world.as['aj.officer']!.get(`/api/cases/${caseId}`)).body;
    const dueBefore = before.state.deadlines.promised.dueAt as string;
    const review = await workItemAt(world, 'aj.officer', caseId, 'review');
    await must(world, 'aj.officer', caseId, { type: 'claim', workItemId: review });
    world.clock.days(1);
    const asked = await must(world, 'aj.officer', caseId, {
      type: 'requestCorrection',
      workItemId: review,
      items: [{ name: '场所平面图', reason: '审查中发现缺少' }],
    });
    expect(asked.status).toBe('correction');
    const during = (await world.as['aj.officer']!.get(`/api/cases/${caseId}`)).body;
    expect(during.state.deadlines.promised.dueAt).toBeNull();
    expect(during.timeliness.promised).toMatchObject({ stopped: true });
    // Handling is refused while the applicant owes materials.
    const refused = await command(world, 'aj.officer', caseId, {
      type: 'complete',
      workItemId: review,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('补正');

    world.clock.days(7); // Tuesday → the following Tuesday
    await must(world, 'aj.officer', caseId, {
      type: 'supplyCorrection',
      materials: [],
      note: '已补交平面图',
    });
    const after = (await world.as['aj.officer']!.get(`/api/cases/${caseId}`)).body;
    expect(after.status).toBe('inProgress');
    const moved = Date.parse(after.state.deadlines.promised.dueAt) - Date.parse(dueBefore);
    // Six working days touched by the pause (both ends included) no longer count.
    expect(moved).toBeGreaterThanOrEqual(6 * 86_400_000);
  });

  test('RUN-4: 退回 sends the case back to the former handler of an earlier step', async () => {
    const caseId = await windowCase(world, itemId);
    await must(world, 'aj.officer', caseId, { type: 'accept' });
    const review = await workItemAt(world, 'aj.officer', caseId, 'review');
    await must(world, 'aj.officer', caseId, { type: 'claim', workItemId: review });
    world.clock.minutes(5);
    await must(world, 'aj.officer', caseId, { type: 'complete', workItemId: review });
    const decide = await workItemAt(world, 'aj.chief', caseId, 'decide');
    await must(world, 'aj.chief', caseId, { type: 'claim', workItemId: decide });
    const returned = await must(world, 'aj.chief', caseId, {
      type: 'returnTo',
      workItemId: decide,
      toNodeId: 'review',
      reason: '现场核查记录不全',
    });
    expect(returned.workItems).toEqual([
      expect.objectContaining({ nodeId: 'review', status: 'claimed', assignee: '张伟' }),
    ]);
    const todo = await queue('aj.officer', 'todo');
    expect(todo.items.some((r) => r.caseId === caseId && r.stepName === '审核')).toBe(true);
    // Issue 13: the step returned from is not drawn as done, the one returned to is active
    // (not green), and the trail says the re-opened step's limit starts again in full.
    const seen = (await world.as['aj.officer']!.get(`/api/cases/${caseId}`)).body;
    expect(seen.diagram.active).toContain('review');
    expect(seen.diagram.done).not.toContain('review');
    expect(seen.diagram.done).not.toContain('decide');
    expect(seen.diagram.done).toContain('accept');
    const entry = seen.trail.find((e: { action: string }) => e.action === 'return');
    const reopened = seen.state.workItems.find(
      (w: { nodeId: string; status: string }) => w.nodeId === 'review' && w.status === 'claimed',
    );
    expect(JSON.parse(entry.data)).toEqual({
      to: { nodeId: 'review', name: '审核' },
      restartedLimit: { value: 3, unit: 'workingDays', dueAt: reopened.dueAt },
    });
    // Returning to a step never handled is refused with the reason.
    const again = await workItemAt(world, 'aj.officer', caseId, 'review');
    const bad = await command(world, 'aj.officer', caseId, {
      type: 'returnTo',
      workItemId: again,
      toNodeId: 'decide',
      reason: 'x',
    });
    expect(bad.status).toBe(400);
  });

  test('RUN-1/RUN-4: an online application is pre-reviewed, and withdrawn (撤回) by its applicant only', async () => {
    const citizen = await applicantClient(server, '王小明', residentId());
    const applied = await citizen.post('/api/applicant/cases', {
      itemId,
      data: FORM_DATA,
      materials: ALL_MATERIALS,
    });
    expect(applied.status).toBe(201);
    expect(applied.body.status).toBe('preReview');
    const day = world.clock.now.toISOString().slice(0, 10).replaceAll('-', '');
    expect(applied.body.applicationNo).toBe(`SQ-330303-${day}-000001`);
    const caseId = applied.body.id as string;
    expect((await queue('aj.officer', 'preReview')).items.map((r) => r.caseId)).toContain(caseId);

    // The window returns it once; the applicant resubmits; the window passes it.
    await must(world, 'aj.officer', caseId, {
      type: 'preReview',
      decision: 'return',
      reasons: ['请补充经营场所地址'],
    });
    const mine = await citizen.get(`/api/applicant/cases/${caseId}`);
    expect(mine.body).toMatchObject({
      status: 'preReviewReturned',
      preReview: { reasons: ['请补充经营场所地址'] },
    });
    const resubmitted = await citizen.post(`/api/applicant/cases/${caseId}/commands`, {
      type: 'submitApplication',
      data: { ...FORM_DATA, address: '龙湾区永中街道 1 号' },
    });
    expect(resubmitted.body.error).toBeUndefined();
    expect(resubmitted.status).toBe(200);
    await must(world, 'aj.officer', caseId, { type: 'preReview', decision: 'pass' });

    // Staff record a withdrawal only with how the applicant asked for it; the applicant can.
    const staffTry = await command(world, 'aj.officer', caseId, { type: 'withdraw' } as never);
    expect(staffTry.status).toBe(400);
    expect(JSON.stringify(staffTry.body.error)).toContain('request');
    const withdrawn = await citizen.post(`/api/applicant/cases/${caseId}/commands`, {
      type: 'withdraw',
      reason: '不再经营',
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await queue('aj.officer', 'acceptance')).items.map((r) => r.caseId)).not.toContain(
      caseId,
    );
    const list = await citizen.get('/api/applicant/cases');
    expect(list.body.items).toEqual([expect.objectContaining({ id: caseId, status: 'withdrawn' })]);
    // The person's ID number is stored masked on the case, in full only encrypted.
    const stored = await server.cases.store.fresh(caseId);
    expect(stored!.state.applicant.idNumber).toBe('330303********' + residentId().slice(-4));
    expect(stored!.trail[0]!.application!.applicant.idNumber).toBe(
      stored!.state.applicant.idNumber,
    );
    expect(stored!.applicantIdEncrypted).toMatch(/^sm4cbc:/);
  });
  test('RUN-4: the window records a withdrawal at the applicant’s request, saying how it was asked; others may not', async () => {
    const caseId = await windowCase(world, itemId);
    await must(world, 'aj.officer', caseId, { type: 'accept' });
    // 科长 holds no acceptance post of this item: not the window.
    const chief = await command(world, 'aj.chief', caseId, {
      type: 'withdraw',
      request: '书面申请',
    });
    expect(chief.status).toBe(403);
    expect(chief.body.error.message).toContain('受理窗口');
    const blank = await command(world, 'aj.officer', caseId, { type: 'withdraw', request: ' ' });
    expect(blank.status).toBe(400);
    const done = await must(world, 'aj.officer', caseId, {
      type: 'withdraw',
      request: '书面申请（申请人当面递交撤回申请书）',
      reason: '经营场所搬迁',
    });
    expect(done.status).toBe('withdrawn');
    const detail = (await world.as['aj.officer']!.get(`/api/cases/${caseId}`)).body as {
      trail: { action: string; actor: { name: string }; process?: { opinion?: string } }[];
    };
    const last = detail.trail.at(-1)!;
    expect(last.action).toBe('withdraw');
    expect(last.actor.name).toBe('张伟');
    expect(last.process?.opinion).toBe(
      '应申请人请求撤回（书面申请（申请人当面递交撤回申请书））：经营场所搬迁',
    );
  });
});
