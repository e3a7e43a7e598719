import fs from 'node:fs/promises';
import { crc32, deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import PizZip from 'pizzip';
import type { Download, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../seeds/demo-county';
import { caseWorld, residentId, type World } from '../integration/cases/world';
import { screenshot } from './support/browser';
import { templateItem } from './support/cases';
import { httpError, signInToStudio } from './support/studio';
import { useStudioWorld } from './support/world';

/** A plain PNG of one colour (a phone photo of a paper, to the viewer). */
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

function pdf(text: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A5' });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.fontSize(24).text(text);
    doc.end();
  });
}

// Issue 13 "Done when", end to end (RUN-1, RUN-2, RUN-7, RUN-10, RUN-14): a window clerk with the
// keyboard alone registers a walk-in application with two scans (a program renamed .png is refused
// first, and the clerk goes back), accepts it, downloads the 受理通知书 and finds its number in the
// trail; an officer views the materials and completes 审核 with an attachment; the chief concludes
// it; the sealed 准予行政许可决定书 verifies at /portal/verify, and a copy with one byte changed
// does not.
describe('the frontline day in a real browser', () => {
  const world = useStudioWorld();
  let cases: World;

  beforeAll(async () => {
    cases = await caseWorld(world.server, ['aj.clerk', 'reviewer', 'aj.officer']);
    // 审核 may write the form's 申请材料附件 (its file field), so the step carries an attachment.
    await templateItem(cases, ['attachments']);
  });

  const base = () => world.server.baseUrl;
  const anonymousCheck = httpError(401, 'Unauthorized', '/api/auth/me');
  const button = (scope: Page | Locator, name: string) =>
    scope.getByRole('button', { name: new RegExp(`(^|\\s)${[...name].join('\\s*')}$`) });
  const status = (page: Page, text: string) =>
    page.getByTestId('case-status').filter({ hasText: text }).waitFor();
  const focused = (page: Page) =>
    page.evaluate<string>(`(() => {
      const el = document.activeElement;
      return [el?.tagName, el?.getAttribute('aria-label'), el?.innerText, el?.value]
        .map((x) => x ?? '').join('|');
    })()`);
  async function tabTo(page: Page, match: RegExp, back = false) {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
      if (match.test(await focused(page))) return;
    }
    throw new Error(`按 Tab 找不到 ${match}`);
  }
  const focusedField = (page: Page) =>
    page.evaluate<string>(`(() => {
      const item = document.activeElement?.closest('.ant-form-item, .ant-formily-item');
      return item?.querySelector('label, .ant-formily-item-label')?.textContent ?? '';
    })()`);
  async function tabToField(page: Page, label: string) {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if ((await focusedField(page)).includes(label)) return;
    }
    throw new Error(`按 Tab 找不到「${label}」`);
  }
  const focusIn = (page: Page, label: string) =>
    page
      .locator('.ant-form-item:focus-within > .ant-row > .ant-form-item-label', { hasText: label })
      .first()
      .waitFor();
  /** Presses Enter on the focused 选择文件 button and answers the file chooser it opens. */
  async function chooseByKeyboard(
    page: Page,
    file: { name: string; mimeType: string; buffer: Buffer },
  ) {
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.keyboard.press('Enter'),
    ]);
    await chooser.setFiles(file);
  }
  const documentsCard = (page: Page) =>
    page
      .locator('.ant-card')
      .filter({ has: page.locator('.ant-card-head-title', { hasText: /^文书$/ }) });
  /** The 文书 entry named 《name》, once the handler has made it (the card looks again). */
  async function documentEntry(page: Page, name: string) {
    const entry = documentsCard(page)
      .locator('.ant-list-item')
      .filter({ hasText: `《${name}》` });
    await entry.waitFor({ timeout: 30_000 });
    return entry;
  }
  /** Focuses a download link and presses Enter, as the keyboard would. */
  async function downloadByKeyboard(page: Page, link: Locator): Promise<Buffer> {
    await link.focus();
    const [download] = (await Promise.all([
      page.waitForEvent('download'),
      page.keyboard.press('Enter'),
    ])) as [Download, void];
    return fs.readFile((await download.path())!);
  }

  test('RUN-1, RUN-2, RUN-7, RUN-10, RUN-14: register with uploads, accept, notices, attachment, sealed decision, verification', async () => {
    const { page, errors } = await world.newPage({ width: 1440, height: 900 });
    // Listening from the start turns on Playwright's file-chooser interception before any
    // button opens one (turned on lazily, a press may come first and the chooser is missed).
    page.on('filechooser', () => undefined);

    // ── The window clerk, keyboard only ──
    await page.goto(`${base()}/login`, { waitUntil: 'networkidle' });
    await page.getByPlaceholder('用户名').focus();
    await page.keyboard.type('aj.officer');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('user-menu').waitFor();
    await page.goto(`${base()}/work/register`, { waitUntil: 'networkidle' });

    await focusIn(page, '办理事项');
    await page.keyboard.type('wxhxp');
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: '危险化学品经营许可证核发' })
      .waitFor();
    await page.keyboard.press('Enter');
    await tabTo(page, /^BUTTON\|\|下一步/);
    await page.keyboard.press('Enter');

    await focusIn(page, '申请人类型');
    await page.keyboard.press('Tab');
    await page.keyboard.type('陈立群');
    await tabToField(page, '证件号码');
    await page.keyboard.type(residentId('330303', '19790612', '318'));
    await tabToField(page, '联系电话');
    await page.keyboard.type('13957798765');
    await page.keyboard.press('Enter');

    await page.getByText('申请事项说明').waitFor();
    await page.locator('form:focus-within').waitFor();
    await tabToField(page, '申请事项说明');
    await page.keyboard.type('新开设危险化学品经营门店');
    await tabTo(page, /^BUTTON\|\|下一步/);
    await page.keyboard.press('Enter');

    // 材料核对: each material has its own 选择文件 button; choosing a file ticks 已收取.
    const table = page.getByTestId('intake-materials');
    await table.waitFor();
    await page.locator('[aria-label="已收取申请书"]:focus').waitFor();
    await tabTo(page, /选择申请书的文件/);
    await chooseByKeyboard(page, {
      name: '申请书.pdf',
      mimeType: 'application/pdf',
      buffer: await pdf('Application form, signed'),
    });
    await table.getByText('申请书.pdf').waitFor();
    // The other files through the material's own file input (what the button opens).
    const input = page.locator('input[type=file][aria-label="安全评价报告的电子件"]');
    await input.setInputFiles({
      name: '评价报告照片.png',
      mimeType: 'image/png',
      buffer: png(480, 320, [40, 110, 200]),
    });
    await table.getByText('评价报告照片.png').waitFor();
    // A second "page" that is a program renamed .png: the server refuses it after 登记.
    await input.setInputFiles({
      name: '第二页.png',
      mimeType: 'image/png',
      buffer: Buffer.from('MZ\x90\x00\x03\x00\x00\x00 this is not a picture', 'latin1'),
    });
    await table.getByText('第二页.png').waitFor();
    expect(await page.locator('input[aria-label="已收取申请书"]').isChecked()).toBe(true);
    expect(await page.locator('input[aria-label="已收取安全评价报告"]').isChecked()).toBe(true);
    await screenshot(page, 'frontline-1-materials-chosen');
    await tabTo(page, /^BUTTON\|\|下一步/);
    await page.keyboard.press('Enter');

    await page.getByText('材料齐全').waitFor();
    await page.getByTestId('intake-files').getByText('第二页.png').waitFor();
    await tabToField(page, '受理意见');
    await page.keyboard.type('材料齐全，予以受理');
    await tabTo(page, /登记并受理/);
    await page.keyboard.press('Enter');
    const refused = page.getByTestId('intake-upload-error');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('第二页.png');
    expect(await refused.innerText()).toContain('Windows 可执行程序');
    await screenshot(page, 'frontline-2-upload-refused');

    // Back to the materials by keyboard, remove the bad file, and on.
    await tabTo(page, /返回材料核对/, true);
    await page.keyboard.press('Enter');
    await table.waitFor();
    await tabTo(page, /移除第二页\.png/);
    await page.keyboard.press('Enter');
    await table.getByText('第二页.png').waitFor({ state: 'detached' });
    await tabTo(page, /^BUTTON\|\|下一步/);
    await page.keyboard.press('Enter');
    await page.getByText('申请已登记，再次提交').waitFor();
    await page.getByTestId('intake-files').getByText('（已上传）').first().waitFor();
    await tabTo(page, /登记并受理/);
    await page.keyboard.press('Enter');

    const caseNoEl = page.getByTestId('intake-case-no');
    await caseNoEl.waitFor();
    const caseNo = await caseNoEl.innerText();
    expect(caseNo).toMatch(/^33030300AJ-\d{8}-\d{6}$/);
    await screenshot(page, 'frontline-3-accepted');
    await page.locator('[data-testid="intake-case-link"]:focus').waitFor();
    await page.keyboard.press('Enter');
    await status(page, '办理中');
    const caseId = new URL(page.url()).pathname.split('/').pop()!;

    // Exactly the two good files reached the case, once each; nothing of the refused one.
    const files = (await cases.as['aj.officer']!.get(`/api/cases/${caseId}/files`)).body as {
      files: { name: string; kind: string; materialId?: string }[];
    };
    expect(files.files.map((f) => f.name).sort()).toEqual(['申请书.pdf', '评价报告照片.png']);

    // 受理通知书: listed in 文书, downloaded as DOCX and PDF by keyboard, its number in the trail.
    const notice = await documentEntry(page, '受理通知书');
    const number = (await notice.locator('.ant-list-item-meta-description').innerText()).trim();
    expect(number).toMatch(/^龙安全受〔\d{4}〕\d+号$/);
    const noticePdf = await downloadByKeyboard(
      page,
      notice.getByRole('link', { name: '下载 PDF' }),
    );
    expect(noticePdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const noticeDocx = await downloadByKeyboard(
      page,
      notice.getByRole('link', { name: '下载 Word' }),
    );
    const docXml = new PizZip(noticeDocx).file('word/document.xml')!.asText();
    expect(docXml.replace(/<[^>]+>/g, '')).toContain(number);
    // The trail entry (制作文书) came after the page loaded: the page is opened again.
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByTestId('trail').getByText(number).first().waitFor();
    await screenshot(page, 'frontline-4-acceptance-notice');

    // ── The officer: materials in the viewer, 审核 with an attachment ──
    // The viewer is fully open once it has moved focus to 关闭 (afterOpenChange): a click during
    // its opening animation could be lost.
    const closeViewer = async () => {
      const focused = () =>
        page.evaluate<boolean>(
          "(document.activeElement?.textContent ?? '').replace(/\\s/g, '') === '关闭'",
        );
      for (let i = 0; i < 500 && !(await focused()); i++);
      expect(await focused()).toBe(true);
      await button(page.locator('.ant-modal'), '关闭').click();
    };
    const card = page.getByTestId('materials-card');
    const row = (name: string) => card.locator('.ant-table-row').filter({ hasText: name });
    await row('安全评价报告').getByRole('button', { name: '评价报告照片.png' }).click();
    // Loaded and decoded: the picture's own width, not a broken-image icon. (waitForFunction
    // evaluates a string, which the studio's CSP forbids; page.evaluate is not blocked.)
    const width = () =>
      page.evaluate<number>(
        'document.querySelector(\'[data-testid="file-viewer"]\')?.naturalWidth ?? 0',
      );
    for (let i = 0; i < 500 && (await width()) !== 480; i++);
    expect(await width()).toBe(480);
    await screenshot(page, 'frontline-5-viewer-image');
    await closeViewer();
    await page.locator('.ant-modal [data-testid="file-viewer"]').waitFor({ state: 'detached' });
    await row('申请书').getByRole('button', { name: '申请书.pdf' }).click();
    await page.locator('.ant-modal iframe[data-testid="file-viewer"]').waitFor();
    await screenshot(page, 'frontline-6-viewer-pdf');
    await closeViewer();
    await page.locator('.ant-modal iframe').waitFor({ state: 'detached' });

    await button(page.locator('body'), '签收').first().click();
    const review = page.getByTestId('handle-Task_review');
    await review.waitFor();
    await review.locator('input[type=file]').setInputFiles({
      name: '现场核查记录.pdf',
      mimeType: 'application/pdf',
      buffer: await pdf('On-site inspection record'),
    });
    await review
      .locator('.ant-upload-list-item-done')
      .filter({ hasText: '现场核查记录.pdf' })
      .waitFor();
    const agree = review.getByRole('radio', { name: '同意', exact: true });
    if (await agree.count()) await agree.check();
    await review.getByLabel('办理意见').fill('经现场核查，储存设施符合要求');
    await screenshot(page, 'frontline-7-review-with-attachment');
    await button(review, '提交').click();
    await review.waitFor({ state: 'detached' });
    await card.getByText('现场核查记录.pdf').waitFor();

    // ── The chief concludes: 准予, sealed decision ──
    const chief = await world.newPage({ width: 1440, height: 900 });
    const p2 = chief.page;
    await signInToStudio(p2, base(), 'aj.chief', DEMO_PASSWORD);
    await p2.goto(`${base()}/cases/${caseId}`, { waitUntil: 'networkidle' });
    await status(p2, '办理中');
    await button(p2.locator('body'), '签收').first().click();
    const decide = p2.getByTestId('handle-Task_decide');
    await decide.waitFor();
    await decide.getByLabel('决定内容').fill('准予核发危险化学品经营许可证');
    await decide.getByLabel('办理意见').fill('同意');
    await button(decide, '办结').click();
    await status(p2, '已办结');
    const decision = await documentEntry(p2, '准予行政许可决定书');
    await decision.getByText('电子印章').waitFor();
    await screenshot(p2, 'frontline-8-concluded-sealed-decision');
    const decisionPdf = await downloadByKeyboard(
      p2,
      decision.getByRole('link', { name: '下载 PDF' }),
    );
    expect(decisionPdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // ── Anyone: /portal/verify, the PDF as issued and with one byte changed ──
    const verify = async (buffer: Buffer, result: string, text: string, shot: string) => {
      await p2.goto(`${base()}/portal/verify`, { waitUntil: 'networkidle' });
      await p2.locator('#file').setInputFiles({
        name: '决定书.pdf',
        mimeType: 'application/pdf',
        buffer,
      });
      await p2.getByRole('button', { name: '上传并核验' }).click();
      const section = p2.locator(`section[data-result="${result}"]`);
      await section.waitFor();
      expect(await section.innerText()).toContain(text);
      await screenshot(p2, shot);
    };
    await verify(decisionPdf, 'valid', '有效', 'frontline-9-verify-valid');
    // One byte inside the page's content, well before the trailer with the document's id.
    const altered = Buffer.from(decisionPdf);
    const at = Math.floor(altered.length / 3);
    altered[at] = altered[at]! ^ 0x01;
    await verify(altered, 'altered', '已被改动', 'frontline-10-verify-altered');

    expect(errors.filter((e) => e !== anonymousCheck && !e.includes('415'))).toEqual([]);
    expect(chief.errors.filter((e) => e !== anonymousCheck)).toEqual([]);
  });
});
