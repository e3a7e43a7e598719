import PizZip from 'pizzip';
import type { CaseState } from '../../../runtime/cases';
import type { StoredEvent } from '../../../server/cases/event-model';
import { paragraphsOf } from '../../../server/documents/render';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import {
  applicationForm,
  caseWorld,
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

const PARTY = '瓯江化工有限公司';
const ARTICLE = '《中华人民共和国安全生产法》第九十九条';

/**
 * Documents of ex officio cases (RUN-17, RUN-10). The command that opens such a case (立案) is
 * not in this suite: a window case is made ex officio by giving its stored state what 立案
 * leaves there (`exOfficio`, the case form's values), and its penalty what the discretion step
 * leaves; from then on the real handler, routes and renderer make the documents.
 */
describe('documents of ex officio cases (RUN-17, RUN-10)', () => {
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

  /** Changes a case's stored state once nothing is at work on it. */
  async function patchState(caseId: string, change: (s: CaseState) => void) {
    await server.cases.projector.settled();
    const coll = server.cases.store.collection;
    const stored = await coll.findOne({ _id: caseId });
    const state = JSON.parse(stored!.state) as CaseState;
    change(state);
    await coll.updateOne({ _id: caseId }, { $set: { state: JSON.stringify(state) } });
    server.cases.store.forget(caseId);
  }

  /** A window case turned into an ex officio penalty case, found at an inspection. */
  async function exOfficioCase(): Promise<string> {
    const caseId = await windowCase(world, itemId);
    await patchState(caseId, (s) => {
      s.exOfficio = {
        procedure: 'penaltyOrdinary',
        source: 'inspection',
        sourceNote: '未按规定对危险化学品储存场所进行安全评价',
        openedAt: s.appliedAt,
      };
      s.forms.push({
        key: 'case',
        values: {
          officers: ['张三', '李四'],
          facts: '检查发现当事人储存场所未经安全评价即投入使用',
          evidence: ['现场检查笔录', '询问笔录'],
          partyAddress: '温州市龙湾区永中街道1号',
        },
      });
    });
    return caseId;
  }

  async function documentsOf(caseId: string) {
    const res = await world.as['aj.officer']!.get(`/api/cases/${caseId}/documents`);
    expect(res.status).toBe(200);
    return res.body as { items: Listed[]; available: { kind: string; name: string }[] };
  }

  async function waitFor(caseId: string, kind: string): Promise<Listed> {
    for (let i = 0; i < 200; i++) {
      const found = (await documentsOf(caseId)).items.find((d) => d.kind === kind);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`办件 ${caseId} 没有生成 ${kind}`);
  }

  async function download(url: string) {
    const res = await fetch(server.baseUrl + url, {
      headers: { Cookie: world.as['aj.officer']!.cookie! },
    });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }

  /** The DOCX's text and the PDF checked to be one, with the embedded font. */
  async function contentOf(d: Listed): Promise<string> {
    const pdf = await download(d.pdfUrl);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC/);
    const docx = await download(d.docxUrl);
    expect(new PizZip(docx).file('word/document.xml')).toBeTruthy();
    return paragraphsOf(docx)
      .map((p) => p.text)
      .join('\n');
  }

  const event = (caseId: string, body: Record<string, unknown>) =>
    ({ _id: `${caseId}#t${Math.random()}`, caseId, at: new Date().toISOString(), ...body }) as
      StoredEvent | never;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    world = await caseWorld(server, ['aj.clerk', 'reviewer', 'aj.officer', 'aj.chief']);
    itemId = await sealedItem();
  });
  afterAll(() => server.close());

  test('RUN-17: 办结 of an ex officio case with a penalty makes a sealed 行政处罚决定书 with the fine and its article — never a 受理通知书 nor a 准予行政许可决定书', async () => {
    const caseId = await exOfficioCase();
    const accepted = await must(world, 'aj.officer', caseId, { type: 'accept' });
    const review = await workItemAt(world, 'aj.officer', caseId, 'review');
    await must(world, 'aj.officer', caseId, { type: 'claim', workItemId: review });
    await must(world, 'aj.officer', caseId, { type: 'complete', workItemId: review });
    await patchState(caseId, (s) => {
      s.penalty = {
        benchmarkId: 'b1',
        violation: '未进行安全评价',
        circumstance: '首次违法且及时改正',
        kind: '警告，并处罚款',
        fineYuan: 12000,
        mitigation: 'lighter',
        article: ARTICLE,
        outside: false,
        decidedAt: new Date().toISOString(),
      };
    });
    const decide = await workItemAt(world, 'aj.chief', caseId, 'decide');
    await must(world, 'aj.chief', caseId, { type: 'claim', workItemId: decide });
    await must(world, 'aj.chief', caseId, {
      type: 'conclude',
      workItemId: decide,
      decision: { result: 'granted', text: '处以警告，并处罚款' },
      opinion: '同意',
    });
    const decision = await waitFor(caseId, 'penalty-decision');
    await server.cases.projector.settled();
    expect(decision.name).toBe('行政处罚决定书');
    expect(decision.number).toMatch(/^龙安全罚〔2026〕\d+号$/);
    expect(decision.sealed).toBe(true);
    const kinds = (await documentsOf(caseId)).items.map((d) => d.kind);
    expect(kinds).toEqual(['penalty-decision']);
    const text = await contentOf(decision);
    expect(text).toContain(`当事人：${PARTY}`);
    expect(text).toContain(accepted.caseNo!);
    expect(text).toContain('人民币12000元（大写：壹万贰仟元整）');
    expect(text).toContain(`依据${ARTICLE}`);
    expect(text).toContain('依法从轻处罚');
    expect(text).toContain('十五日内');

    // Repeated (but for 立案, which this case had before it was made ex officio), the events
    // make nothing more: the decision stays one, and still no application kind.
    const events = await server.models.events.find({ caseId, type: { $ne: 'caseStarted' } }).lean();
    await server.documents.handle(events);
    expect((await documentsOf(caseId)).items.map((d) => d.kind)).toEqual(['penalty-decision']);
  });

  test('RUN-17: a penalty exempted makes the 不予行政处罚决定书; no penalty, no decision', async () => {
    const exempt = await exOfficioCase();
    await must(world, 'aj.officer', exempt, { type: 'accept' });
    await patchState(exempt, (s) => {
      s.penalty = {
        benchmarkId: 'b1',
        circumstance: '违法行为轻微并及时改正，没有造成危害后果',
        kind: '不予处罚',
        mitigation: 'exempt',
        article: '《中华人民共和国行政处罚法》第三十三条第一款',
        outside: false,
        decidedAt: new Date().toISOString(),
      };
    });
    await server.documents.handle([event(exempt, { type: 'caseConcluded', result: 'granted' })]);
    const made = (await documentsOf(exempt)).items;
    expect(made.map((d) => d.kind)).toEqual(['no-penalty-decision']);
    expect(await contentOf(made[0]!)).toContain('违法行为轻微并及时改正，没有造成危害后果');

    const none = await exOfficioCase();
    await must(world, 'aj.officer', none, { type: 'accept' });
    await server.cases.projector.settled();
    await server.documents.handle([event(none, { type: 'caseConcluded', result: 'granted' })]);
    expect((await documentsOf(none)).items).toEqual([]);
  });

  test('RUN-17: the 生成 button offers the ex officio kinds; each renders naming the party and the case number; an application kind is refused; a service task and 立案 make theirs', async () => {
    const caseId = await exOfficioCase();
    const accepted = await must(world, 'aj.officer', caseId, { type: 'accept' });
    await server.cases.projector.settled();
    const { available } = await documentsOf(caseId);
    expect(available.map((a) => a.kind)).toEqual([
      'filing-approval',
      'inquiry-record',
      'inspection-record',
      'penalty-notice',
      'hearing-notice',
      'seizure-decision',
      'service-receipt',
    ]);
    const post = (kind: string) =>
      world.as['aj.officer']!.post(`/api/cases/${caseId}/documents`, { kind });
    const refused = await post('acceptance-notice');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('document_not_applicable');
    expect((await post('penalty-decision')).status).toBe(409);

    for (const kind of [
      'filing-approval',
      'inquiry-record',
      'inspection-record',
      'penalty-notice',
      'hearing-notice',
      'seizure-decision',
    ]) {
      const made = await post(kind);
      expect(made.status).toBe(201);
      const text = await contentOf(made.body as Listed);
      expect(text).toContain(PARTY);
      expect(text).toContain(accepted.caseNo!);
      expect(text).toContain((made.body as Listed).number);
    }
    const receipt = await post('service-receipt');
    expect(receipt.status).toBe(201);
    const served = await contentOf(receipt.body as Listed);
    expect(served).toContain(`受送达人：${PARTY}`);
    expect(served).toContain('《行政处罚告知书》');
    expect(served).toContain('《查封扣押决定书》');
    expect(served).not.toContain('《询问笔录》');
    expect(served).toContain('送达地点：温州市龙湾区永中街道1号');

    // A `document` service task names a new kind; one naming an application kind makes nothing.
    const before = (await documentsOf(caseId)).items.length;
    const task = (target: string) =>
      event(caseId, {
        type: 'serviceTaskRequested',
        nodeId: 'notify',
        stepName: '制作文书',
        action: 'document',
        target,
        documents: [],
      });
    await server.documents.handle([task('hearing-notice'), task('grant-decision')]);
    // 立案 (caseStarted of an ex officio case) makes the 立案审批表.
    await server.documents.handle([
      event(caseId, { type: 'caseStarted', status: 'inProgress', channel: 'exOfficio' }),
    ]);
    const after = (await documentsOf(caseId)).items.slice(before).map((d) => d.kind);
    expect(after).toEqual(['hearing-notice', 'filing-approval']);
  });
});
