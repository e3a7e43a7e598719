import fs from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import { ApiClient } from '../../support/client';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import {
  applicationForm,
  caseWorld,
  command,
  itemContent,
  linearProcess,
  must,
  windowCase,
  workItemAt,
  type World,
} from '../cases/world';

interface Listed {
  id: string;
  kind: string;
  name: string;
  number: string;
  sealed: boolean;
  docxUrl: string;
  pdfUrl: string;
}

/** RUN-10 notices and decisions, RUN-14 e-seal and public verification. */
describe('documents and e-seal (RUN-10, RUN-14)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;
  let itemId: string;

  /** The test world's item, its 决定 step marked 电子印章. */
  async function sealedItem(): Promise<string> {
    const clerk = world.as['aj.clerk']!;
    const created = (await clerk.post('/api/items', await itemContent(world))).body as {
      id: string;
      version: number;
    };
    await clerk.put(`/api/items/${created.id}/forms/application`, {
      name: '申请表',
      schema: applicationForm,
      version: 0,
    });
    const xml = linearProcess(world.steps).replace(
      /(<bpmn:userTask id="decide"[\s\S]*?<county:stepConfig [^>]*?)>/,
      '$1 eSeal="true">',
    );
    expect(xml).toContain('eSeal="true"');
    const saved = await clerk.put(`/api/items/${created.id}/process`, { xml, version: 0 });
    expect(saved.body.verified).toBe(true);
    const submitted = await clerk.post(`/api/items/${created.id}/submit`, {
      version: created.version,
    });
    const approved = await world.as.reviewer!.post(`/api/items/${created.id}/approve`, {
      version: submitted.body.version,
    });
    expect(approved.status).toBeLessThan(300);
    return created.id;
  }

  async function documentsOf(who: string, caseId: string) {
    const res = await world.as[who]!.get(`/api/cases/${caseId}/documents`);
    expect(res.status).toBe(200);
    return res.body.items as Listed[];
  }

  /** Waits until the case shows a document of `kind` (made after the command, by the handler). */
  async function waitFor(caseId: string, kind: string): Promise<Listed> {
    for (let i = 0; i < 200; i++) {
      const found = (await documentsOf('aj.officer', caseId)).find((d) => d.kind === kind);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`办件 ${caseId} 没有生成 ${kind}`);
  }

  async function download(who: string, url: string) {
    const res = await fetch(server.baseUrl + url, { headers: { Cookie: world.as[who]!.cookie! } });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  async function verifyFile(bytes: Buffer, name = 'doc.pdf') {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), name);
    const res = await fetch(`${server.baseUrl}/portal/verify`, { method: 'POST', body: form });
    return { status: res.status, text: await res.text() };
  }

  beforeAll(async () => {
    server = await startTestServer(t.db);
    world = await caseWorld(server, [
      'aj.clerk',
      'reviewer',
      'aj.officer',
      'aj.chief',
      'gs.window',
    ]);
    itemId = await sealedItem();
  });
  afterAll(() => server.close());

  test('RUN-10: accepting a case makes the 受理通知书 — DOCX with the case number, PDF with the embedded font, its number in the trail; another department gets 404', async () => {
    const caseId = await windowCase(world, itemId);
    const accepted = await must(world, 'aj.officer', caseId, {
      type: 'accept',
      opinion: '材料齐全',
    });
    const notice = await waitFor(caseId, 'acceptance-notice');
    expect(notice.name).toBe('受理通知书');
    expect(notice.number).toMatch(/^龙安全受〔2026〕\d+号$/);
    expect(notice.sealed).toBe(false);

    const docx = await download('aj.officer', notice.docxUrl);
    expect(docx.res.status).toBe(200);
    expect(docx.res.headers.get('content-disposition')).toMatch(/^attachment/);
    const xml = new PizZip(docx.bytes).file('word/document.xml')!.asText();
    expect(xml).toContain(accepted.caseNo!);
    expect(xml).toContain(notice.number);
    expect(xml).toContain('瓯江化工有限公司');
    expect(xml).toContain('安全评价报告');

    const pdf = await download('aj.officer', notice.pdfUrl);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.bytes.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC/);

    const seen = await world.as['aj.officer']!.get(`/api/cases/${caseId}`);
    const entry = (seen.body.trail as { action: string; process?: { opinion?: string } }[]).find(
      (e) => e.action === 'document',
    );
    expect(entry?.process?.opinion).toContain(notice.number);
    const verified = await world.as['aj.officer']!.get(`/api/cases/${caseId}/trail/verify`);
    expect(verified.body.ok).toBe(true);

    // Another department's staff: the case, its list and its files are not there.
    expect((await world.as['gs.window']!.get(`/api/cases/${caseId}/documents`)).status).toBe(404);
    expect((await download('gs.window', notice.pdfUrl)).res.status).toBe(404);
  });

  test('RUN-10: the notice recorded after 受理 does not make the clerk’s page stale; a change made by someone does', async () => {
    const caseId = await windowCase(world, itemId);
    const accepted = await must(world, 'aj.officer', caseId, { type: 'accept' });
    await waitFor(caseId, 'acceptance-notice');
    const now = (await world.as['aj.officer']!.get(`/api/cases/${caseId}`)).body;
    // The system recorded the notice's number: the case moved on without anyone acting on it.
    expect(now.version).toBeGreaterThan(accepted.version);
    const review = accepted.workItems[0]!.id;
    const claimed = await command(world, 'aj.officer', caseId, {
      type: 'claim',
      workItemId: review,
      version: accepted.version,
    });
    expect(claimed.status).toBe(200);
    // Now the case has changed through a person: the version seen before that is stale again.
    const stale = await command(world, 'aj.officer', caseId, {
      type: 'claim',
      workItemId: review,
      version: accepted.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
  });

  test('RUN-10: the 补正材料通知书 lists every missing material once', async () => {
    const caseId = await windowCase(world, itemId, { materials: [] });
    await must(world, 'aj.officer', caseId, {
      type: 'requestCorrection',
      items: [
        { materialId: 'm-form', reason: '未提交' },
        { materialId: 'm-report', reason: '未提交' },
        { name: '场所平面图', reason: '须加盖公章' },
      ],
    });
    const notice = await waitFor(caseId, 'correction-notice');
    const { bytes } = await download('aj.officer', notice.docxUrl);
    const text = new PizZip(bytes)
      .file('word/document.xml')!
      .asText()
      .replace(/<[^>]+>/g, '');
    for (const name of ['申请书', '安全评价报告', '场所平面图'])
      expect(text.split(`${name}：`).length - 1).toBe(1);
    expect(text).toContain('一次性告知');
  });

  test('RUN-14: a granted case gets a signed 准予行政许可决定书; /portal/verify says valid by number, altered for a changed byte, unknown for another file', async () => {
    const caseId = await windowCase(world, itemId);
    await must(world, 'aj.officer', caseId, { type: 'accept' });
    const review = await workItemAt(world, 'aj.officer', caseId, 'review');
    await must(world, 'aj.officer', caseId, { type: 'claim', workItemId: review });
    await must(world, 'aj.officer', caseId, {
      type: 'complete',
      workItemId: review,
      opinion: '符合',
    });
    const decide = await workItemAt(world, 'aj.chief', caseId, 'decide');
    await must(world, 'aj.chief', caseId, { type: 'claim', workItemId: decide });
    await must(world, 'aj.chief', caseId, {
      type: 'conclude',
      workItemId: decide,
      decision: { result: 'granted', text: '准予核发危险化学品经营许可证' },
      opinion: '同意',
    });
    const decision = await waitFor(caseId, 'grant-decision');
    expect(decision.sealed).toBe(true);
    expect(decision.number).toMatch(/^龙安全许〔2026〕\d+号$/);
    const stored = await server.documents.documents.findOne({ _id: decision.id });
    expect(stored!.seal).toMatchObject({ holder: '龙湾区安全生产监督管理局' });
    // The private key is kept encrypted: nothing in the seal record is a bare 64-hex key.
    const seal = await t.db.connection.db!.collection('seals').findOne({});
    expect(String(seal!.privateKey)).toMatch(/^sm4cbc:/);

    const anonymous = new ApiClient(server.baseUrl);
    const byNumber = await anonymous.request(
      'GET',
      `/portal/verify?number=${encodeURIComponent(decision.number)}`,
    );
    const page = String(byNumber.body);
    expect(byNumber.status).toBe(200);
    expect(page).toContain('lang="zh-CN"');
    expect(page).toContain('核验结果：有效');
    expect(page).toMatch(/瓯\*+司/);
    expect(page).not.toContain('瓯江化工有限公司');

    const { bytes } = await download('aj.chief', decision.pdfUrl);
    const valid = await verifyFile(bytes);
    expect(valid.text).toContain('核验结果：有效');
    const altered = Buffer.from(bytes);
    const at = altered.indexOf('stream') + 20;
    altered[at] = altered[at]! ^ 0x01;
    expect((await verifyFile(altered)).text).toContain('核验结果：已被改动');
    expect((await verifyFile(Buffer.from('%PDF-1.4\n随便一个文件'))).text).toContain(
      '核验结果：未知',
    );
    const unknown = await anonymous.request('GET', '/portal/verify?number=龙安全许〔2026〕9999号');
    expect(String(unknown.body)).toContain('核验结果：未知');
  });

  test('RUN-10: on demand at the window; the handler run twice makes one document', async () => {
    const caseId = await windowCase(world, itemId);
    await must(world, 'aj.officer', caseId, { type: 'accept' });
    await waitFor(caseId, 'acceptance-notice');
    const made = await world.as['aj.officer']!.post(`/api/cases/${caseId}/documents`, {
      kind: 'acceptance-notice',
    });
    expect(made.status).toBe(201);
    expect(made.body.number).toMatch(/^龙安全受〔2026〕\d+号$/);
    const refused = await world.as['aj.officer']!.post(`/api/cases/${caseId}/documents`, {
      kind: 'grant-decision',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('document_not_applicable');
    const bad = await world.as['aj.officer']!.post(`/api/cases/${caseId}/documents`, {
      kind: 'nonsense',
    });
    expect(bad.status).toBe(400);
    expect((await documentsOf('aj.officer', caseId)).length).toBe(2);

    const events = await server.models.events.find({ caseId }).lean();
    await server.documents.handle(events);
    await server.documents.handle(events);
    const all = await documentsOf('aj.officer', caseId);
    expect(all.filter((d) => d.kind === 'acceptance-notice')).toHaveLength(2);
    const trail = (await world.as['aj.officer']!.get(`/api/cases/${caseId}`)).body.trail as {
      action: string;
    }[];
    expect(trail.filter((e) => e.action === 'document')).toHaveLength(2);
  });

  test('RUN-10: a department clerk uploads the department’s own DOCX template; window staff may not; a PDF is refused', async () => {
    const upload = async (who: string, bytes: Buffer, name: string) => {
      const form = new FormData();
      form.append('file', new Blob([bytes]), name);
      const res = await fetch(`${server.baseUrl}/api/document-templates/acceptance-notice`, {
        method: 'POST',
        headers: {
          Cookie: world.as[who]!.cookie!,
          'X-CSRF-Token': world.as[who]!.csrfToken!,
        },
        body: form,
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const docx = fs.readFileSync(
      path.resolve(__dirname, '../../../templates/documents/acceptance-notice.docx'),
    );
    const byClerk = await upload('aj.clerk', docx, '受理通知书.docx');
    expect(byClerk.status).toBe(201);
    expect(byClerk.body).toMatchObject({ scope: '本部门', version: 1 });
    expect((await upload('aj.officer', docx, '受理通知书.docx')).status).toBe(403);
    const pdf = await upload('aj.clerk', Buffer.from('%PDF-1.4\n%%EOF\n'), '受理通知书.docx');
    expect(pdf.status).toBe(415);
  });
});
