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
    const before = await events.countDocuments({ caseId: id });
    expect(before).toBeGreaterThan(0);
    // As if the server died between the case update and its events.
    await events.deleteMany({ caseId: id, caseVersion: accepted.version });
    expect(await events.countDocuments({ caseId: id })).toBeLessThan(before);

    const service = restarted();
    await service.whenReady();
    expect(await events.countDocuments({ caseId: id })).toBe(before);
    expect(service.index.get(id)?.version).toBe(accepted.version);

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
});
