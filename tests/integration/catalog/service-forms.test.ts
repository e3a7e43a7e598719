import { createHash, randomBytes } from 'node:crypto';
import type { ApiClient } from '../../support/client';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { catalogWorld, completeItem, type CatalogIds } from './fixtures';

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
  ) {
    const form = new FormData();
    form.append('version', String(version));
    form.append('name', '危险化学品经营许可申请表');
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
    const content = randomBytes(300_000);
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
    const big = new Blob([new Uint8Array(40 * 1024 * 1024)], { type: 'application/pdf' });
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
});
