import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import {
  ALL_MATERIALS,
  approvedItem,
  caseWorld,
  must,
  windowCase,
  workItemAt,
  type World,
} from '../cases/world';

/**
 * 试运行 (OPS-5): an item version approved for trial runs cases marked as such, left out of the
 * statistics and the portal's publicity, until a reviewer moves it to formal operation.
 */
describe('trial operation of an item', () => {
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
      'supervisor',
    ]);
    itemId = await approvedItem(world, world.steps, { publishResults: true }, undefined, {
      trial: true,
    });
  });
  afterAll(() => server?.close());

  const item = async () => (await world.as.reviewer!.get(`/api/items/${itemId}`)).body;

  /** A case from window to 办结 on the item as it stands. */
  async function concludedCase(): Promise<string> {
    const id = await windowCase(world, itemId);
    await must(world, 'aj.officer', id, { type: 'accept', materials: ALL_MATERIALS });
    for (const [who, node] of [
      ['aj.officer', 'review'],
      ['aj.chief', 'decide'],
    ] as const) {
      const w = await workItemAt(world, who, id, node);
      await must(world, who, id, { type: 'claim', workItemId: w });
      world.clock.minutes(30);
      if (node === 'decide')
        await must(world, who, id, {
          type: 'conclude',
          workItemId: w,
          opinion: '同意',
          decision: { result: 'granted', text: '准予许可' },
        });
      else
        await must(world, who, id, {
          type: 'complete',
          workItemId: w,
          opinion: '同意',
          data: { description: '现场核查无异常' },
        });
    }
    await server.cases.projector.settled();
    return id;
  }

  const stats = async () => {
    await server.cases.projector.settled();
    const res = await world.as.supervisor!.get('/api/supervision/statistics?by=item&pageSize=200');
    expect(res.status).toBe(200);
    return (res.body.items as { key: string; received: number; concluded: number }[]).find(
      (r) => r.key === itemId,
    );
  };

  test('cases of the trial are marked, left out of statistics and publicity; after formal approval new ones count', async () => {
    const during = await item();
    expect(during.trial).toMatchObject({ version: during.currentVersion });
    const trialCase = await concludedCase();
    const stored = await server.cases.store.fresh(trialCase);
    expect(stored!.trial).toBe(true);
    expect(stored!.state.status).toBe('concluded');
    expect(await stats()).toBeUndefined();
    const code = during.code as string;
    const results = await (await fetch(`${server.baseUrl}/portal/results`)).text();
    expect(results).not.toContain(stored!.caseNo!);
    const guide = await (await fetch(`${server.baseUrl}/portal/items/${code}`)).text();
    expect(guide).toMatch(/已办结 0 件/);

    // Only a reviewer moves it on; a clerk may not, and an item not in trial cannot be.
    const byClerk = await world.as['aj.clerk']!.post(`/api/items/${itemId}/formal`, {
      version: during.version,
    });
    expect([403, 404]).toContain(byClerk.status);
    const formal = await world.as.reviewer!.post(`/api/items/${itemId}/formal`, {
      version: during.version,
    });
    expect(formal.status).toBe(200);
    expect(formal.body.trial).toBeUndefined();
    expect(formal.body.formalSince).toBeTruthy();
    const again = await world.as.reviewer!.post(`/api/items/${itemId}/formal`, {
      version: formal.body.version,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/不在试运行中/);

    const formalCase = await concludedCase();
    expect((await server.cases.store.fresh(formalCase))!.trial).toBeUndefined();
    // The trial case stays marked; the statistics and the portal show only the formal one.
    expect((await server.cases.store.fresh(trialCase))!.trial).toBe(true);
    expect(await stats()).toMatchObject({ received: 1, concluded: 1 });
    const after = await (await fetch(`${server.baseUrl}/portal/results`)).text();
    expect(after).toContain((await server.cases.store.fresh(formalCase))!.caseNo!);
    expect(after).not.toContain(stored!.caseNo!);
  });
});
