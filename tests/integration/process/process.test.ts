import fs from 'node:fs';
import path from 'node:path';
import { fillTemplate } from '../../../seeds/demo-design';
import type { ApiClient } from '../../support/client';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import {
  applicationForm,
  catalogWorld,
  completeItem,
  simpleProcessXml,
  type CatalogIds,
} from '../catalog/fixtures';

const template = (kind: string) =>
  fs.readFileSync(path.resolve(__dirname, `../../../templates/processes/${kind}.bpmn`), 'utf8');

/** PROC-1, PROC-4, PROC-5 through the API: saving, verifying, refusing, binding to versions. */
describe('item flowcharts (PROC-1, PROC-4, PROC-5)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let as: Record<string, ApiClient>;
  let ids: CatalogIds;
  let clerk: ApiClient;
  let itemId: string;
  let posts: { id: string; name: string }[];

  beforeAll(async () => {
    server = await startTestServer(t.db);
    ({ as, ids } = await catalogWorld(server, ['aj.clerk', 'gs.clerk', 'reviewer']));
    clerk = as['aj.clerk']!;
    const created = await clerk.post('/api/items', completeItem(ids));
    itemId = created.body.id;
    await clerk.put(`/api/items/${itemId}/forms/application`, {
      name: '申请表',
      schema: applicationForm,
      version: 0,
    });
    posts = (await clerk.get(`/api/posts?unitId=${ids.ajOffice}`)).body.items;
  });
  afterAll(() => server.close());

  test('PROC-5 a template per handling kind; unfilled it is kept with its problems on the elements', async () => {
    const templates = (await clerk.get('/api/process-templates')).body as {
      handlingKind: string;
    }[];
    expect(templates.map((x) => x.handlingKind).sort()).toEqual(
      ['deferredMaterials', 'escalated', 'immediate', 'joint', 'promised'].sort(),
    );
    const saved = await clerk.put(`/api/items/${itemId}/process`, {
      xml: template('promised'),
      version: 0,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.verified).toBe(false);
    const noPosts = saved.body.problems.filter(
      (p: { rule: string }) => p.rule === 'county/step-posts',
    );
    expect(noPosts.length).toBeGreaterThan(0);
    expect(noPosts.every((p: { elementId?: string }) => p.elementId)).toBe(true);

    const filled = await fillTemplate(template('promised'), posts, 'application', {
      value: 10,
      unit: 'workingDays',
    });
    const verified = await clerk.put(`/api/items/${itemId}/process`, {
      xml: filled,
      version: saved.body.version,
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ verified: true, problems: [] });
    const stale = await clerk.put(`/api/items/${itemId}/process`, {
      xml: filled,
      version: saved.body.version,
    });
    expect(stale.status).toBe(409);
  });

  test('PROC-4 bad diagrams are refused with a message naming the problem, and nothing changes', async () => {
    const before = (await clerk.get(`/api/items/${itemId}/process`)).body;
    const put = (xml: string) =>
      clerk.put(`/api/items/${itemId}/process`, { xml, version: before.version });

    const malformed = await put('<bpmn:definitions><bpmn:process');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid_bpmn');

    const entity = await put(
      `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>${simpleProcessXml('a', 'b').replace(/^<\?xml[^>]*>/, '')}`,
    );
    expect(entity.status).toBe(400);
    expect(entity.body.error.message).toContain('DOCTYPE');

    // A script task runs code: the runtime will not, so the diagram is refused naming it.
    const script = simpleProcessXml(posts[0]!.id, posts[0]!.id).replace(
      /<bpmn:userTask id="review"([\s\S]*?)<\/bpmn:userTask>/,
      '<bpmn:scriptTask id="review"$1</bpmn:scriptTask>',
    );
    expect(script).toContain('scriptTask');
    const unsupported = await put(script);
    expect(unsupported.status).toBe(400);
    expect(unsupported.body.error.message).toContain('review');

    const huge = await put(`${simpleProcessXml('a', 'b')}<!--${'x'.repeat(10 * 1024 * 1024)}-->`);
    expect(huge.status).toBe(413);

    const after = (await clerk.get(`/api/items/${itemId}/process`)).body;
    expect(after).toEqual(before);
  });

  test('PROC-4 a condition naming a field the form lacks is a problem on its flow', async () => {
    const filled = await fillTemplate(template('promised'), posts, 'application', {
      value: 10,
      unit: 'workingDays',
    });
    const xml = filled.replace(/outcome = (&quot;|")approve(&quot;|")/, 'noSuchField = "x"');
    expect(xml).not.toEqual(filled);
    const res = await clerk.post('/api/process/verify', { itemId, xml });
    expect(res.status).toBe(200);
    const problems = res.body.problems as { rule: string; message: string; elementId?: string }[];
    expect(problems.some((p) => p.message.includes('noSuchField') && p.elementId)).toBe(true);
  });

  test('the flowchart is another department’s to read only through its item; published items need a 变更', async () => {
    const gs = as['gs.clerk']!;
    expect((await gs.get(`/api/items/${itemId}/process`)).status).toBe(404);
    expect(
      (
        await gs.put(`/api/items/${itemId}/process`, {
          xml: simpleProcessXml('a', 'b'),
          version: 1,
        })
      ).status,
    ).toBe(404);
    expect((await gs.post('/api/process/verify', { itemId, xml: 'x' })).status).toBe(404);
  });

  test('CAT-6 approval binds the compiled flowchart and forms to the version; a later draft does not change it', async () => {
    const item = (await clerk.get(`/api/items/${itemId}`)).body;
    const sent = await clerk.post(`/api/items/${itemId}/submit`, { version: item.version });
    expect(sent.status).toBe(200);
    const approved = await as['reviewer']!.post(`/api/items/${itemId}/approve`, {
      version: sent.body.version,
    });
    expect(approved.status).toBe(200);
    const v1 = (await clerk.get(`/api/items/${itemId}/versions/1`)).body;
    expect(v1.process.compiled).toMatchObject({ applicationForm: 'application' });
    expect(v1.forms.map((f: { key: string }) => f.key)).toEqual(['application']);

    // Editing the flowchart of a published item needs a 变更 first.
    const current = (await clerk.get(`/api/items/${itemId}/process`)).body;
    const refused = await clerk.put(`/api/items/${itemId}/process`, {
      xml: simpleProcessXml(posts[0]!.id, posts[0]!.id),
      version: current.version,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('变更');

    const change = await clerk.patch(`/api/items/${itemId}`, {
      version: approved.body.version,
      reason: '简化流程',
    });
    expect(change.status).toBe(200);
    const simpler = await clerk.put(`/api/items/${itemId}/process`, {
      xml: simpleProcessXml(posts[0]!.id, posts[0]!.id),
      version: current.version,
    });
    expect(simpler.body.verified).toBe(true);
    const again = (await clerk.get(`/api/items/${itemId}/versions/1`)).body;
    expect(again.process).toEqual(v1.process);
  });
});
