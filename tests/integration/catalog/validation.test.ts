import { Types } from 'mongoose';
import { completenessProblems } from '../../../runtime/catalog/completeness';
import type { ItemContent } from '../../../runtime/catalog/item';
import type { ApiClient } from '../../support/client';
import { signedIn } from '../../support/client';
import { DEMO_PASSWORD } from '../../../seeds/demo-county';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { catalogWorld, completeItem, designItem, submitted, type CatalogIds } from './fixtures';

/** CAT-1, CAT-7 and access (ROLE-3) for items: what is refused, and who sees what. */
describe('item validation, completeness and access (CAT-1, CAT-7)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let as: Record<string, ApiClient>;
  let ids: CatalogIds;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    ({ as, ids } = await catalogWorld(server, [
      'aj.clerk',
      'aj.officer',
      'gs.clerk',
      'reviewer',
      'supervisor',
      'yz.window',
    ]));
  });
  afterAll(() => server.close());

  test('submitting an incomplete item lists every problem, as the completeness check does', async () => {
    const clerk = as['aj.clerk']!;
    const bare = {
      type: 'XK',
      name: '',
      legalBasis: [],
      subject: { unitId: ids.aj, nature: 'entrusted' },
      materials: [],
      fee: { charged: true },
      handlingKind: 'promised',
      serviceForms: [],
      faq: [],
    };
    const created = await clerk.post('/api/items', bare);
    expect(created.status).toBe(201);
    const res = await clerk.post(`/api/items/${created.body.id}/submit`, {
      version: created.body.version,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('incomplete');
    const expected = [
      ...completenessProblems(created.body.draft as ItemContent),
      // CAT-7 with PROC-4: no verified flowchart, no submission.
      { field: 'process', message: '尚未绘制权力运行流程图' },
    ];
    expect(res.body.error.details.problems).toEqual(expected);
    expect(expected.map((p) => p.field)).toEqual(
      expect.arrayContaining([
        'name',
        'legalBasis',
        'subject.entrustingUnit',
        'office',
        'phone',
        'supervisionPhone',
        'fee.basis',
        'fee.standard',
        'address',
        'acceptanceConditions',
        'materials',
        'promisedLimit',
        'legalLimit',
      ]),
    );
    for (const p of expected) expect(res.body.error.message).toContain(p.message);

    const check = await clerk.get(`/api/items/${created.body.id}/completeness`);
    expect(check.body.complete).toBe(false);
    expect(check.body.problems).toEqual(expected);
    expect(check.body.byField['fee.basis']).toEqual(['收费事项须写明收费依据']);
    expect((await clerk.get(`/api/items/${created.body.id}`)).body.status).toBe('draft');
  });

  test('a promised limit above the legal one is refused at submission, naming both figures', async () => {
    const clerk = as['aj.clerk']!;
    const created = await clerk.post(
      '/api/items',
      completeItem(ids, {
        legalLimit: { value: 20, unit: 'workingDays' },
        promisedLimit: { value: 30, unit: 'workingDays' },
      }),
    );
    await designItem(server, clerk, created.body.id);
    const res = await clerk.post(`/api/items/${created.body.id}/submit`, {
      version: created.body.version,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('承诺期限（30）不得超过法定期限（20）');
    expect(res.body.error.details.problems).toEqual([
      { field: 'promisedLimit', message: '承诺期限（30）不得超过法定期限（20）' },
    ]);
  });

  test('the content is validated as a whole: unknown keys, operators, bad enums and limits', async () => {
    const clerk = as['aj.clerk']!;
    const item = completeItem(ids);
    const refused = [
      { ...item, extra: 1 },
      { ...item, name: { $gt: '' } },
      { ...item, subject: { unitId: { $gt: '' }, nature: 'statutory' } },
      { ...item, subject: { ...item.subject, $where: 'x' } },
      { ...item, materials: [{ ...item.materials[0], name: { $gt: '' } }] },
      { ...item, type: 'XX' },
      { ...item, legalLimit: { value: 20, unit: 'weeks' } },
      { ...item, promisedLimit: { value: 0, unit: 'workingDays' } },
      { ...item, materials: [item.materials[0], item.materials[0]] },
      { ...item, legalBasis: [{ title: '无编号的依据', article: '', text: '' }] },
      { ...item, onlineUrl: 'javascript:alert(1)' },
    ];
    for (const body of refused) {
      const res = await clerk.post('/api/items', body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    const created = await clerk.post('/api/items', item);
    const patched = await clerk.patch(`/api/items/${created.body.id}`, {
      version: created.body.version,
      fee: { charged: { $gt: '' } },
    });
    expect(patched.status).toBe(400);
    expect(await server.models.items.countDocuments({ name: { $type: 'object' } })).toBe(0);
  });

  test("a township's own items are coded with its township code and its name's initials", async () => {
    const township = await server.models.units.findOne({ name: '永中街道' }).lean().orFail();
    const window = await server.models.units
      .findOne({ name: '便民服务中心', departmentId: township._id })
      .lean()
      .orFail();
    const admin = await signedIn(server, 'admin', DEMO_PASSWORD);
    const created = await admin.post('/api/users', {
      username: 'yz.clerk',
      staffNo: 'YZ009',
      name: '街道事项员',
      unitId: String(window._id),
      roles: ['clerk'],
      password: 'Jiedao#2026',
    });
    expect(created.status).toBe(201);
    const clerk = await signedIn(server, 'yz.clerk', 'Jiedao#2026');
    const item = await clerk.post(
      '/api/items',
      completeItem(ids, {
        subject: { unitId: String(township._id), name: '', nature: 'statutory' },
        office: { unitId: String(window._id), name: '' },
      }),
    );
    expect(item.status).toBe(201);
    // 330303 + 01 (永中街道, division 330303001) + YZ.
    expect(item.body.subjectCode).toBe('33030301YZ');
  });

  test('the subject must be a department or township of the county, and the clerk’s own', async () => {
    const clerk = as['aj.clerk']!;
    const unknown = await clerk.post(
      '/api/items',
      completeItem(ids, {
        subject: { unitId: String(new Types.ObjectId()), name: '', nature: 'statutory' },
      }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual({ field: 'subject.unitId' });
    const office = await clerk.post(
      '/api/items',
      completeItem(ids, { subject: { unitId: ids.ajOffice, name: '', nature: 'statutory' } }),
    );
    expect(office.status).toBe(400);
    const foreign = await clerk.post(
      '/api/items',
      completeItem(ids, {
        subject: { unitId: ids.gs, name: '', nature: 'statutory' },
        office: undefined,
      }),
    );
    expect(foreign.status).toBe(403);
    const reviewerCreates = await as.reviewer!.post('/api/items', completeItem(ids));
    expect(reviewerCreates.status).toBe(403);
  });

  test('another department’s item is a 404 for a clerk, and a list filtered for it is empty', async () => {
    const item = await submitted(
      server,
      as['aj.clerk']!,
      completeItem(ids, { name: '烟花爆竹经营（零售）许可' }),
    );
    const gs = as['gs.clerk']!;
    expect((await gs.get(`/api/items/${item.id}`)).status).toBe(404);
    expect((await gs.get(`/api/items/${item.id}/versions`)).status).toBe(404);
    expect(
      (await gs.post(`/api/items/${item.id}/cancel`, { version: 0, reason: 'x' })).status,
    ).toBe(404);
    expect((await gs.get(`/api/items?departmentId=${ids.aj}`)).body).toMatchObject({
      items: [],
      total: 0,
    });
    expect((await as['yz.window']!.get(`/api/items/${item.id}`)).status).toBe(404);
    for (const who of ['aj.officer', 'supervisor', 'reviewer']) {
      expect((await as[who]!.get(`/api/items/${item.id}`)).status).toBe(200);
    }

    // A clerk may not approve, return or comment, even on his own department's item.
    const clerk = as['aj.clerk']!;
    const approve = await clerk.post(`/api/items/${item.id}/approve`, { version: item.version });
    expect(approve.status).toBe(403);
    expect(
      (await clerk.post(`/api/items/${item.id}/return`, { version: item.version, reason: 'x' }))
        .status,
    ).toBe(403);
    expect(
      (await clerk.post(`/api/items/${item.id}/comments`, { field: 'name', text: 'x' })).status,
    ).toBe(403);
    expect(
      (await as.supervisor!.post(`/api/items/${item.id}/approve`, { version: 0 })).status,
    ).toBe(403);
  });

  test('search by partial Chinese name and by code; codes given to the API are checked', async () => {
    const clerk = as['aj.clerk']!;
    const reviewer = as.reviewer!;
    const item = await submitted(
      server,
      clerk,
      completeItem(ids, { type: 'JG', name: '矿山安全日常监督检查' }),
    );
    const approved = await reviewer.post(`/api/items/${item.id}/approve`, {
      version: item.version,
    });
    expect(approved.body.code).toBe('33030300AJ-JG-0001');

    const byName = await reviewer.get(`/api/items?q=${encodeURIComponent('安全日常')}`);
    expect(byName.body.items.map((i: { id: string }) => i.id)).toEqual([item.id]);
    const regexLike = await reviewer.get(`/api/items?q=${encodeURIComponent('.*')}`);
    expect(regexLike.body.total).toBe(0);
    const byCodePart = await reviewer.get('/api/items?q=AJ-JG');
    expect(byCodePart.body.items.map((i: { id: string }) => i.id)).toEqual([item.id]);
    const byCode = await reviewer.get('/api/items?code=33030300AJ-JG-0001&type=JG');
    expect(byCode.body.total).toBe(1);
    expect(byCode.body.items[0]).not.toHaveProperty('draft');

    const wrongType = await reviewer.get('/api/items?code=33030300AJ-JG-0001&type=XK');
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.code).toBe('invalid_item_code');
    expect(wrongType.body.error.message).toContain('事项类型「JG」与事项类型「XK」不符');
    const badType = await reviewer.get('/api/items?code=33030300AJ-XX-0001');
    expect(badType.status).toBe(400);
    expect(badType.body.error.details.problems[0].field).toBe('type');
    const lower = await reviewer.get('/api/items?code=33030300aj-jg-0001');
    expect(lower.status).toBe(400);

    const filtered = await reviewer.get(
      `/api/items?status=approved&type=JG&departmentId=${ids.aj}`,
    );
    expect(filtered.body.total).toBe(1);
    expect((await reviewer.get('/api/items?status=bogus')).status).toBe(400);
  });
});
