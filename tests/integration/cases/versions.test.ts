import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import {
  approvedItem,
  caseWorld,
  itemContent,
  linearProcess,
  must,
  windowCase,
  workItemAt,
  type StepSpec,
  type World,
} from './world';

/** CAT-6, RUN-3: a case runs on the item version it started with, to its end. */
describe('cases and item versions', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    world = await caseWorld(server, ['aj.clerk', 'reviewer', 'aj.officer', 'aj.chief']);
  });
  afterAll(() => server.close());

  test('after the item is changed and re-approved, a running case keeps version 1 and a new case gets version 2', async () => {
    const itemId = await approvedItem(world);
    const old = await windowCase(world, itemId);
    await must(world, 'aj.officer', old, { type: 'accept' });

    // Version 2 puts a 复核 step between 审核 and 决定.
    const clerk = world.as['aj.clerk']!;
    const reviewer = world.as.reviewer!;
    const item = (await clerk.get(`/api/items/${itemId}`)).body;
    const changed = await clerk.patch(`/api/items/${itemId}`, {
      version: item.version,
      name: '危险化学品经营许可证核发（新）',
      reason: '增加复核环节',
    });
    expect(changed.status).toBe(200);
    const steps: StepSpec[] = [
      ...world.steps.slice(0, 2),
      { id: 'recheck', name: '复核', posts: [world.ids.officerPost], days: 1 },
      world.steps[2]!,
    ];
    const process = (await clerk.get(`/api/items/${itemId}/process`)).body;
    const saved = await clerk.put(`/api/items/${itemId}/process`, {
      xml: linearProcess(steps),
      version: process.version,
    });
    expect(saved.body.verified).toBe(true);
    const submitted = await clerk.post(`/api/items/${itemId}/submit`, {
      version: changed.body.version,
    });
    const approved = await reviewer.post(`/api/items/${itemId}/approve`, {
      version: submitted.body.version,
    });
    expect(approved.body.currentVersion).toBe(2);

    // The running case goes from 审核 straight to 决定, as version 1 says.
    const review = await workItemAt(world, 'aj.officer', old, 'review');
    await must(world, 'aj.officer', old, { type: 'claim', workItemId: review });
    world.clock.minutes(5);
    const next = await must(world, 'aj.officer', old, { type: 'complete', workItemId: review });
    expect(next.workItems.map((w) => w.nodeId)).toEqual(['decide']);
    const seenOld = await world.as['aj.officer']!.get(`/api/cases/${old}`);
    expect(seenOld.body).toMatchObject({ itemVersion: 1 });
    expect(seenOld.body.state.itemName).toBe('危险化学品经营许可证核发');

    // A case started now runs on version 2, with its 复核.
    const fresh = await windowCase(world, itemId);
    await must(world, 'aj.officer', fresh, { type: 'accept' });
    const review2 = await workItemAt(world, 'aj.officer', fresh, 'review');
    await must(world, 'aj.officer', fresh, { type: 'claim', workItemId: review2 });
    world.clock.minutes(5);
    const after = await must(world, 'aj.officer', fresh, { type: 'complete', workItemId: review2 });
    expect(after.workItems.map((w) => w.nodeId)).toEqual(['recheck']);
    const seenNew = await world.as['aj.officer']!.get(`/api/cases/${fresh}`);
    expect(seenNew.body).toMatchObject({ itemVersion: 2 });
    const diagram = await world.as['aj.officer']!.get(`/api/cases/${old}/diagram`);
    expect(diagram.body.xml).not.toContain('recheck');
    expect(diagram.body.active).toEqual(['decide']);
  });

  test('an item not yet approved cannot start a case (409), an unknown one is 404', async () => {
    const clerk = world.as['aj.clerk']!;
    const draft = await clerk.post(
      '/api/items',
      await itemContent(world, { name: '尚未发布的事项' }),
    );
    const res = await world.as['aj.officer']!.post('/api/cases', {
      itemId: draft.body.id,
      applicant: { type: 'person', name: '李四', idType: 'passport', idNumber: 'E12345678' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('尚未发布');
    const missing = await world.as['aj.officer']!.post('/api/cases', {
      itemId: '0123456789abcdef01234567',
      applicant: { type: 'person', name: '李四', idType: 'passport', idNumber: 'E12345678' },
    });
    expect(missing.status).toBe(404);
  });
});
