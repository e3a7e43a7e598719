import { seedDemoCounty } from '../../../seeds';
import { seedDemoCatalog } from '../../../seeds/demo-catalog';
import { DEMO_ITEMS } from '../../../seeds/demo-items';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';

/** The demo catalog goes in through the API, so it obeys every rule a clerk meets (CAT-4, CAT-5). */
describe('the demo catalog seed', () => {
  const t = useTestDatabase();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(t.db);
    await seedDemoCounty(server.models, () => undefined);
    await seedDemoCatalog(server.baseUrl, () => undefined);
    // Thirty items through every approval over HTTP: a loaded CI machine needs more than the default.
  }, 180_000);
  afterAll(() => server.close());

  test("the guideline's examples get their codes by real approvals", async () => {
    const aj = await server.models.items.findOne({ code: '33030300AJ-CF-0003' }).lean();
    expect(aj?.name).toBe('对生产经营单位未在有较大危险因素的场所设置明显的安全警示标志的处罚');
    const gs = await server.models.items.findOne({ code: '33030300GS-DL-0001' }).lean();
    expect(gs?.name).toBe('代办个体工商户营业执照');
  });

  test('items end in the states the seed names, each approved one with one immutable version', async () => {
    const count = (state: string) => DEMO_ITEMS.filter((i) => i.state === state).length;
    expect(await server.models.items.countDocuments({ status: 'approved' })).toBe(
      count('approved'),
    );
    expect(await server.models.items.countDocuments({ status: 'submitted' })).toBe(
      count('submitted'),
    );
    expect(await server.models.items.countDocuments({ status: 'draft' })).toBe(count('draft'));
    expect(await server.models.itemVersions.countDocuments()).toBe(count('approved'));
    const codes = (await server.models.items.find({ status: 'approved' }).lean()).map(
      (i) => i.code,
    );
    expect(new Set(codes).size).toBe(count('approved'));
  });
});
