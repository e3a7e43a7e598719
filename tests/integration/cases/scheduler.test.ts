import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { approvedItem, caseWorld, must, windowCase, type World } from './world';

/** RUN-5, RUN-6: the scheduler's tick emits deadline warnings and overdue alarms, once each. */
describe('the case scheduler', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;
  let itemId: string;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    world = await caseWorld(server, ['aj.clerk', 'reviewer', 'aj.officer']);
    itemId = await approvedItem(world);
  });
  afterAll(() => server.close());

  test('an overdue step and case raise alarms on the next tick, and a second tick raises none again', async () => {
    const id = await windowCase(world, itemId);
    await must(world, 'aj.officer', id, { type: 'accept' });
    const quiet = await server.cases.tickDue();
    expect(quiet.changed).toBe(0);

    // Three weeks later: 审核 (3 working days) and the promised limit (10) have run out.
    world.clock.days(21);
    const first = await server.cases.tickDue();
    expect(first.changed).toBeGreaterThanOrEqual(1);
    const overdue = await server.models.events.find({ caseId: id, type: 'deadlineOverdue' }).lean();
    expect(overdue.map((e) => (e as { subject?: string }).subject).sort()).toEqual(
      expect.arrayContaining(['promised', 'workItem']),
    );
    const version = (await server.cases.store.fresh(id))!.version;

    // The scheduler looks again only when a timer is due or an hour has passed: then nothing new.
    world.clock.minutes(61);
    await server.cases.tickDue();
    expect(await server.models.events.countDocuments({ caseId: id, type: 'deadlineOverdue' })).toBe(
      overdue.length,
    );
    expect((await server.cases.store.fresh(id))!.version).toBe(version);
    const list = await world.as['aj.officer']!.get('/api/cases?overdue=true');
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(id);
  });
});
