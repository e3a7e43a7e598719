import pino from 'pino';
import { CountyCalendars } from '../../../server/calendar';
import { CaseService } from '../../../server/cases';
import { PersonalDataCipher } from '../../../server/identity/personal-data';
import { useTestDatabase } from '../../support/database';
import { startTestServer, TEST_DATA_KEY, type TestServer } from '../../support/server';
import { approvedItem, caseWorld, must, windowCase, type World } from './world';

/** Projections follow from the cases alone: lost ones are rebuilt at start-up, once (RUN-5). */
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

  test('a view and events lost after the case was written are rebuilt from the case, without duplicates', async () => {
    const id = await windowCase(world, itemId);
    const accepted = await must(world, 'aj.officer', id, { type: 'accept' });
    const events = server.models.events;
    const before = await events.countDocuments({ caseId: id });
    expect(before).toBeGreaterThan(0);
    // As if the server died between the case update and its projections.
    await server.models.caseViews.deleteOne({ _id: id });
    await events.deleteMany({ caseId: id, caseVersion: accepted.version });
    expect(await events.countDocuments({ caseId: id })).toBeLessThan(before);

    const service = restarted();
    await service.whenReady();
    const view = await server.models.caseViews.findById(id).lean();
    expect(view).toMatchObject({ version: accepted.version, status: 'inProgress' });
    expect(view!.rows.map((r) => r.queue)).toEqual(expect.arrayContaining(['todo', 'done']));
    expect(await events.countDocuments({ caseId: id })).toBe(before);
    expect(service.index.get(id)?.version).toBe(accepted.version);

    // Rebuilding again changes nothing.
    await restarted().whenReady();
    expect(await events.countDocuments({ caseId: id })).toBe(before);
    expect(await server.models.caseViews.countDocuments({ _id: id })).toBe(1);
  });

  test('an older view never replaces a newer one', async () => {
    const id = await windowCase(world, itemId);
    const accepted = await must(world, 'aj.officer', id, { type: 'accept' });
    const doc = (await server.cases.store.fresh(id))!;
    await server.cases.projector.project({ ...doc, version: doc.version - 1 } as typeof doc);
    expect((await server.models.caseViews.findById(id).lean())!.version).toBe(accepted.version);
    expect(server.cases.index.get(id)!.version).toBe(accepted.version);
  });
});
