import { idNumberProblem } from '../../../runtime/personal-data/id-number';
import type { ApiClient } from '../../support/client';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { catalogWorld, completeItem, type CatalogIds } from '../catalog/fixtures';

const field = (title: string, component: string, extra: object = {}) => ({
  type: 'string',
  title,
  'x-decorator': 'FormItem',
  'x-component': component,
  ...extra,
});

export const applicationSchema = {
  type: 'object',
  'x-layout': { columns: 2 },
  properties: {
    applicantName: field('申请人', 'Input', { required: true, maxLength: 50, 'x-index': 0 }),
    idNumber: field('身份证号', 'IdNumber', { required: true, 'x-index': 1 }),
    kind: field('申请类型', 'Radio.Group', {
      required: true,
      enum: [
        { label: '新办', value: 'new' },
        { label: '延续', value: 'renew' },
      ],
      'x-index': 2,
    }),
    oldLicence: field('原许可证号', 'Input', {
      required: true,
      'x-visible-when': { field: 'kind', op: 'eq', value: 'renew' },
      'x-index': 3,
    }),
  },
};

/** FORM-1 storage of an item's e-forms and FORM-3 validation of data on the server. */
describe('item e-forms (FORM-1, FORM-3)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let as: Record<string, ApiClient>;
  let ids: CatalogIds;
  let itemId: string;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    ({ as, ids } = await catalogWorld(server, ['aj.clerk', 'gs.clerk', 'reviewer']));
    const created = await as['aj.clerk']!.post('/api/items', completeItem(ids));
    itemId = created.body.id;
  });
  afterAll(() => server.close());

  test('FORM-1 a form is created with version 0, then changed only by whoever has its version', async () => {
    const clerk = as['aj.clerk']!;
    const created = await clerk.put(`/api/items/${itemId}/forms/application`, {
      name: '申请表',
      schema: applicationSchema,
      version: 0,
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ key: 'application', name: '申请表', version: 1 });
    const again = await clerk.put(`/api/items/${itemId}/forms/application`, {
      name: '申请表',
      schema: applicationSchema,
      version: 0,
    });
    expect(again.status).toBe(409);

    const renamed = await clerk.put(`/api/items/${itemId}/forms/application`, {
      name: '许可申请表',
      schema: applicationSchema,
      version: created.body.version,
    });
    expect(renamed.status).toBe(200);
    const stale = await clerk.put(`/api/items/${itemId}/forms/application`, {
      name: '旧名称',
      schema: applicationSchema,
      version: created.body.version,
    });
    expect(stale.status).toBe(409);
    const listed = await clerk.get(`/api/items/${itemId}/forms`);
    expect(listed.body.map((f: { name: string }) => f.name)).toEqual(['许可申请表']);
  });

  test('FORM-1 a schema with {{ }} code, an unknown component or a bad key is refused and not stored', async () => {
    const clerk = as['aj.clerk']!;
    const withCode = {
      ...applicationSchema,
      properties: {
        ...applicationSchema.properties,
        applicantName: field('申请人', 'Input', { description: '{{ fetch("/x") }}' }),
      },
    };
    const res = await clerk.put(`/api/items/${itemId}/forms/other`, {
      name: '其他',
      schema: withCode,
      version: 0,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_form_schema');
    expect(res.body.error.details.problems.length).toBeGreaterThan(0);
    const unknown = await clerk.put(`/api/items/${itemId}/forms/other`, {
      name: '其他',
      schema: { type: 'object', properties: { a: field('甲', 'Script') } },
      version: 0,
    });
    expect(unknown.status).toBe(400);
    const badKey = await clerk.put(`/api/items/${itemId}/forms/${encodeURIComponent('$where')}`, {
      name: '其他',
      schema: applicationSchema,
      version: 0,
    });
    expect(badKey.status).toBe(400);
    expect((await clerk.get(`/api/items/${itemId}/forms`)).body).toHaveLength(1);
  });

  test('FORM-3 the server refuses data the form forbids, naming each field', async () => {
    const check = (values: unknown, extra: object = {}) =>
      as['aj.clerk']!.post('/api/forms/validate', { schema: applicationSchema, values, ...extra });
    const good = await check({
      applicantName: '张三',
      idNumber: '11010519491231002X',
      kind: 'new',
    });
    expect(idNumberProblem('11010519491231002X', '2026-11-22')).toBeUndefined();
    expect(good.body.problems).toEqual([]);

    const bad = await check({
      applicantName: 42,
      idNumber: '110105194912310021',
      kind: 'other',
      extra: 'x',
    });
    const messages = (bad.body.problems as { field: string; message: string }[]).map(
      (p) => `${p.field}:${p.message}`,
    );
    expect(messages.join('\n')).toMatch(/applicantName:.*申请人/);
    expect(messages.join('\n')).toMatch(/idNumber:.*身份证号/);
    expect(messages.join('\n')).toMatch(/kind:.*申请类型/);
    expect(messages.join('\n')).toMatch(/extra:/);

    // A field shown only for 延续 is required only then.
    const renew = await check({
      applicantName: '张三',
      idNumber: '11010519491231002X',
      kind: 'renew',
    });
    expect(renew.body.problems.map((p: { field: string }) => p.field)).toEqual(['oldLicence']);

    // A read-only field cannot be changed at a step.
    const readOnly = await check(
      { applicantName: '李四', idNumber: '11010519491231002X', kind: 'new' },
      { permissions: { applicantName: 'read' }, previous: { applicantName: '张三' } },
    );
    expect(readOnly.body.problems.map((p: { field: string }) => p.field)).toEqual([
      'applicantName',
    ]);
  });

  test('another department cannot see or change the forms; a published item needs a 变更 first', async () => {
    const gs = as['gs.clerk']!;
    expect((await gs.get(`/api/items/${itemId}/forms`)).status).toBe(404);
    const put = await gs.put(`/api/items/${itemId}/forms/application`, {
      name: 'x',
      schema: applicationSchema,
      version: 1,
    });
    expect(put.status).toBe(404);
    const injected = await as['aj.clerk']!.get(
      `/api/items/${encodeURIComponent('{"$gt":""}')}/forms`,
    );
    expect(injected.status).toBe(400);
  });
});
