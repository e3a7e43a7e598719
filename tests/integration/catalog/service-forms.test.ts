import ExcelJS from 'exceljs';
import { ObjectId } from 'mongodb';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { FileStore } from '../../../server/files/store';
import type { ApiClient } from '../../support/client';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { catalogWorld, completeItem, type CatalogIds } from './fixtures';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The start of a PDF file: what the server reads to know it is one. */
const PDF_HEAD = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');

/** 服务表格 (CAT-1): uploaded into GridFS, size- and type-checked, downloadable by who may read the item. */
describe('service forms of an item', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let as: Record<string, ApiClient>;
  let ids: CatalogIds;

  beforeAll(async () => {
    server = await startTestServer(t.db, { UPLOAD_MAX_MB: '20' });
    ({ as, ids } = await catalogWorld(server, ['aj.clerk', 'gs.clerk', 'reviewer']));
  });
  afterAll(() => server.close());

  async function upload(
    client: ApiClient,
    itemId: string,
    version: number,
    file: Blob,
    filename: string,
    fields: Record<string, string> = {},
  ) {
    const form = new FormData();
    form.append('version', String(version));
    form.append('name', '危险化学品经营许可申请表');
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    form.append('file', file, filename);
    const res = await fetch(`${server.baseUrl}/api/items/${itemId}/service-forms`, {
      method: 'POST',
      headers: { Cookie: client.cookie!, 'X-CSRF-Token': client.csrfToken! },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  const storedFiles = () => t.connection.db!.collection('files.files').countDocuments();

  test('a clerk uploads a form; it is stored in GridFS and downloads byte for byte under its Chinese name', async () => {
    const clerk = as['aj.clerk']!;
    const item = (await clerk.post('/api/items', completeItem(ids))).body;
    const content = Buffer.concat([PDF_HEAD, randomBytes(300_000)]);
    const res = await upload(
      clerk,
      item.id,
      item.version,
      new Blob([content], { type: 'application/pdf' }),
      '申请表.pdf',
    );
    expect(res.status).toBe(201);
    const form = res.body.draft.serviceForms[0];
    expect(form).toMatchObject({
      name: '危险化学品经营许可申请表',
      fileId: expect.stringMatching(/^[0-9a-f]{24}$/),
    });

    const download = await fetch(`${server.baseUrl}/api/files/${form.fileId}`, {
      headers: { Cookie: as.reviewer!.cookie! },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('申请表.pdf')}`,
    );
    const bytes = Buffer.from(await download.arrayBuffer());
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(sha(bytes)).toBe(sha(content));

    // Another department cannot fetch it, and cannot upload to the item.
    const foreign = await fetch(`${server.baseUrl}/api/files/${form.fileId}`, {
      headers: { Cookie: as['gs.clerk']!.cookie! },
    });
    expect(foreign.status).toBe(404);
    expect(
      (await upload(as['gs.clerk']!, item.id, res.body.version, new Blob(['x']), 'a.pdf')).status,
    ).toBe(404);
  });

  test('a 40 MB upload is refused with 413, leaves no file behind and does not change the item', async () => {
    const clerk = as['aj.clerk']!;
    const item = (await clerk.post('/api/items', completeItem(ids, { name: '大文件测试' }))).body;
    const before = await storedFiles();
    const big = new Blob([PDF_HEAD, new Uint8Array(40 * 1024 * 1024)], { type: 'application/pdf' });
    const res = await upload(clerk, item.id, item.version, big, '大表格.pdf');
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({
      code: 'file_too_large',
      message: '文件超过 20 MB 上限',
    });
    expect(await storedFiles()).toBe(before);
    const after = (await clerk.get(`/api/items/${item.id}`)).body;
    expect(after.version).toBe(item.version);
    expect(after.draft.serviceForms).toEqual([]);
  });

  test('a program file, a request that is not multipart and a stale version are refused', async () => {
    const clerk = as['aj.clerk']!;
    const item = (await clerk.post('/api/items', completeItem(ids, { name: '类型测试' }))).body;
    const exe = await upload(clerk, item.id, item.version, new Blob(['MZ']), 'setup.exe');
    expect(exe.status).toBe(400);
    expect(exe.body.error.code).toBe('unsupported_file_type');
    const json = await clerk.post(`/api/items/${item.id}/service-forms`, { version: item.version });
    expect(json.status).toBe(415);
    const before = await storedFiles();
    const stale = await upload(clerk, item.id, item.version + 5, new Blob(['%PDF']), 'a.pdf');
    expect(stale.status).toBe(409);
    expect(await storedFiles()).toBe(before);
  });

  test('CAT-11: a form uploaded without its optional description does not break later saves of the item', async () => {
    const clerk = as['aj.clerk']!;
    const item = (await clerk.post('/api/items', completeItem(ids, { name: '无说明表格' }))).body;
    const pdf = new Blob([PDF_HEAD, randomBytes(1000)]);
    const bare = await upload(clerk, item.id, item.version, pdf, '申请表.pdf');
    expect(bare.status).toBe(201);
    const described = await upload(clerk, item.id, bare.body.version, pdf, '范例.pdf', {
      description: '填写范例',
    });
    expect(described.status).toBe(201);
    const [first, second] = described.body.draft.serviceForms;
    expect(first).not.toHaveProperty('description');
    expect(second.description).toBe('填写范例');

    const renamed = await clerk.patch(`/api/items/${item.id}`, {
      version: described.body.version,
      name: '无说明表格（改）',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.draft.serviceForms).toHaveLength(2);
    // And again: the saved draft is itself saveable.
    const again = await clerk.patch(`/api/items/${item.id}`, {
      version: renamed.body.version,
      address: '龙湾区行政审批服务中心 3 楼',
    });
    expect(again.status).toBe(200);
  });

  test('CAT-11: an item stored with null optional fields (as older versions wrote them) saves again without them', async () => {
    const clerk = as['aj.clerk']!;
    const item = (await clerk.post('/api/items', completeItem(ids, { name: '旧数据' }))).body;
    await server.models.items.collection.updateOne(
      { _id: new ObjectId(item.id as string) },
      {
        $set: {
          'draft.address': null,
          'draft.fee.basis': null,
          'draft.serviceForms': [{ id: 'f1', name: '申请表', description: null }],
        },
      },
    );
    const saved = await clerk.patch(`/api/items/${item.id}`, {
      version: item.version,
      phone: '0577-86000000',
    });
    expect(saved.status).toBe(200);
    expect(saved.body.draft).not.toHaveProperty('address');
    expect(saved.body.draft.fee).toEqual({ charged: false });
    expect(saved.body.draft.serviceForms).toEqual([{ id: 'f1', name: '申请表' }]);
  });

  /** A multipart body written by hand, for names a browser's FormData would escape. */
  async function rawUpload(
    client: ApiClient,
    itemId: string,
    version: number,
    disposition: string,
    content: Buffer,
    fieldName = 'name',
  ) {
    const boundary = '----h5boundary';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="version"\r\n\r\n${version}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="${fieldName}"\r\n\r\n申请表\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\n` +
          `Content-Type: application/pdf\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await fetch(`${server.baseUrl}/api/items/${itemId}/service-forms`, {
      method: 'POST',
      headers: {
        Cookie: client.cookie!,
        'X-CSRF-Token': client.csrfToken!,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
      },
      body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), randomBytes(4000)]);
  const PE = Buffer.concat([
    Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
    randomBytes(4000),
  ]);
  const HTML = Buffer.from(
    '<!DOCTYPE html><html><body><script>fetch("/api/auth/me")</script></body></html>',
  );
  const SVG = Buffer.from(
    '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
  );

  test('FORM-3: a program or a web page renamed .pdf is refused by its content, naming what it is, and nothing is stored', async () => {
    const clerk = as['aj.clerk']!;
    const item = (await clerk.post('/api/items', completeItem(ids, { name: '伪装文件' }))).body;
    const before = await storedFiles();
    const cases: [Buffer, string, RegExp][] = [
      [ELF, '申请表.pdf', /ELF/],
      [PE, '申请表.pdf', /Windows 可执行程序/],
      [HTML, '申请表.pdf', /无法从文件内容识别/],
      [SVG, '申请表.pdf', /XML\/SVG/],
      [PE, '申请表.docx', /Windows 可执行程序.*不是 \.docx 文件/],
    ];
    for (const [content, filename, message] of cases) {
      // The client's claimed type says PDF; only the bytes count.
      const res = await upload(
        clerk,
        item.id,
        item.version,
        new Blob([content], { type: 'application/pdf' }),
        filename,
      );
      expect({ filename, status: res.status, code: res.body.error?.code }).toEqual({
        filename,
        status: 415,
        code: 'file_type_mismatch',
      });
      expect(res.body.error.message).toMatch(message);
    }
    for (const [content, filename] of [
      [HTML, '说明.html'],
      [SVG, '图.svg'],
    ] as const) {
      const res = await upload(clerk, item.id, item.version, new Blob([content]), filename);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('unsupported_file_type');
    }
    expect(await storedFiles()).toBe(before);
    const after = (await clerk.get(`/api/items/${item.id}`)).body;
    expect(after.version).toBe(item.version);
    expect(after.draft.serviceForms).toEqual([]);
  });

  test('FORM-3: a spreadsheet is stored and served with the detected type, as an attachment, never the type the client claimed', async () => {
    const clerk = as['aj.clerk']!;
    const item = (await clerk.post('/api/items', completeItem(ids, { name: '表格类型' }))).body;
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('申请表').addRow(['申请人', '联系电话']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());

    const asPdf = await upload(clerk, item.id, item.version, new Blob([xlsx]), '申请表.pdf');
    expect(asPdf.status).toBe(415);
    expect(asPdf.body.error.message).toContain('Excel 表格（xlsx）');

    const res = await upload(
      clerk,
      item.id,
      item.version,
      new Blob([xlsx], { type: 'text/html' }),
      "申请表 (2020) 'v2'.xlsx",
    );
    expect(res.status).toBe(201);
    const fileId = res.body.draft.serviceForms[0].fileId as string;
    const stored = await t.connection
      .db!.collection('files.files')
      .findOne({ _id: new ObjectId(fileId) });
    expect(stored!.metadata.contentType).toBe(XLSX);
    const download = await fetch(`${server.baseUrl}/api/files/${fileId}`, {
      headers: { Cookie: clerk.cookie! },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe(XLSX);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="download.xlsx"; filename*=UTF-8''%E7%94%B3%E8%AF%B7%E8%A1%A8%20%282020%29%20%27v2%27.xlsx`,
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(xlsx)).toBe(true);
  });

  test('FORM-3: a file stored earlier under a claimed HTML type is served as an opaque download', async () => {
    const clerk = as['aj.clerk']!;
    const item = (await clerk.post('/api/items', completeItem(ids, { name: '旧文件' }))).body;
    const old = await new FileStore(t.connection.db!).save(
      Readable.from([HTML]),
      { filename: '旧表.pdf', contentType: 'text/html', owner: { itemId: item.id } },
      1024 * 1024,
    );
    const download = await fetch(`${server.baseUrl}/api/files/${old.id}`, {
      headers: { Cookie: clerk.cookie! },
    });
    expect(download.headers.get('content-type')).toBe('application/octet-stream');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toContain('sandbox');
  });

  test('FORM-3: a path in the file name is cut to its last part; control characters and unsafe field names are refused', async () => {
    const clerk = as['aj.clerk']!;
    const item = (await clerk.post('/api/items', completeItem(ids, { name: '文件名' }))).body;
    const pdf = Buffer.concat([PDF_HEAD, randomBytes(100)]);
    const before = await storedFiles();
    for (const disposition of [
      `filename*=UTF-8''a%00b.pdf`,
      `filename*=UTF-8''%E7%94%B3%0A%E8%AF%B7.pdf`,
      `filename*=UTF-8''exe%E2%80%AEfdp.pdf`,
      `filename*=UTF-8''..%2F..%2F`,
    ]) {
      const res = await rawUpload(clerk, item.id, item.version, disposition, pdf);
      expect({ disposition, status: res.status, code: res.body.error?.code }).toEqual({
        disposition,
        status: 400,
        code: 'invalid_filename',
      });
    }
    const proto = await rawUpload(
      clerk,
      item.id,
      item.version,
      'filename="a.pdf"',
      pdf,
      '__proto__',
    );
    expect(proto.status).toBe(400);
    expect(proto.body.error).toMatchObject({ code: 'unsafe_key', details: { path: '__proto__' } });
    expect(await storedFiles()).toBe(before);

    let version = item.version as number;
    for (const [disposition, kept] of [
      [`filename*=UTF-8''..%2F..%2Fetc%2F%E7%94%B3%E8%AF%B7%E8%A1%A8.pdf`, '申请表.pdf'],
      [`filename="C:\\\\fakepath\\\\表.pdf"`, '表.pdf'],
    ]) {
      const res = await rawUpload(clerk, item.id, version, disposition!, pdf);
      expect(res.status).toBe(201);
      version = res.body.version;
      const fileId = res.body.draft.serviceForms.at(-1).fileId as string;
      const stored = await t.connection
        .db!.collection('files.files')
        .findOne({ _id: new ObjectId(fileId) });
      expect(stored!.filename).toBe(kept);
    }
  });
});
