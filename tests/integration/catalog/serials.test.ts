import { Types } from 'mongoose';
import { assignCode } from '../../../server/catalog/serials';
import type { ApiClient } from '../../support/client';
import { signedIn } from '../../support/client';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { catalogWorld, completeItem, submitted, type CatalogIds } from './fixtures';

/** CAT-4: serials per subject and type, assigned at approval, unique under load, never reused. */
describe('item codes and serials (CAT-4)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let as: Record<string, ApiClient>;
  let ids: CatalogIds;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    ({ as, ids } = await catalogWorld(server, ['aj.clerk', 'reviewer', 'admin']));
  });
  afterAll(() => server.close());

  const serialOf = (code: string) => code.slice(-4);

  test('20 approvals at the same moment get 0001 … 0020; after a cancellation the next is 0021', async () => {
    const clerk = as['aj.clerk']!;
    const reviewer = as.reviewer!;
    const items = [];
    for (let i = 1; i <= 21; i++) {
      items.push(
        await submitted(server, clerk, completeItem(ids, { type: 'FW', name: `便民服务${i}` })),
      );
    }
    const first20 = items.slice(0, 20);
    const results = await Promise.all(
      first20.map((it) => reviewer.post(`/api/items/${it.id}/approve`, { version: it.version })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const codes = results.map((r) => r.body.code as string);
    expect(new Set(codes).size).toBe(20);
    expect(codes.map(serialOf).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(4, '0')),
    );
    expect(codes.every((c) => c.startsWith('33030300AJ-FW-'))).toBe(true);

    // Cancel the last one issued: its serial must not come back.
    const last = results.find((r) => r.body.code === '33030300AJ-FW-0020')!.body;
    const asked = await clerk.post(`/api/items/${last.id}/cancel`, {
      version: last.version,
      reason: '职能调整，事项取消',
    });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ status: 'submitted', pendingChange: { kind: 'cancel' } });
    const cancelled = await reviewer.post(`/api/items/${last.id}/approve`, {
      version: asked.body.version,
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', code: '33030300AJ-FW-0020' });

    const next = await reviewer.post(`/api/items/${items[20]!.id}/approve`, {
      version: items[20]!.version,
    });
    expect(next.body.code).toBe('33030300AJ-FW-0021');
    expect(
      await server.models.itemSerials.countDocuments({ subjectCode: '33030300AJ', type: 'FW' }),
    ).toBe(21);
  });

  test('two reviewers approving the same item at once: one succeeds, one gets 409, one serial is used', async () => {
    const admin = as.admin!;
    const created = await admin.post('/api/users', {
      username: 'reviewer2',
      staffNo: 'SG099',
      name: '第二审核员',
      unitId: ids.sgOffice,
      roles: ['reviewer'],
      password: 'Strong#Pass1',
    });
    expect(created.status).toBe(201);
    const second = await signedIn(server, 'reviewer2', 'Strong#Pass1');
    const clerk = as['aj.clerk']!;
    const item = await submitted(
      server,
      clerk,
      completeItem(ids, { type: 'QR', name: '安全生产确认' }),
    );
    const both = await Promise.all(
      [as.reviewer!, second].map((r) =>
        r.post(`/api/items/${item.id}/approve`, { version: item.version }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = both.find((r) => r.status === 200)!.body;
    expect(winner.code).toBe('33030300AJ-QR-0001');
    expect(await server.models.itemVersions.countDocuments({ itemId: item.id })).toBe(1);
    expect(await server.models.itemSerials.countDocuments({ itemId: item.id })).toBe(1);

    // The loser took nothing: the next item of that type gets 0002.
    const other = await submitted(
      server,
      clerk,
      completeItem(ids, { type: 'QR', name: '另一确认事项' }),
    );
    const res = await second.post(`/api/items/${other.id}/approve`, { version: other.version });
    expect(res.body.code).toBe('33030300AJ-QR-0002');
  });

  test('assignment itself: 20 parallel claims for one subject and type, none duplicated, retries keep their serial', async () => {
    const deps = server.models;
    const itemIds = Array.from({ length: 20 }, () => new Types.ObjectId());
    const codes = await Promise.all(
      itemIds.map((_id) => assignCode(deps, { _id, subjectCode: '33030300SJ', type: 'CJ' })),
    );
    expect(codes.map(serialOf).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(4, '0')),
    );
    // Asking again for the same item (a retried approval) gives the serial it already holds.
    expect(
      await assignCode(deps, { _id: itemIds[3]!, subjectCode: '33030300SJ', type: 'CJ' }),
    ).toBe(codes[3]);
    await expect(deps.itemSerials.deleteOne({ _id: codes[0] }).exec()).rejects.toThrow('永不收回');
    expect(await deps.itemSerialCounters.findById('33030300SJ-CJ').lean().exec()).toMatchObject({
      next: 21,
    });
  });
});
