import fs from 'node:fs';
import path from 'node:path';
import { fillTemplate } from '../../../seeds/demo-design';
import type { ApiClient } from '../../support/client';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { applicationForm, catalogWorld, completeItem } from '../catalog/fixtures';

const template = fs.readFileSync(
  path.resolve(__dirname, '../../../templates/processes/promised.bpmn'),
  'utf8',
);

/** The template's 准予 flow (Flow_grant) with `and <extra>` added to its condition. */
function grantWith(xml: string, extra: string): string {
  const escaped = extra.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const out = xml.replace(
    /outcome = (?:&quot;|")approve(?:&quot;|")(?=<\/bpmn:conditionExpression>)/,
    `outcome = "approve" and ${escaped}`,
  );
  expect(out).not.toEqual(xml);
  return out;
}

/** Regular expressions from stored definitions through the API (PROC-4, FORM-3, issue 11). */
describe('catastrophic regular expressions are refused before they are stored or published', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let clerk: ApiClient;
  let itemId: string;
  let filled: string;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    const { as, ids } = await catalogWorld(server, ['aj.clerk']);
    clerk = as['aj.clerk']!;
    itemId = (await clerk.post('/api/items', completeItem(ids))).body.id;
    await clerk.put(`/api/items/${itemId}/forms/application`, {
      name: '申请表',
      schema: applicationForm,
      version: 0,
    });
    const posts = (await clerk.get(`/api/posts?unitId=${ids.ajOffice}`)).body.items;
    filled = await fillTemplate(template, posts, 'application', { value: 10, unit: 'workingDays' });
  });
  afterAll(() => server.close());

  test('PROC-4 PUT /api/items/:id/process with matches(applicantName, "^(a+)+$") answers with the problem on its flow, and the item cannot be submitted', async () => {
    const xml = grantWith(filled, 'matches(applicantName, "^(a+)+$")');
    const saved = await clerk.put(`/api/items/${itemId}/process`, { xml, version: 0 });
    expect(saved.status).toBe(200);
    expect(saved.body.verified).toBe(false);
    const regex = saved.body.problems.filter(
      (p: { rule: string }) => p.rule === 'county/condition-regex',
    );
    expect(regex).toEqual([
      {
        rule: 'county/condition-regex',
        message: expect.stringMatching(
          /^连线「准予」\(Flow_grant\)的条件中 matches 的正则表达式「\^\(a\+\)\+\$」可能发生灾难性回溯/,
        ),
        elementId: 'Flow_grant',
      },
    ]);

    const item = (await clerk.get(`/api/items/${itemId}`)).body;
    const submitted = await clerk.post(`/api/items/${itemId}/submit`, { version: item.version });
    expect(submitted.status).toBe(400);
    expect(submitted.body.error.message).toContain('「^(a+)+$」');
    expect((await clerk.get(`/api/items/${itemId}`)).body.status).toBe(item.status);

    // The same flowchart with a safe pattern verifies and the item can be submitted.
    const safe = grantWith(filled, 'matches(applicantName, "^[\\u4e00-\\u9fa5]+$")');
    const fixed = await clerk.put(`/api/items/${itemId}/process`, {
      xml: safe,
      version: saved.body.version,
    });
    expect(
      fixed.body.problems.filter((p: { rule: string }) => p.rule.startsWith('county/condition')),
    ).toEqual([]);
  });

  test('PROC-4 a range without literal bounds is refused at verification', async () => {
    const xml = grantWith(filled, 'count(for i in 1..1000000000 return i) > 0');
    const res = await clerk.post('/api/process/verify', { itemId, xml });
    expect(res.status).toBe(200);
    expect(res.body.problems).toContainEqual({
      rule: 'county/condition-cost',
      message: expect.stringContaining('范围「1..1000000000」'),
      elementId: 'Flow_grant',
    });
  });

  test('FORM-3 PUT of a form whose pattern is (a+)+ is a 400 naming the field and the pattern, and nothing is stored', async () => {
    const before = (await clerk.get(`/api/items/${itemId}/forms`)).body;
    const schema = structuredClone(applicationForm) as {
      properties: Record<string, Record<string, unknown>>;
    };
    schema.properties.applicantName!.pattern = '(a+)+';
    const res = await clerk.put(`/api/items/${itemId}/forms/extra`, {
      name: '补充表',
      schema,
      version: 0,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.problems).toContainEqual({
      path: 'properties.applicantName.pattern',
      message: expect.stringContaining('正则表达式「(a+)+」可能发生灾难性回溯'),
    });
    expect((await clerk.get(`/api/items/${itemId}/forms`)).body).toEqual(before);
  });
});
