import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { approvedItem, caseWorld, command, must, windowCase, type World } from '../cases/world';

/**
 * PROC-6, SUP-4, SUP-5 through the API: a case whose flowchart sends steps to the unit it is
 * about names that unit when registered; its leading posts (负责人岗位) receive those steps there,
 * its staff then see the case, and a send-back (退回) returns the step to them.
 */
describe('cases about a unit (督办, complaints)', () => {
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
    const officer = world.ids.officerPost;
    itemId = await approvedItem(world, [
      { id: 'accept', name: '立项', posts: [officer], days: 1 },
      { id: 'sign', name: '签收', posts: [], days: 2, handledBy: 'target' },
      { id: 'answer', name: '整改反馈', posts: [], days: 5, handledBy: 'target' },
      { id: 'close', name: '审结', posts: [officer], days: 2 },
    ]);
  }, 120_000);
  afterAll(() => server.close());

  const workItem = async (caseId: string, nodeId: string) => {
    const res = await world.as['aj.officer']!.get(`/api/cases/${caseId}`);
    return (
      res.body.state.workItems as {
        id: string;
        nodeId: string;
        status: string;
        candidatePostIds: string[];
        unit: { id: string };
      }[]
    ).find((w) => w.nodeId === nodeId && (w.status === 'open' || w.status === 'claimed'))!;
  };

  test('the target’s leading posts get its steps; others may not act; a send-back returns there', async () => {
    const caseId = await windowCase(world, itemId, { target: { unitId: world.ids.aj } });
    await must(world, 'aj.officer', caseId, { type: 'accept' });
    const sign = await workItem(caseId, 'sign');
    const leading = (
      await server.models.posts.find({ departmentId: world.ids.aj, leading: true }).lean()
    ).map((p) => String(p._id));
    expect(sign.unit.id).toBe(world.ids.aj);
    expect(new Set(sign.candidatePostIds)).toEqual(new Set(leading));
    expect(leading).toContain(world.ids.chiefPost);
    // 执法人员 holds no leading post: not a candidate.
    const refused = await command(world, 'aj.officer', caseId, {
      type: 'claim',
      workItemId: sign.id,
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    await must(world, 'aj.chief', caseId, { type: 'claim', workItemId: sign.id });
    await must(world, 'aj.chief', caseId, {
      type: 'complete',
      workItemId: sign.id,
      opinion: '已签收',
    });
    const answer = await workItem(caseId, 'answer');
    await must(world, 'aj.chief', caseId, { type: 'claim', workItemId: answer.id });
    await must(world, 'aj.chief', caseId, {
      type: 'complete',
      workItemId: answer.id,
      opinion: '已整改',
    });
    const close = await workItem(caseId, 'close');
    await must(world, 'aj.officer', caseId, { type: 'claim', workItemId: close.id });
    await must(world, 'aj.officer', caseId, {
      type: 'returnTo',
      workItemId: close.id,
      toNodeId: 'answer',
      reason: '整改材料不全',
    });
    const again = await workItem(caseId, 'answer');
    expect(again.unit.id).toBe(world.ids.aj);
    const trail = (await world.as['aj.officer']!.get(`/api/cases/${caseId}`)).body.trail as {
      action: string;
      application?: { target?: { id: string } };
    }[];
    expect(trail[0]!.application?.target?.id).toBe(world.ids.aj);
  });

  test('the target of another department: its staff see the case once a step is theirs', async () => {
    const caseId = await windowCase(world, itemId, { target: { unitId: world.ids.gs } });
    // Before acceptance nothing is the market bureau's: not theirs to see.
    expect((await world.as['gs.window']!.get(`/api/cases/${caseId}`)).status).toBe(404);
    await must(world, 'aj.officer', caseId, { type: 'accept' });
    const sign = await workItem(caseId, 'sign');
    expect(sign.unit.id).toBe(world.ids.gs);
    const gsLeading = (
      await server.models.posts.find({ departmentId: world.ids.gs, leading: true }).lean()
    ).map((p) => String(p._id));
    expect(new Set(sign.candidatePostIds)).toEqual(new Set(gsLeading));
    // The AJ chief holds a post named 科长 too, in another department: not a candidate there.
    const refused = await command(world, 'aj.chief', caseId, {
      type: 'claim',
      workItemId: sign.id,
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect((await world.as['gs.window']!.get(`/api/cases/${caseId}`)).status).toBe(200);
  });

  test('a missing, unknown or wrong target is refused with the field named; nothing is made', async () => {
    const before = await server.cases.store.collection.countDocuments();
    const office = String(
      (await server.models.units.findOne({ name: '执法监察科' }).lean().orFail())._id,
    );
    for (const [extra, field, text] of [
      [{}, undefined, '须指定被督办（被投诉）单位'],
      [{ target: { unitId: office } }, 'target.unitId', '应为本县的部门或乡镇'],
      [{ target: { unitId: 'a'.repeat(24) } }, 'target.unitId', '应为本县的部门或乡镇'],
      [{ target: { unitId: { $gt: '' } } }, 'target.unitId', ''],
    ] as const) {
      const res = await world.as['aj.officer']!.post('/api/cases', {
        itemId,
        applicant: {
          type: 'organisation',
          name: '龙湾区纪委监委',
          idType: 'other',
          idNumber: 'JW',
        },
        data: { description: '督办' },
        ...extra,
      });
      expect(res.status).toBe(400);
      if (field) expect(JSON.stringify(res.body)).toContain(field);
      expect(JSON.stringify(res.body)).toContain(text);
    }
    expect(await server.cases.store.collection.countDocuments()).toBe(before);
  });
});
