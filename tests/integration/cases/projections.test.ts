import pino from 'pino';
import { CountyCalendars } from '../../../server/calendar';
import { CaseService } from '../../../server/cases';
import { viewOfStored } from '../../../server/cases/case-model';
import { PersonalDataCipher } from '../../../server/identity/personal-data';
import { useTestDatabase } from '../../support/database';
import { startTestServer, TEST_DATA_KEY, type TestServer } from '../../support/server';
import { approvedItem, caseWorld, must, windowCase, type World } from './world';

/** Views are written with their case; events follow from the cases alone and lost ones are written again at start-up, once (RUN-5). */
describe('case projections', () => {
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

  /** A second service on the same database: what a restarted server builds. */
  const restarted = () =>
    new CaseService({
      ...server.models,
      calendars: new CountyCalendars(server.models.calendarOverrides),
      cipher: new PersonalDataCipher(TEST_DATA_KEY),
      embedded: true,
      logger: pino({ level: 'silent' }),
    });

  test('the view is written in the same update as the case: a restarted server lists it as it stands', async () => {
    const id = await windowCase(world, itemId);
    const accepted = await must(world, 'aj.officer', id, { type: 'accept' });
    const stored = (await server.cases.store.collection.findOne({ _id: id }))!;
    const view = viewOfStored(stored);
    expect(stored.version).toBe(accepted.version);
    expect(view).toMatchObject({ _id: id, version: accepted.version, status: 'inProgress' });
    expect(view.rows.map((r) => r.queue)).toEqual(expect.arrayContaining(['todo', 'done']));

    const service = restarted();
    await service.whenReady();
    expect(service.index.get(id)).toEqual(view);
  });

  test('events lost after the case was written are written again at start-up, once', async () => {
    const id = await windowCase(world, itemId);
    const accepted = await must(world, 'aj.officer', id, { type: 'accept' });
    const events = server.models.events;
    // Events follow the command on their own; wait for them to be written.
    await server.cases.projector.settled();
    // The 受理通知书 recorded after acceptance moves the case on by itself (RUN-10).
    const current = (await server.cases.store.fresh(id))!.version;
    const before = await events.countDocuments({ caseId: id });
    expect(before).toBeGreaterThan(0);
    // As if the server died between the case update and its events.
    await events.deleteMany({ caseId: id, caseVersion: accepted.version });
    expect(await events.countDocuments({ caseId: id })).toBeLessThan(before);

    const service = restarted();
    await service.whenReady();
    expect(await events.countDocuments({ caseId: id })).toBe(before);
    expect(service.index.get(id)?.version).toBe(current);

    // Starting again changes nothing.
    await restarted().whenReady();
    expect(await events.countDocuments({ caseId: id })).toBe(before);
  });

  test('an older view never replaces a newer one in the index', async () => {
    const id = await windowCase(world, itemId);
    const accepted = await must(world, 'aj.officer', id, { type: 'accept' });
    const current = server.cases.index.get(id)!;
    server.cases.index.apply({
      ...current,
      version: accepted.version - 1,
      status: 'pendingAcceptance',
    });
    expect(server.cases.index.get(id)).toMatchObject({
      version: accepted.version,
      status: 'inProgress',
    });
  });

  test('event handlers see every event at least once: a failing handler is run again until it succeeds, and again after a restart (RUN-5)', async () => {
    const seen: string[] = [];
    let failNext = true;
    let failed!: () => void;
    const failure = new Promise<void>((resolve) => (failed = resolve));
    server.cases.projector.addHandler({
      name: 'test',
      async handle(events) {
        if (failNext) {
          failNext = false;
          failed();
          throw new Error('处理失败（测试）');
        }
        seen.push(...events.map((e) => e._id));
      },
    });
    const id = await windowCase(world, itemId);
    await failure;
    // The failure is recorded in the promise chain that follows; let it run.
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.filter((e) => e.startsWith(id))).toEqual([]);
    expect(await server.cases.projector.retryFailed()).toBeGreaterThanOrEqual(1);
    const first = seen.filter((e) => e.startsWith(id));
    expect(first.length).toBeGreaterThan(0);

    // A restarted server runs its handlers over cases whose events may not have been handled.
    const service = restarted();
    const again: string[] = [];
    service.projector.addHandler({
      name: 'test',
      handle: async (events) => void again.push(...events.map((e) => e._id)),
    });
    await service.whenReady();
    expect(again.filter((e) => e.startsWith(id))).toEqual(first);
  });
});
