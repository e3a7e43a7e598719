import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import {
  ALL_MATERIALS,
  COMPANY,
  FORM_DATA,
  approvedItem,
  caseWorld,
  itemContent,
  windowCase,
  type World,
} from './world';

/** An object with an own `__proto__` (or other) key, as JSON.parse makes it and a client sends it. */
const own = (json: string): Record<string, unknown> => JSON.parse(json) as Record<string, unknown>;

/**
 * FORM-3: prototype keys in case data and item bodies are refused with 400 naming the path, and
 * nothing is stored — before, zod's record dropped `__proto__` silently and saved the rest.
 */
describe('unsafe keys in case data and item bodies (FORM-3)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;
  let itemId: string;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    world = await caseWorld(server, ['aj.clerk', 'reviewer', 'aj.officer', 'aj.chief']);
    itemId = await approvedItem(world);
  });
  afterAll(() => server.close());

  const expectRefused = (res: { status: number; body: unknown }, path: string) => {
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'unsafe_key', details: { path } } });
  };

  test('a case started with __proto__, constructor or prototype in its data is refused and not created', async () => {
    const officer = world.as['aj.officer']!;
    const before = await server.models.cases.countDocuments();
    const start = (data: Record<string, unknown>, materials: unknown[] = ALL_MATERIALS) =>
      officer.post('/api/cases', { itemId, applicant: COMPANY, data, materials });

    expectRefused(
      await start({ ...FORM_DATA, ...own('{"__proto__":{"isAdmin":true}}') }),
      'data.__proto__',
    );
    expectRefused(
      await start({ ...FORM_DATA, extra: own('{"a":[{"constructor":{"prototype":{"x":1}}}]}') }),
      'data.extra.a[0].constructor',
    );
    expectRefused(
      await start(FORM_DATA, [
        { materialId: 'm-form' },
        own('{"materialId":"m-report","prototype":1}'),
      ]),
      'materials[1].prototype',
    );
    expect(await server.models.cases.countDocuments()).toBe(before);
    // The same case without them starts.
    expect((await start(FORM_DATA)).status).toBe(201);
  });

  test('a command carrying a prototype key in its data changes nothing', async () => {
    const caseId = await windowCase(world, itemId);
    const officer = world.as['aj.officer']!;
    const before = (await officer.get(`/api/cases/${caseId}`)).body;
    const res = await officer.post(`/api/cases/${caseId}/commands`, {
      type: 'accept',
      data: own('{"description":"x","__proto__":{"polluted":true}}'),
    });
    expectRefused(res, 'data.__proto__');
    const after = (await officer.get(`/api/cases/${caseId}`)).body;
    expect(after.version).toBe(before.version);
    expect(after.state).toEqual(before.state);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('an item body with a prototype key is refused: no item created, no draft changed', async () => {
    const clerk = world.as['aj.clerk']!;
    const content = await itemContent(world, { name: '原型键测试' });
    const before = await server.models.items.countDocuments();
    expectRefused(
      await clerk.post('/api/items', {
        ...content,
        subject: { ...content.subject, ...own('{"__proto__":{"unitId":"x"}}') },
      }),
      'subject.__proto__',
    );
    expect(await server.models.items.countDocuments()).toBe(before);

    const created = (await clerk.post('/api/items', content)).body;
    expectRefused(
      await clerk.patch(`/api/items/${created.id}`, {
        version: created.version,
        fee: { charged: false, ...own('{"constructor":{"prototype":{"charged":true}}}') },
      }),
      'fee.constructor',
    );
    const after = (await clerk.get(`/api/items/${created.id}`)).body;
    expect(after.version).toBe(created.version);
    expect(after.draft.fee).toEqual({ charged: false });
  });
});
