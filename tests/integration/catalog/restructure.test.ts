import type { ApiClient } from '../../support/client';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { catalogWorld, completeItem, submitted, type CatalogIds } from './fixtures';

/** CAT-5: 下放 to a township and 拆分 into several items, each only after approval. */
describe('delegation and split of items (CAT-5, CAT-4)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let clerk: ApiClient;
  let reviewer: ApiClient;
  let ids: CatalogIds;
  let yz: string;
  let yzOffice: string;

  /** An approved AJ item with the given name; its code and version. */
  async function approvedItem(name: string) {
    const sent = await submitted(server, clerk, completeItem(ids, { name }));
    const res = await reviewer.post(`/api/items/${sent.id}/approve`, { version: sent.version });
    expect(res.status).toBe(200);
    return res.body as { id: string; code: string; version: number };
  }

  beforeAll(async () => {
    server = await startTestServer(t.db);
    const world = await catalogWorld(server, ['aj.clerk', 'reviewer']);
    ({ ids } = world);
    clerk = world.as['aj.clerk']!;
    reviewer = world.as['reviewer']!;
    const unit = async (filter: Record<string, unknown>) =>
      String((await server.models.units.findOne(filter).lean().orFail())._id);
    yz = await unit({ name: '永中街道' });
    yzOffice = await unit({ name: '便民服务中心', departmentId: yz });
  });
  afterAll(() => server.close());

  test('CAT-5 下放: approval creates the township item with a new code and retires the old one', async () => {
    const item = await approvedItem('烟花爆竹零售经营许可');
    expect(item.code).toBe('33030300AJ-XK-0001');

    const toDept = await clerk.post(`/api/items/${item.id}/delegate`, {
      version: item.version,
      reason: '赋权乡镇',
      townshipId: ids.gs,
      officeId: yzOffice,
    });
    expect(toDept.status).toBe(400);
    expect(toDept.body.error.message).toContain('乡镇（街道）');

    const asked = await clerk.post(`/api/items/${item.id}/delegate`, {
      version: item.version,
      reason: '按省赋权事项清单下放永中街道',
      townshipId: yz,
      officeId: yzOffice,
    });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({
      status: 'submitted',
      code: item.code,
      pendingChange: { kind: 'delegate', label: '下放', successors: [{ subjectName: '永中街道' }] },
    });
    // Nothing takes effect before approval.
    expect(
      (await reviewer.get(`/api/items?q=${encodeURIComponent('烟花爆竹零售')}`)).body.total,
    ).toBe(1);

    const done = await reviewer.post(`/api/items/${item.id}/approve`, {
      version: asked.body.version,
    });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('cancelled');
    expect(done.body.successorIds).toHaveLength(1);
    const successor = await reviewer.get(`/api/items/${done.body.successorIds[0]}`);
    expect(successor.body).toMatchObject({
      status: 'approved',
      departmentId: yz,
      predecessorId: item.id,
      currentVersion: 1,
      draft: { subject: { unitId: yz, name: '永中街道' }, office: { unitId: yzOffice } },
    });
    expect(successor.body.code).toMatch(/^330303\d{2}YZ-XK-0001$/);
    expect(successor.body.code).not.toBe(item.code);
  });

  test('CAT-5 拆分: each part gets a new code, the old code is never issued again', async () => {
    const item = await approvedItem('特种设备使用登记');
    const parts = ['特种设备使用登记（新装）', '特种设备使用登记（变更）'].map((name) =>
      completeItem(ids, { name }),
    );
    const one = await clerk.post(`/api/items/${item.id}/split`, {
      version: item.version,
      reason: '按情形拆分',
      parts: parts.slice(0, 1),
    });
    expect(one.status).toBe(400);
    const incomplete = await clerk.post(`/api/items/${item.id}/split`, {
      version: item.version,
      reason: '按情形拆分',
      parts: [parts[0], { ...parts[1], phone: '' }],
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error).toMatchObject({ code: 'incomplete' });
    expect(incomplete.body.error.message).toContain('第 2 个事项');

    const asked = await clerk.post(`/api/items/${item.id}/split`, {
      version: item.version,
      reason: '按情形拆分',
      parts,
    });
    expect(asked.status).toBe(200);
    // Two reviewers at once: one approval, one conflict.
    const [a, b] = await Promise.all([
      reviewer.post(`/api/items/${item.id}/approve`, { version: asked.body.version }),
      reviewer.post(`/api/items/${item.id}/approve`, { version: asked.body.version }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const done = (a.status === 200 ? a : b).body;
    expect(done.status).toBe('cancelled');
    const codes: string[] = [];
    for (const id of done.successorIds as string[]) {
      const s = (await reviewer.get(`/api/items/${id}`)).body;
      expect(s).toMatchObject({ status: 'approved', predecessorId: item.id });
      codes.push(s.code);
    }
    expect(codes.sort()).toEqual(['33030300AJ-XK-0003', '33030300AJ-XK-0004']);
    expect(codes).not.toContain(item.code);
    const all = await server.models.items.find({ predecessorId: item.id }).lean().exec();
    expect(all).toHaveLength(2);
  });

  test('a refused 下放 or 拆分 leaves the published item as it was, with nothing created', async () => {
    const item = await approvedItem('危险化学品安全使用许可');
    const asked = await clerk.post(`/api/items/${item.id}/delegate`, {
      version: item.version,
      reason: '下放',
      townshipId: yz,
      officeId: yzOffice,
    });
    const back = await reviewer.post(`/api/items/${item.id}/return`, {
      version: asked.body.version,
      reason: '该事项不在赋权清单内',
    });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'approved', code: item.code });
    expect(back.body.pendingChange).toBeUndefined();
    const successorId = asked.body.pendingChange.successors[0].itemId;
    expect(await server.models.items.exists({ _id: successorId })).toBeNull();

    const draft = await clerk.post('/api/items', completeItem(ids, { name: '草稿事项' }));
    const early = await clerk.post(`/api/items/${draft.body.id}/split`, {
      version: draft.body.version,
      reason: '拆分',
      parts: [completeItem(ids, { name: 'a' }), completeItem(ids, { name: 'b' })],
    });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('只有已发布的事项');
  });

  test('an approval that stopped half-way is finished by the next one, creating nothing twice', async () => {
    const item = await approvedItem('尾矿库安全设施设计审查');
    const asked = await clerk.post(`/api/items/${item.id}/split`, {
      version: item.version,
      reason: '拆分',
      parts: ['尾矿库安全设施设计审查（新建）', '尾矿库安全设施设计审查（改建）'].map((name) =>
        completeItem(ids, { name }),
      ),
    });
    expect(asked.status).toBe(200);
    // As if the server died after creating the first successor: it exists, still submitted.
    const first = (await server.models.items.findById(item.id).lean().orFail()).pendingChange!
      .successors![0]!;
    await server.models.items.create({
      _id: first.itemId,
      countyId: first.countyId,
      departmentId: first.departmentId,
      subjectCode: first.subjectCode,
      name: first.content.name,
      type: first.content.type,
      status: 'submitted',
      draft: first.content,
      currentVersion: 0,
      predecessorId: item.id,
      comments: [],
    });
    const done = await reviewer.post(`/api/items/${item.id}/approve`, {
      version: asked.body.version,
    });
    expect(done.status).toBe(200);
    const successors = await server.models.items.find({ predecessorId: item.id }).lean().exec();
    expect(successors.map((s) => s.status)).toEqual(['approved', 'approved']);
    expect(new Set(successors.map((s) => s.code)).size).toBe(2);
  });
});
