import { createHash, randomBytes } from 'node:crypto';
import { readTrailData } from '../../../runtime/trail';
import type { ApiClient } from '../../support/client';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import {
  approvedItem,
  caseWorld,
  command,
  MATERIALS,
  must,
  windowCase,
  workItemAt,
  type World,
} from './world';

/** The first bytes of the formats a material may have; the rest is noise. */
const PDF_HEAD = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), randomBytes(4000)]);
const SVG = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
);

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const sm3 = (b: Buffer) => createHash('sm3').update(b).digest('hex');

interface FileRecord {
  id: string;
  name: string;
  kind: string;
  materialId?: string;
  page?: number;
  size: number;
  contentType: string;
  sha256: string;
  sm3: string;
  uploadedBy: string;
  trailSeq: number;
}

/** Materials and attachments of cases (RUN-7, FORM-2): GridFS, digests in the trail, checked types. */
describe('files of a case (RUN-7, FORM-2)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;
  let itemId: string;

  beforeAll(async () => {
    server = await startTestServer(t.db, { UPLOAD_MAX_MB: '20' });
    world = await caseWorld(server, [
      'aj.clerk',
      'reviewer',
      'aj.officer',
      'aj.chief',
      'gs.window',
    ]);
    const steps = world.steps.map((s) =>
      s.id === 'review' ? { ...s, writes: ['description', 'attachments'] } : s,
    );
    itemId = await approvedItem(world, steps, {
      materials: [
        { ...MATERIALS[0], storage: '电子档案长期保存', originalOrCopy: 'original' },
        { ...MATERIALS[1], storage: '纸质归档 30 年', originalOrCopy: 'copy' },
      ],
    });
  });
  afterAll(() => server.close());

  async function upload(
    who: string,
    caseId: string,
    fields: Record<string, string>,
    content: Buffer,
    filename: string,
  ) {
    const client: ApiClient = world.as[who]!;
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    form.append('file', new Blob([content]), filename);
    const res = await fetch(`${server.baseUrl}/api/cases/${caseId}/files`, {
      method: 'POST',
      headers: { Cookie: client.cookie!, 'X-CSRF-Token': client.csrfToken! },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  /**
   * Files and chunks in GridFS, leaving out the notices the platform makes by itself after an
   * acceptance (RUN-10): they may arrive at any moment from the case's event handlers.
   */
  const stored = async () => {
    const db = t.connection.db!;
    const made = (
      await db
        .collection('files.files')
        .find({ 'metadata.owner.documentId': { $exists: true } }, { projection: { _id: 1 } })
        .toArray()
    ).map((f) => f._id);
    return {
      files: await db.collection('files.files').countDocuments({ _id: { $nin: made } }),
      chunks: await db.collection('files.chunks').countDocuments({ files_id: { $nin: made } }),
    };
  };

  const get = (who: string, path: string) =>
    fetch(`${server.baseUrl}${path}`, { headers: { Cookie: world.as[who]!.cookie! } });

  test('RUN-7: two materials uploaded at the window on a new case carry their SHA-256 and SM3 in the trail entries that added them; the trail verifies', async () => {
    const caseId = await windowCase(world, itemId, { materials: [] });
    const form = Buffer.concat([PDF_HEAD, randomBytes(200_000)]);
    const report = PNG;
    const first = await upload(
      'aj.officer',
      caseId,
      { kind: 'material', materialId: 'm-form' },
      form,
      '申请书.pdf',
    );
    expect(first.status).toBe(201);
    expect(first.body.file).toMatchObject({
      name: '申请书.pdf',
      kind: 'material',
      materialId: 'm-form',
      page: 1,
      size: form.length,
      contentType: 'application/pdf',
      sha256: sha256(form),
      sm3: sm3(form),
      uploadedBy: '张伟',
    });
    const second = await upload(
      'aj.officer',
      caseId,
      { kind: 'material', materialId: 'm-report', version: String(first.body.case.version) },
      report,
      '评价报告.png',
    );
    expect(second.status).toBe(201);
    // A second page of the same material.
    const page2 = await upload(
      'aj.officer',
      caseId,
      { kind: 'material', materialId: 'm-form' },
      Buffer.concat([PDF_HEAD, randomBytes(1000)]),
      '申请书（续）.pdf',
    );
    expect(page2.body.file).toMatchObject({ page: 2 });

    const detail = (await world.as['aj.officer']!.get(`/api/cases/${caseId}`)).body;
    const entries = (
      detail.trail as {
        seq: number;
        action: string;
        data?: string;
        process?: { attachments?: { fileId: string; sm3?: string }[] };
      }[]
    ).filter((e) => e.action === 'attach');
    expect(entries).toHaveLength(3);
    const byFile = (id: string) => entries.find((e) => e.process?.attachments?.[0]?.fileId === id)!;
    for (const [res, content] of [
      [first, form],
      [second, report],
    ] as const) {
      const entry = byFile(res.body.file.id);
      expect(entry.seq).toBe(res.body.file.trailSeq);
      expect(entry.process!.attachments![0]!.sm3).toBe(sm3(content));
      expect(readTrailData(entry as never)).toMatchObject({
        sha256: sha256(content),
        sm3: sm3(content),
      });
    }
    const verified = await world.as['aj.officer']!.get(`/api/cases/${caseId}/trail/verify`);
    expect(verified.status).toBe(200);
    expect(verified.body.ok).toBe(true);

    // The list: the item's materials with 存储要求 and 原件/复印件, pages under each.
    const list = await world.as['aj.officer']!.get(`/api/cases/${caseId}/files`);
    expect(list.status).toBe(200);
    expect(list.body.materials).toMatchObject([
      { id: 'm-form', storage: '电子档案长期保存', originalOrCopyLabel: '原件', received: true },
      { id: 'm-report', storage: '纸质归档 30 年', originalOrCopyLabel: '复印件', received: true },
    ]);
    expect(list.body.materials[0].pages.map((p: FileRecord) => p.page)).toEqual([1, 2]);
    expect(list.body.files).toHaveLength(3);

    // Acceptance sees the uploaded materials as handed in.
    const accepted = await must(world, 'aj.officer', caseId, { type: 'accept' });
    expect(accepted.status).toBe('inProgress');

    // Download: an attachment, byte for byte; the viewer: inline, sandboxed, never sniffed.
    const download = await get('aj.officer', `/api/cases/${caseId}/files/${first.body.file.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(download.headers.get('content-disposition')).toContain(encodeURIComponent('申请书.pdf'));
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(form));
    const view = await get('aj.officer', `/api/cases/${caseId}/files/${second.body.file.id}/view`);
    expect(view.status).toBe(200);
    expect(view.headers.get('content-type')).toBe('image/png');
    expect(view.headers.get('content-disposition')).toBe('inline');
    expect(view.headers.get('content-security-policy')).toContain('sandbox');
    expect(view.headers.get('x-content-type-options')).toBe('nosniff');
    await view.arrayBuffer();
  });

  test('RUN-7: a 30 MB file, a program renamed .pdf, an SVG with a script and a path like ../../x are refused with a clear 4xx and leave nothing stored', async () => {
    const caseId = await windowCase(world, itemId);
    const before = await stored();
    const versionBefore = (await world.as['aj.officer']!.get(`/api/cases/${caseId}`)).body.version;
    const material = { kind: 'material', materialId: 'm-form' };

    const big = await upload(
      'aj.officer',
      caseId,
      material,
      Buffer.concat([PDF_HEAD, randomBytes(30 * 1024 * 1024)]),
      '扫描件.pdf',
    );
    expect(big.status).toBe(413);
    expect(big.body.error).toMatchObject({
      code: 'file_too_large',
      message: '文件超过 20 MB 上限',
    });

    const exe = await upload('aj.officer', caseId, material, EXE, '营业执照.pdf');
    expect(exe.status).toBe(415);
    expect(exe.body.error.code).toBe('file_type_mismatch');
    expect(exe.body.error.message).toContain('Windows 可执行程序');

    const svg = await upload('aj.officer', caseId, material, SVG, '照片.svg');
    expect(svg.status).toBe(400);
    expect(svg.body.error.code).toBe('unsupported_file_type');
    // Renamed to .png, its content still gives it away.
    const svgPng = await upload('aj.officer', caseId, material, SVG, '照片.png');
    expect(svgPng.status).toBe(415);

    const path = await upload('aj.officer', caseId, material, PDF_HEAD, '../../x');
    expect(path.status).toBe(400);
    expect(path.body.error.code).toBe('unsupported_file_type');

    // A material not on the item's list: the engine refuses, and the stored file is removed.
    const unknown = await upload(
      'aj.officer',
      caseId,
      { kind: 'material', materialId: 'm-none' },
      PDF_HEAD,
      'a.pdf',
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('不在本事项的材料清单中');
    const stale = await upload(
      'aj.officer',
      caseId,
      { ...material, version: String(versionBefore - 1) },
      PDF_HEAD,
      'a.pdf',
    );
    expect(stale.status).toBe(409);
    const badKind = await upload('aj.officer', caseId, { kind: 'other' }, PDF_HEAD, 'a.pdf');
    expect(badKind.status).toBe(400);

    expect(await stored()).toEqual(before);
    const after = (await world.as['aj.officer']!.get(`/api/cases/${caseId}`)).body;
    expect(after.version).toBe(versionBefore);
  }, 120_000);

  test('RUN-7: a file of another department’s case is a 404, to download and to upload; a concluded case takes no file', async () => {
    const caseId = await windowCase(world, itemId);
    const up = await upload(
      'aj.officer',
      caseId,
      { kind: 'material', materialId: 'm-form' },
      Buffer.concat([PDF_HEAD, randomBytes(100)]),
      '申请书.pdf',
    );
    expect(up.status).toBe(201);
    const fileId = up.body.file.id as string;
    const before = await stored();
    for (const path of [
      `/api/cases/${caseId}/files/${fileId}`,
      `/api/cases/${caseId}/files/${fileId}/view`,
      `/api/cases/${caseId}/files`,
    ]) {
      const res = await get('gs.window', path);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
        '办件不存在',
      );
    }
    const foreign = await upload(
      'gs.window',
      caseId,
      { kind: 'material', materialId: 'm-form' },
      PDF_HEAD,
      'a.pdf',
    );
    expect(foreign.status).toBe(404);
    expect(await stored()).toEqual(before);
    // A file id of no file of this case is not found either.
    expect((await get('aj.officer', `/api/cases/${caseId}/files/${'0'.repeat(24)}`)).status).toBe(
      404,
    );

    await must(world, 'aj.officer', caseId, { type: 'refuse', reason: '不属于本部门职权范围' });
    const late = await upload(
      'aj.officer',
      caseId,
      { kind: 'material', materialId: 'm-form' },
      PDF_HEAD,
      'a.pdf',
    );
    expect(late.status).toBe(409);
    expect(await stored()).toEqual(before);
  });

  test('FORM-2: a step attachment uploaded by its assignee goes into the step form’s file field; an id of no file of this case is a 400', async () => {
    const caseId = await windowCase(world, itemId);
    await must(world, 'aj.officer', caseId, { type: 'accept' });
    const review = await workItemAt(world, 'aj.officer', caseId, 'review');
    const content = Buffer.concat([PDF_HEAD, randomBytes(5000)]);

    // Only the assignee attaches to a step.
    const early = await upload(
      'aj.officer',
      caseId,
      { kind: 'attachment', workItemId: review },
      content,
      '现场核查记录.pdf',
    );
    expect(early.status).toBe(409);
    await must(world, 'aj.officer', caseId, { type: 'claim', workItemId: review });
    const att = await upload(
      'aj.officer',
      caseId,
      { kind: 'attachment', workItemId: review },
      content,
      '现场核查记录.pdf',
    );
    expect(att.status).toBe(201);
    expect(att.body.file).toMatchObject({ kind: 'attachment', step: '审核', sm3: sm3(content) });

    // Another case's file, or a made-up id, in the form's file field: 400, nothing changes.
    const other = await windowCase(world, itemId);
    const otherFile = await upload(
      'aj.officer',
      other,
      { kind: 'material', materialId: 'm-form' },
      PDF_HEAD,
      'b.pdf',
    );
    for (const fileId of [otherFile.body.file.id, 'f'.repeat(24)]) {
      const bad = await command(world, 'aj.officer', caseId, {
        type: 'complete',
        workItemId: review,
        opinion: '同意',
        data: { attachments: [{ fileId, name: 'x.pdf' }] },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('unknown_file');
      expect(bad.body.error.details.fileIds).toEqual([fileId]);
    }
    const done = await must(world, 'aj.officer', caseId, {
      type: 'complete',
      workItemId: review,
      opinion: '同意',
      data: { attachments: [{ fileId: att.body.file.id, name: '现场核查记录.pdf' }] },
    });
    expect(done.workItems.map((w) => w.nodeId)).toEqual(['decide']);
    const detail = (await world.as['aj.officer']!.get(`/api/cases/${caseId}`)).body;
    expect(JSON.stringify(detail.trail)).toContain(att.body.file.id);
  });
});
