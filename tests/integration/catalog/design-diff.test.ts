import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import {
  applicationForm,
  approvedItem,
  caseWorld,
  linearProcess,
  type World,
} from '../cases/world';

/** CAT-6, issue 13: the version diff shows flowchart and form changes beside the content's. */
describe('version diff of the flowchart and forms (CAT-6)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    world = await caseWorld(server, ['aj.clerk', 'reviewer']);
  }, 120_000);
  afterAll(() => server.close());

  test('CAT-6 a step limit, a new step requirement and a form field changed between versions are listed, named in Chinese', async () => {
    const id = await approvedItem(world);
    const clerk = world.as['aj.clerk']!;
    const reviewer = world.as.reviewer!;
    const item = (await clerk.get(`/api/items/${id}`)).body;
    const changed = await clerk.patch(`/api/items/${id}`, {
      version: item.version,
      phone: '0577-86888999',
      reason: '调整决定时限与申请表',
    });
    expect(changed.status).toBe(200);
    const steps = world.steps.map((s) => (s.id === 'decide' ? { ...s, days: 1 } : s));
    const process = (await clerk.get(`/api/items/${id}/process`)).body;
    const saved = await clerk.put(`/api/items/${id}/process`, {
      xml: linearProcess(steps),
      version: process.version,
    });
    expect(saved.status).toBe(200);
    const listed = (await clerk.get(`/api/items/${id}/forms`)).body;
    const form = (Array.isArray(listed) ? listed : listed.items).find(
      (f: { key: string }) => f.key === 'application',
    );
    const schema = applicationForm as { properties: Record<string, unknown> };
    const withField = {
      ...schema,
      properties: {
        ...schema.properties,
        remark: {
          type: 'string',
          title: '备注',
          'x-decorator': 'FormItem',
          'x-component': 'Input.TextArea',
          'x-index': 99,
          maxLength: 500,
        },
      },
    };
    const formSaved = await clerk.put(`/api/items/${id}/forms/application`, {
      name: '申请表',
      schema: withField,
      version: form.version,
    });
    expect(formSaved.body).toMatchObject({ key: 'application' });

    const draft = await clerk.get(`/api/items/${id}/diff?from=1&to=draft`);
    expect(draft.status).toBe(200);
    const paths = draft.body.changes.map((c: { path: string }) => c.path);
    expect(paths).toEqual(
      expect.arrayContaining(['phone', 'flowchart.steps[决定].limit', 'formDesign[申请表].fields']),
    );
    expect(
      draft.body.changes.find((c: { path: string }) => c.path === 'flowchart.steps[决定].limit'),
    ).toMatchObject({ kind: 'changed', before: '2 个工作日', after: '1 个工作日' });
    expect(
      draft.body.changes.find((c: { path: string }) => c.path === 'formDesign[申请表].fields')
        .after,
    ).toContain('备注');

    const submitted = await clerk.post(`/api/items/${id}/submit`, {
      version: (await clerk.get(`/api/items/${id}`)).body.version,
    });
    expect(submitted.status).toBe(200);
    expect(
      (await reviewer.post(`/api/items/${id}/approve`, { version: submitted.body.version })).status,
    ).toBe(200);
    const diff = await reviewer.get(`/api/items/${id}/diff?from=1&to=2`);
    expect(diff.body.changes.map((c: { path: string }) => c.path)).toEqual(
      expect.arrayContaining(['flowchart.steps[决定].limit', 'formDesign[申请表].fields']),
    );
    // Unchanged steps are not listed.
    expect(
      diff.body.changes.filter((c: { path: string }) => c.path.startsWith('flowchart.steps[审核]')),
    ).toEqual([]);
  });
});
