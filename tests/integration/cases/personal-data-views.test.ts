import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { approvedItem, caseWorld, windowCase, type World } from './world';

/** Staff see ID numbers and phones masked; seeing them whole is recorded (RUN-4, ROLE-5). */
describe('viewing a case’s personal data in full', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;
  let itemId: string;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    world = await caseWorld(server, ['aj.clerk', 'reviewer', 'aj.officer', 'gs.window']);
    itemId = await approvedItem(world);
  });
  afterAll(() => server.close());

  test('RUN-4: a view is written to the operation log with who and which case; another department gets 404 and nothing is logged', async () => {
    const caseId = await windowCase(world, itemId);
    const logged = () =>
      server.models.operationLogs.countDocuments({
        action: 'viewPersonalData',
        resourceId: caseId,
      });
    expect(await logged()).toBe(0);

    const other = await world.as['gs.window']!.post(`/api/cases/${caseId}/personal-data-views`, {});
    expect(other.status).toBe(404);
    expect(await logged()).toBe(0);

    const seen = await world.as['aj.officer']!.post(`/api/cases/${caseId}/personal-data-views`, {});
    expect(seen.status).toBe(200);
    const entry = await server.models.operationLogs
      .findOne({ action: 'viewPersonalData', resourceId: caseId })
      .lean();
    expect(entry).toMatchObject({ resource: 'case', username: 'aj.officer' });
    expect(entry!.summary).toContain('完整个人信息');
  });
});
