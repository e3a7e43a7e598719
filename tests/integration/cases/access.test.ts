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

/** ROLE-3 on cases: who sees a case, who may act on it, and bad input refused (RUN-5). */
describe('access to cases and bad input', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;
  let itemId: string;
  let caseId: string;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    world = await caseWorld(server, [
      'aj.clerk',
      'reviewer',
      'aj.officer',
      'aj.chief',
      'gs.window',
      'supervisor',
      'admin',
    ]);
    itemId = await approvedItem(world);
    caseId = await windowCase(world, itemId);
    await must(world, 'aj.officer', caseId, { type: 'accept' });
  });
  afterAll(() => server.close());

  test("ROLE-3: another department's case is not found — read, verify, diagram, command — and not listed", async () => {
    const gs = world.as['gs.window']!;
    for (const path of [
      `/api/cases/${caseId}`,
      `/api/cases/${caseId}/trail/verify`,
      `/api/cases/${caseId}/diagram`,
    ]) {
      const res = await gs.get(path);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe('办件不存在');
    }
    const review = await workItemAt(world, 'aj.officer', caseId, 'review');
    const res = await command(world, 'gs.window', caseId, { type: 'claim', workItemId: review });
    expect(res.status).toBe(404);
    expect((await gs.get('/api/cases')).body.items.map((c: { id: string }) => c.id)).not.toContain(
      caseId,
    );
    expect((await gs.get(`/api/cases?departmentId=${world.ids.aj}`)).body.total).toBe(0);
    // A GS window cannot register an AJ item's application: it holds none of its acceptance posts.
    const start = await gs.post('/api/cases', {
      itemId,
      applicant: { type: 'person', name: '李四', idType: 'passport', idNumber: 'E12345678' },
    });
    expect(start.status).toBe(403);
    expect(start.body.error.code).toBe('not_candidate');
  });

  test('ROLE-3: supervisors read every case of the county and may press (催办), but not handle', async () => {
    const sup = world.as.supervisor!;
    expect((await sup.get(`/api/cases/${caseId}`)).status).toBe(200);
    expect((await sup.get('/api/cases')).body.items.map((c: { id: string }) => c.id)).toContain(
      caseId,
    );
    const urged = await command(world, 'supervisor', caseId, {
      type: 'urge',
      message: '请加快办理',
    });
    expect(urged.status).toBe(200);
    expect(urged.body.events.map((e: { type: string }) => e.type)).toContain('workItemUrged');
    const review = await workItemAt(world, 'aj.officer', caseId, 'review');
    const claim = await command(world, 'supervisor', caseId, { type: 'claim', workItemId: review });
    expect(claim.status).toBe(403);
    expect(claim.body.error.code).toBe('not_candidate');
    // A reviewer of the catalog sees no case of another department.
    expect((await world.as.reviewer!.get(`/api/cases/${caseId}`)).status).toBe(404);
  });

  test('RUN-3: only a holder of the step’s post may claim; only the assignee may complete', async () => {
    const id = await windowCase(world, itemId);
    await must(world, 'aj.officer', id, { type: 'accept' });
    const review = await workItemAt(world, 'aj.officer', id, 'review');
    const chief = await command(world, 'aj.chief', id, { type: 'claim', workItemId: review });
    expect(chief.status).toBe(403);
    expect(chief.body.error.message).toContain('审核');
    await must(world, 'aj.officer', id, { type: 'claim', workItemId: review });
    const other = await command(world, 'aj.chief', id, { type: 'complete', workItemId: review });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('not_assignee');
  });

  test('RUN-4/RUN-5: a command in the wrong state is a 409 that says why', async () => {
    const res = await command(world, 'aj.officer', caseId, { type: 'accept' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('wrong_state');
    expect(res.body.error.message).toContain('办理中');
    const resume = await command(world, 'aj.officer', caseId, { type: 'resume' });
    expect(resume.status).toBe(409);
  });

  test('FORM-3: completing with data the step may not write is a 400 naming the field, and changes nothing', async () => {
    const id = await windowCase(world, itemId);
    const accepted = await must(world, 'aj.officer', id, { type: 'accept' });
    const review = accepted.workItems[0]!.id;
    const claimed = await must(world, 'aj.officer', id, { type: 'claim', workItemId: review });
    const res = await command(world, 'aj.officer', id, {
      type: 'complete',
      workItemId: review,
      data: { applicantName: '改掉申请人' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('forbidden_field');
    expect(res.body.error.message).toContain('申请人');
    const seen = await world.as['aj.officer']!.get(`/api/cases/${id}`);
    expect(seen.body.version).toBe(claimed.version);
    expect(seen.body.state.forms[0].values.applicantName).toBe(FORM_DATA.applicantName);
  });

  test('operator objects ({"$gt": ""}) are refused in bodies, paths and query strings', async () => {
    const officer = world.as['aj.officer']!;
    const body = await command(world, 'aj.officer', caseId, {
      type: 'claim',
      workItemId: { $gt: '' },
    });
    expect(body.status).toBe(400);
    expect(body.body.error.code).toBe('validation_failed');
    const list = await officer.get('/api/cases?status[$gt]=');
    expect(list.status).toBe(400);
    const queue = await officer.get('/api/work-queues/todo?q[$ne]=x');
    expect(queue.status).toBe(400);
    expect((await officer.get('/api/cases/%7B%22%24gt%22%3A%22%22%7D')).status).toBe(400);
    const data = await command(world, 'aj.officer', caseId, {
      type: 'saveDraft',
      workItemId: await workItemAt(world, 'aj.officer', caseId, 'review'),
      data: { $where: '1' },
    });
    expect(data.status).toBeGreaterThanOrEqual(400);
    expect(data.status).toBeLessThan(500);
    expect((await officer.get('/api/work-queues/nosuchqueue')).status).toBe(400);
  });

  test('ROLE-3: an applicant sees and acts on their own cases only', async () => {
    const alice = await applicantClient(server, '陈小红', residentId('330303', '19900101', '222'));
    const bob = await applicantClient(server, '林小军', residentId('330303', '19920202', '333'));
    const applied = await alice.post('/api/applicant/cases', {
      itemId,
      data: FORM_DATA,
      materials: ALL_MATERIALS,
    });
    expect(applied.status).toBe(201);
    const id = applied.body.id as string;
    expect((await bob.get(`/api/applicant/cases/${id}`)).status).toBe(404);
    expect(
      (await bob.post(`/api/applicant/cases/${id}/commands`, { type: 'withdraw' })).status,
    ).toBe(404);
    expect((await bob.get('/api/applicant/cases')).body.total).toBe(0);
    expect((await alice.get('/api/applicant/cases')).body.total).toBe(1);
    // An applicant's session opens no staff route, and a staff session no applicant route.
    expect((await alice.get(`/api/cases/${id}`)).status).toBe(401);
    expect((await world.as['aj.officer']!.get(`/api/applicant/cases/${id}`)).status).toBe(401);
    // Staff of the department see it; the applicant's own case is theirs to withdraw, not staff's.
    expect((await world.as['aj.officer']!.get(`/api/cases/${id}`)).status).toBe(200);
  });

  test('RUN-4: 终止 is for administrators only, with a reason', async () => {
    const id = await windowCase(world, itemId);
    const officer = await command(world, 'aj.officer', id, {
      type: 'terminate',
      reason: '申请人死亡',
    });
    expect(officer.status).toBe(403);
    expect(officer.body.error.code).toBe('not_permitted');
    const noReason = await command(world, 'admin', id, { type: 'terminate', reason: '' });
    expect(noReason.status).toBe(400);
    const done = await command(world, 'admin', id, { type: 'terminate', reason: '申请人死亡' });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('terminated');
  });
});
