import type { ApiClient } from '../../support/client';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { catalogWorld, completeItem, designItem, type CatalogIds } from './fixtures';

/** CAT-5, CAT-6, CAT-8: draft, review with comments, return, approval, change, versions, diff. */
describe('item lifecycle (CAT-5, CAT-6, CAT-8)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let clerk: ApiClient;
  let reviewer: ApiClient;
  let ids: CatalogIds;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    const world = await catalogWorld(server, ['aj.clerk', 'reviewer']);
    ids = world.ids;
    clerk = world.as['aj.clerk']!;
    reviewer = world.as.reviewer!;
  });
  afterAll(() => server.close());

  test('a draft goes through review, return, approval with a code, and a change to version 2', async () => {
    const created = await clerk.post('/api/items', completeItem(ids));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      subjectCode: '33030300AJ',
      currentVersion: 0,
      pendingChange: { kind: 'new' },
    });
    expect(created.body.draft.subject.name).toBe('龙湾区安全生产监督管理局');
    expect(created.body.draft.office.name).toBe('综合科');
    expect(created.body.code).toBeUndefined();
    const id = created.body.id;
    await designItem(server, clerk, id);

    const renamed = await clerk.patch(`/api/items/${id}`, {
      version: created.body.version,
      name: '危险化学品经营许可证核发',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('危险化学品经营许可证核发');
    expect(renamed.body.draft.materials).toHaveLength(1);
    const stale = await clerk.patch(`/api/items/${id}`, {
      version: created.body.version,
      name: 'x',
    });
    expect(stale.status).toBe(409);

    let res = await clerk.post(`/api/items/${id}/submit`, { version: renamed.body.version });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('submitted');
    // A submitted item is the reviewer's until returned.
    expect(
      (await clerk.patch(`/api/items/${id}`, { version: res.body.version, name: 'y' })).status,
    ).toBe(409);

    const comment = await reviewer.post(`/api/items/${id}/comments`, {
      field: 'materials[m1].name',
      text: '请写明申请书的规范名称',
    });
    expect(comment.status).toBe(201);
    expect(
      (await reviewer.post(`/api/items/${id}/comments`, { field: 'nosuchfield', text: 'x' }))
        .status,
    ).toBe(400);
    res = await reviewer.get(`/api/items/${id}`);
    res = await reviewer.post(`/api/items/${id}/return`, {
      version: res.body.version,
      reason: '材料名称不规范',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'returned', returnReason: '材料名称不规范' });

    const seen = await clerk.get(`/api/items/${id}`);
    expect(seen.body.comments).toEqual([
      expect.objectContaining({
        field: 'materials[m1].name',
        text: '请写明申请书的规范名称',
        authorName: '林晓燕',
        resolved: false,
      }),
    ]);
    const fixed = await clerk.patch(`/api/items/${id}`, {
      version: seen.body.version,
      materials: [{ ...completeItem(ids).materials[0], name: '危险化学品经营许可证申请书' }],
    });
    expect(fixed.status).toBe(200);
    res = await clerk.post(`/api/items/${id}/submit`, { version: fixed.body.version });
    expect(res.status).toBe(200);

    const approved = await reviewer.post(`/api/items/${id}/approve`, { version: res.body.version });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      code: '33030300AJ-XK-0001',
      currentVersion: 1,
    });
    expect(approved.body.pendingChange).toBeUndefined();
    expect(approved.body.comments[0].resolved).toBe(true);

    // A change of an approved item is a new draft on the same item, with a reason.
    const change = {
      version: approved.body.version,
      materials: [
        {
          id: 'm3',
          name: '经营场所产权证明',
          format: '复印件',
          originalOrCopy: 'copy',
          count: 1,
          medium: 'paper',
          submission: '窗口提交',
          required: true,
        },
      ],
    };
    expect((await clerk.patch(`/api/items/${id}`, change)).status).toBe(400);
    const changed = await clerk.patch(`/api/items/${id}`, { ...change, reason: '简化申报材料' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      status: 'draft',
      code: '33030300AJ-XK-0001',
      currentVersion: 1,
      pendingChange: { kind: 'change', reason: '简化申报材料', label: '变更' },
    });
    const draftDiff = await clerk.get(`/api/items/${id}/diff?from=1&to=draft`);
    expect(draftDiff.status).toBe(200);
    expect(draftDiff.body.changes.map((c: { path: string }) => c.path)).toEqual(
      expect.arrayContaining(['materials[m1]', 'materials[m3]']),
    );

    res = await clerk.post(`/api/items/${id}/submit`, { version: changed.body.version });
    const again = await reviewer.post(`/api/items/${id}/approve`, { version: res.body.version });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ code: '33030300AJ-XK-0001', currentVersion: 2 });

    const versions = await clerk.get(`/api/items/${id}/versions`);
    expect(versions.body.items.map((v: { n: number; code: string }) => [v.n, v.code])).toEqual([
      [1, '33030300AJ-XK-0001'],
      [2, '33030300AJ-XK-0001'],
    ]);
    expect(versions.body.items[0]).toMatchObject({ approvedByName: '林晓燕' });
    expect(versions.body.items[0].content).toBeUndefined();
    const v1 = await clerk.get(`/api/items/${id}/versions/1`);
    expect(v1.body.content.materials.map((m: { id: string }) => m.id)).toEqual(['m1']);
    expect((await clerk.get(`/api/items/${id}/versions/3`)).status).toBe(404);

    const diff = await reviewer.get(`/api/items/${id}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.body.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'materials[m1]', kind: 'removed' }),
        expect.objectContaining({
          path: 'materials[m3]',
          kind: 'added',
          after: expect.objectContaining({ name: '经营场所产权证明' }),
        }),
      ]),
    );
    expect((await reviewer.get(`/api/items/${id}/diff?from=1&to=x`)).status).toBe(400);

    // The stored versions cannot be altered, not even from inside the server.
    await expect(
      server.models.itemVersions.updateOne({ _id: `${id}:1` }, { $set: { code: 'x' } }).exec(),
    ).rejects.toThrow('不可修改');

    const logs = await server.models.operationLogs
      .find({ resource: 'item', resourceId: id })
      .lean()
      .exec();
    expect(logs.map((l) => l.action)).toEqual(
      expect.arrayContaining([
        'create',
        'update',
        'submit',
        'comment',
        'return',
        'approve',
        'change',
      ]),
    );
  });

  test('the type and subject of a coded item cannot change', async () => {
    const list = await clerk.get('/api/items?code=33030300AJ-XK-0001');
    expect(list.body.total).toBe(1);
    const item = list.body.items[0];
    const res = await clerk.patch(`/api/items/${item.id}`, {
      version: item.version,
      type: 'SP',
      reason: '改类型',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual({ field: 'type' });
  });
});
