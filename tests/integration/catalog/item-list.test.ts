import type mongoose from 'mongoose';
import { openConnection } from '../../../server/database/connection';
import { itemModel, type ItemModel } from '../../../server/catalog/item-model';
import type { ApiClient } from '../../support/client';
import { testDatabaseUri, useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { catalogWorld, completeItem, designItem, type CatalogIds } from './fixtures';

/**
 * The catalog list is answered from memory (server/catalog/item-list.ts): it must never show a
 * stale item, whether the write came through this server or through another process.
 */
describe('catalog list freshness (CAT-1 search and lists)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let as: Record<string, ApiClient>;
  let ids: CatalogIds;
  let other: mongoose.Connection;
  let otherItems: ItemModel;

  const names = async (who: ApiClient, query = '') =>
    ((await who.get(`/api/items?pageSize=100${query}`)).body.items as { name: string }[]).map(
      (i) => i.name,
    );

  beforeAll(async () => {
    server = await startTestServer(t.db);
    ({ as, ids } = await catalogWorld(server, ['aj.clerk', 'gs.clerk', 'reviewer']));
    // A second server process on the same database, as behind a load balancer.
    other = await openConnection(testDatabaseUri(), {
      dbName: t.connection.name,
      timeoutMs: 10_000,
      embedded: process.env.TEST_DATABASE_EMBEDDED === '1',
    });
    otherItems = itemModel(other);
  });
  afterAll(async () => {
    await other.close();
    await server.close();
  });

  test('writes through this server show at once, in every filter', async () => {
    const clerk = as['aj.clerk']!;
    const reviewer = as['reviewer']!;
    const before = await names(reviewer);
    const created = await clerk.post('/api/items', completeItem(ids, { name: '烟花爆竹批发许可' }));
    expect(created.status).toBe(201);
    expect(await names(reviewer)).toEqual(['烟花爆竹批发许可', ...before]);
    expect(await names(reviewer, `&q=${encodeURIComponent('爆竹批')}`)).toEqual([
      '烟花爆竹批发许可',
    ]);

    const renamed = await clerk.patch(`/api/items/${created.body.id}`, {
      version: created.body.version,
      name: '烟花爆竹零售许可',
    });
    expect(renamed.status).toBe(200);
    expect(await names(reviewer, `&q=${encodeURIComponent('爆竹批')}`)).toEqual([]);
    expect(await names(reviewer, `&q=${encodeURIComponent('爆竹零售')}`)).toEqual([
      '烟花爆竹零售许可',
    ]);

    await designItem(server, clerk, created.body.id);
    const sent = await clerk.post(`/api/items/${created.body.id}/submit`, {
      version: renamed.body.version,
    });
    expect(sent.status).toBe(200);
    expect(await names(reviewer, '&status=submitted')).toContain('烟花爆竹零售许可');
    expect(await names(reviewer, '&status=draft')).not.toContain('烟花爆竹零售许可');
  });

  test('writes by another process on the same database show at the next request', async () => {
    const reviewer = as['reviewer']!;
    const target = await otherItems.findOne({ name: '烟花爆竹零售许可' }).orFail().exec();
    await otherItems.updateOne({ _id: target._id }, { $set: { name: '烟花爆竹经营许可' } }).exec();
    expect(await names(reviewer, `&q=${encodeURIComponent('爆竹')}`)).toEqual(['烟花爆竹经营许可']);

    await otherItems.deleteOne({ _id: target._id }).exec();
    expect(await names(reviewer, `&q=${encodeURIComponent('爆竹')}`)).toEqual([]);
  });

  test('letters find an item by the pinyin initials of its name, and follow a rename (CAT-1, RUN-1)', async () => {
    const clerk = as['aj.clerk']!;
    const reviewer = as['reviewer']!;
    const created = await clerk.post('/api/items', completeItem(ids, { name: '银行网点安全评估' }));
    expect(created.status).toBe(201);
    // 银行 reads yínháng here: the initials are yhwdaqpg, not yxwdaqpg.
    expect(await names(reviewer, '&q=yhwd')).toEqual(['银行网点安全评估']);
    expect(await names(reviewer, '&q=AQPG')).toEqual(['银行网点安全评估']);
    expect(await names(reviewer, '&q=yxwd')).toEqual([]);
    // Initials within the name, not only at its start; mixed text stays a substring search.
    expect(await names(reviewer, '&q=wdaq')).toEqual(['银行网点安全评估']);
    expect(await names(reviewer, `&q=${encodeURIComponent('yh网点')}`)).toEqual([]);

    const renamed = await clerk.patch(`/api/items/${created.body.id}`, {
      version: created.body.version,
      name: '仓储场所安全评估',
    });
    expect(renamed.status).toBe(200);
    expect(await names(reviewer, '&q=yhwd')).toEqual([]);
    expect(await names(reviewer, '&q=cccs')).toEqual(['仓储场所安全评估']);
  });

  test('the list shows each reader only what the access rules let them read (ROLE-3)', async () => {
    const clerk = as['aj.clerk']!;
    const created = await clerk.post('/api/items', completeItem(ids, { name: '尾矿库安全许可' }));
    expect(created.status).toBe(201);
    expect(await names(as['reviewer']!)).toContain('尾矿库安全许可');
    const gsSees = (await as['gs.clerk']!.get('/api/items?pageSize=100')).body.items as {
      departmentId: string;
      status: string;
    }[];
    // A clerk reads the items of the own department only.
    expect(gsSees.filter((i) => i.departmentId !== ids.gs)).toEqual([]);
  });
});
