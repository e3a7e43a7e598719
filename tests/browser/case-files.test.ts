import PDFDocument from 'pdfkit';
import { crc32, deflateSync } from 'node:zlib';
import { DEMO_PASSWORD } from '../../seeds/demo-county';
import { caseWorld, COMPANY, FORM_DATA, type World } from '../integration/cases/world';
import { screenshot } from './support/browser';
import { templateItem } from './support/cases';
import { httpError, signInToStudio } from './support/studio';
import { useStudioWorld } from './support/world';

/** A plain PNG of one colour (what a phone photo of a paper is, to the viewer). */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(width).fill(rgb).flat())]);
  const raw = Buffer.concat(Array(height).fill(row));
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function pdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A5' });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.fontSize(24).text('Application form, page 1');
    doc.end();
  });
}

// RUN-7 in the studio: the window uploads pages of a material from the case page's 材料 panel,
// sees 原件/复印件 and 存储要求 from the item's list, and opens a page in the in-page viewer.
describe('materials of a case in a real browser (RUN-7)', () => {
  const world = useStudioWorld();
  let cases: World;
  let itemId: string;

  beforeAll(async () => {
    cases = await caseWorld(world.server, ['aj.clerk', 'reviewer', 'aj.officer']);
    itemId = await templateItem(cases);
  });

  const anonymousCheck = httpError(401, 'Unauthorized', '/api/auth/me');

  test('RUN-7: upload two pages of 申请书 and a photo of the report, view them in the page', async () => {
    const started = await cases.as['aj.officer']!.post('/api/cases', {
      itemId,
      applicant: COMPANY,
      caseName: '瓯江化工有限公司危险化学品经营许可申请',
      data: FORM_DATA,
    });
    expect(started.status).toBe(201);
    const caseId = started.body.id as string;

    const { page, errors } = await world.newPage({ width: 1440, height: 900 });
    await signInToStudio(page, world.server.baseUrl, 'aj.officer', DEMO_PASSWORD);
    await page.goto(`${world.server.baseUrl}/cases/${caseId}`, { waitUntil: 'networkidle' });
    const card = page.getByTestId('materials-card');
    const row = (name: string) => card.locator('.ant-table-row').filter({ hasText: name });
    await row('申请书').waitFor();
    expect(await row('申请书').innerText()).toContain('原件');

    const form = await pdf();
    await row('申请书')
      .locator('input[type=file]')
      .setInputFiles({ name: '申请书.pdf', mimeType: 'application/pdf', buffer: form });
    await row('申请书').getByText('第 1 页').waitFor();
    await row('申请书')
      .locator('input[type=file]')
      .setInputFiles({ name: '申请书（续）.pdf', mimeType: 'application/pdf', buffer: form });
    await row('申请书').getByText('第 2 页').waitFor();
    await row('安全评价报告')
      .locator('input[type=file]')
      .setInputFiles({
        name: '评价报告照片.png',
        mimeType: 'image/png',
        buffer: png(480, 320, [40, 110, 200]),
      });
    await row('安全评价报告').getByText('评价报告照片.png').waitFor();

    // A program renamed .png is refused, in the server's words.
    await row('安全评价报告')
      .locator('input[type=file]')
      .setInputFiles({
        name: '照片.png',
        mimeType: 'image/png',
        buffer: Buffer.from('MZ\x90\x00\x03\x00\x00\x00 this is not a picture', 'latin1'),
      });
    await card.locator('.ant-alert-error').filter({ hasText: 'Windows 可执行程序' }).waitFor();
    await screenshot(page, 'case-files-panel');

    // The photo opens in the viewer, by keyboard as well as by mouse.
    await row('安全评价报告').getByRole('button', { name: '评价报告照片.png' }).focus();
    await page.keyboard.press('Enter');
    const viewer = page.locator('.ant-modal').getByTestId('file-viewer');
    await viewer.waitFor();
    // Loaded and decoded: the picture's own width, not a broken-image icon.
    await page.waitForFunction(
      'document.querySelector(\'[data-testid="file-viewer"]\')?.naturalWidth === 480',
    );
    await screenshot(page, 'case-files-viewer-image');
    // Escape closes it once the dialog holds the focus, which it takes as it opens: a press that
    // comes before that is lost, so press again until the viewer is gone.
    for (let attempt = 0; ; attempt++) {
      await page.keyboard.press('Escape');
      const closed = await viewer
        .waitFor({ state: 'detached', timeout: 3000 })
        .then(() => true)
        .catch(() => false);
      if (closed) break;
      if (attempt === 4) throw new Error('看图窗口按 Esc 关不上');
    }

    await row('申请书').getByRole('button', { name: '申请书.pdf' }).click();
    await page.locator('.ant-modal iframe[data-testid="file-viewer"]').waitFor();
    await screenshot(page, 'case-files-viewer-pdf');
    await page.keyboard.press('Escape');

    // The trail holds one 上传文件 entry per page, each with its SM3.
    const detail = (await cases.as['aj.officer']!.get(`/api/cases/${caseId}`)).body as {
      trail: { action: string }[];
    };
    expect(detail.trail.filter((e) => e.action === 'attach')).toHaveLength(3);
    expect(errors.filter((e) => e !== anonymousCheck && !e.includes('415'))).toEqual([]);
  });
});
