import { verifyTrail } from '../../../runtime/trail';
import { caseOfStored } from '../../../server/cases/case-model';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import {
  ALL_MATERIALS,
  COMPANY,
  FORM_DATA,
  approvedItem,
  caseWorld,
  command,
  must,
  workItemAt,
  type World,
} from './world';

/**
 * 基层受理 · 县级办理 · 基层反馈 (RUN-12): the 永中街道 window accepts an application for a county
 * item, the county department handles and concludes it, and the window that accepted it delivers
 * the result (送达); the case ends there.
 */
describe('基层反馈: the township window delivers what the county decided (RUN-12)', () => {
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
      'yz.window',
      'admin',
    ]);
    const yzWindowPost = String(
      (
        await server.models.posts
          .findOne({ name: '综合受理窗口', departmentId: world.ids.yz })
          .lean()
          .orFail()
      )._id,
    );
    itemId = await approvedItem(world, [
      { id: 'accept', name: '受理', posts: [world.ids.officerPost, yzWindowPost], days: 1 },
      { id: 'review', name: '审核', posts: [world.ids.officerPost], days: 3 },
      { id: 'decide', name: '决定', posts: [world.ids.chiefPost], days: 2 },
      {
        id: 'deliver',
        name: '送达',
        posts: [world.ids.officerPost],
        days: 1,
        handledBy: 'acceptingUnit',
      },
    ]);
  }, 120_000);
  afterAll(() => server.close());

  test('RUN-12 accepted at 永中街道, concluded by the county, delivered and ended at 永中街道', async () => {
    const started = await world.as['yz.window']!.post('/api/cases', {
      itemId,
      applicant: COMPANY,
      data: FORM_DATA,
      materials: ALL_MATERIALS,
      township: true,
    });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    world.clock.minutes(10);
    const acceptance = await workItemAt(world, 'yz.window', id, 'accept');
    await must(world, 'yz.window', id, { type: 'claim', workItemId: acceptance });
    world.clock.minutes(10);
    await must(world, 'yz.window', id, { type: 'accept', opinion: '材料齐全，予以受理' });

    world.clock.minutes(30);
    const review = await workItemAt(world, 'aj.officer', id, 'review');
    await must(world, 'aj.officer', id, { type: 'claim', workItemId: review });
    world.clock.minutes(30);
    await must(world, 'aj.officer', id, {
      type: 'complete',
      workItemId: review,
      outcome: 'approve',
      opinion: '经审查符合条件',
    });

    // 决定 is the county's last step: the chief finds it in 待办结 and concludes there, though
    // 送达 follows at the township.
    world.clock.minutes(30);
    const queues = (await world.as['aj.chief']!.get('/api/work-queues')).body.items as {
      queue: string;
      count: number;
    }[];
    expect(queues.find((q) => q.queue === 'conclusion')!.count).toBeGreaterThanOrEqual(1);
    const decide = await workItemAt(world, 'aj.chief', id, 'decide');
    await must(world, 'aj.chief', id, { type: 'claim', workItemId: decide });
    world.clock.minutes(30);
    const concluded = await must(world, 'aj.chief', id, {
      type: 'conclude',
      workItemId: decide,
      decision: { result: 'granted', text: '经审查，准予许可' },
      opinion: '同意',
    });
    // Not ended yet: the result goes back to the window that accepted it.
    expect(concluded.status).toBe('inProgress');
    const detail = (await world.as['yz.window']!.get(`/api/cases/${id}`)).body;
    const deliver = detail.state.workItems.find((w: { nodeId: string }) => w.nodeId === 'deliver');
    expect(deliver).toMatchObject({
      status: 'open',
      unitBound: true,
      unit: { id: world.ids.yz, name: '永中街道' },
    });

    // The county's own staff cannot deliver it, even holding the step's post.
    world.clock.minutes(10);
    const refused = await command(world, 'aj.officer', id, {
      type: 'claim',
      workItemId: deliver.id,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('not_candidate');
    expect(refused.body.error.message).toContain('永中街道');

    // The township window sees it in its 待办, delivers, and the case ends there as granted.
    const todo = (await world.as['yz.window']!.get('/api/work-queues')).body.items as {
      queue: string;
      count: number;
    }[];
    expect(todo.find((q) => q.queue === 'todo')!.count).toBeGreaterThanOrEqual(1);
    await must(world, 'yz.window', id, { type: 'claim', workItemId: deliver.id });
    world.clock.minutes(20);
    const ended = await must(world, 'yz.window', id, {
      type: 'complete',
      workItemId: deliver.id,
      opinion: '已向申请人送达准予许可决定书',
    });
    expect(ended.status).toBe('concluded');

    const doc = caseOfStored(
      (await server.cases.store.collection.findOne({ _id: id as never }))!,
      server.cases.store.personal,
    );
    expect(doc.state.result).toMatchObject({ finalState: 'granted', opinion: '经审查，准予许可' });
    const deliveredEntry = doc.trail.find(
      (e) => e.action === 'complete' && e.process?.step?.id === 'deliver',
    );
    expect(deliveredEntry).toMatchObject({
      actor: { name: '郑小红' },
      process: { department: { id: world.ids.yz, name: '永中街道' } },
    });
    // The notices' numbers are recorded after the fact (制作文书) whenever the job gets to them.
    expect(doc.trail.filter((e) => e.action !== 'document').at(-1)).toMatchObject({
      action: 'conclude',
      result: { finalState: 'granted' },
    });
    expect(verifyTrail(doc._id, doc.trail, { head: doc.trailHead }).ok).toBe(true);

    // Issue 13: the operation log says what was done in Chinese, not `complete、automatic`.
    const logs = await world.as.admin!.get(`/api/logs/operations?resource=case&resourceId=${id}`);
    expect(logs.status).toBe(200);
    const summaries = (logs.body.items as { summary: string }[]).map((l) => l.summary);
    expect(summaries).toEqual(expect.arrayContaining([expect.stringContaining('：办理、办结')]));
    expect(summaries.filter((x) => /[A-Za-z]{3,}/.test(x))).toEqual([]);
  });
});
