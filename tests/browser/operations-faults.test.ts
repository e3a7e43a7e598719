import fs from 'node:fs/promises';
import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import type { Download, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../seeds/demo-county';
import { screenshot } from './support/browser';
import { httpError, menuLabels, signInToStudio } from './support/studio';
import { useStudioWorld } from './support/world';

// OPS-3 and OPS-2 on screen: an administrator records a class B fault, responds to it, restores
// it, sees both times met, and downloads the month's operation report in Word and Excel.
describe('faults and the operation report in a real browser', () => {
  const world = useStudioWorld();
  const base = () => world.server.baseUrl;
  const button = (scope: Page | Locator, name: string) =>
    scope.getByRole('button', { name: new RegExp(`(^|\\s)${[...name].join('\\s*')}$`) });

  async function download(page: Page, link: Locator): Promise<Buffer> {
    const [file] = (await Promise.all([page.waitForEvent('download'), link.click()])) as [
      Download,
      void,
    ];
    return fs.readFile((await file.path())!);
  }

  test('OPS-3, OPS-2: record a class B fault, respond, restore, and download the month’s report', async () => {
    const { page, errors } = await world.newPage({ width: 1440, height: 900 });
    await signInToStudio(page, base(), 'admin', DEMO_PASSWORD);
    expect(await menuLabels(page)).toEqual(expect.arrayContaining(['故障登记', '运行报告']));
    await page.locator('.ant-pro-sider .ant-menu-item').filter({ hasText: '故障登记' }).click();
    await page.waitForURL(/\/operations\/faults$/);

    // 登记
    await button(page, '登记故障').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('B类（部分功能不可用）').click();
    await dialog.getByLabel('故障现象').fill('门户网上申请提交失败');
    await dialog.getByLabel('影响范围').fill('政务服务专栏网上申请');
    await dialog.getByLabel('报告人（不填为本人）').fill('永中街道便民服务中心 郑小红（电话）');
    await button(dialog, '保存').click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('tr.ant-table-row').filter({ hasText: '门户网上申请提交失败' });
    await row.getByText('待响应').waitFor();
    const number = (await row.locator('td').nth(1).innerText()).trim();
    expect(number).toMatch(/^GZ-\d{6}-001$/);

    // 响应
    await button(row, '响应').click();
    await dialog.getByLabel('处理情况（可不填）').fill('已通知开发值班，排查网关');
    await button(dialog, '保存').click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('处理中').waitFor();
    await row.locator('td').nth(7).getByText('达标').waitFor();

    // 记录进展, then 恢复
    await button(row, '记录进展').click();
    await dialog.getByLabel('处理情况').fill('定位到网关证书过期');
    await button(dialog, '保存').click();
    await dialog.waitFor({ state: 'hidden' });
    await button(row, '恢复').click();
    await dialog.getByLabel('处理结果').fill('更换网关证书，网上申请恢复');
    await dialog.getByLabel('故障原因').fill('网关证书过期');
    await button(dialog, '保存').click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('已恢复').waitFor();
    await row.locator('td').nth(8).getByText('达标').waitFor();
    // The details: the notes in order, the cause and the targets of class B.
    await row.locator('.ant-table-row-expand-icon').click();
    const details = page.locator('tr.ant-table-expanded-row');
    await details.getByText('网关证书过期', { exact: true }).waitFor();
    await expect(details.innerText()).resolves.toContain('响应 30分钟内');
    await expect(details.innerText()).resolves.toContain('定位到网关证书过期');
    await screenshot(page, 'operations-faults');

    // 运行报告 of this month (Shanghai's), from the address.
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    await page.goto(`${base()}/operations/reports?month=${month}`, { waitUntil: 'networkidle' });
    const faults = page.getByRole('region', { name: '故障' });
    await faults.locator('tr.ant-table-row').filter({ hasText: number }).waitFor();
    const classes = faults.locator('tr.ant-table-row').filter({ hasText: 'B类（部分功能不可用）' });
    await expect(classes.locator('td').nth(1).innerText()).resolves.toBe('1');
    await expect(classes.locator('td').nth(3).innerText()).resolves.toBe('1');
    await page.getByRole('region', { name: '接口' }).getByText('/metrics').first().waitFor();
    await screenshot(page, 'operations-report');

    const docx = await download(page, page.getByRole('link', { name: /下载 Word/ }));
    const xml = new PizZip(docx).file('word/document.xml')!.asText();
    expect(xml).toContain(number);
    expect(xml).toContain('网关证书过期');
    const xlsx = await download(page, page.getByRole('link', { name: /下载 Excel/ }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const detail = wb.getWorksheet('故障明细')!;
    expect(detail.getRow(3).getCell(1).value).toBe(number);
    expect(detail.getRow(3).getCell(9).value).toBe('达标');
    expect(detail.getRow(3).getCell(12).value).toBe('达标');
    expect(errors.filter((e) => e !== httpError(401, 'Unauthorized', '/api/auth/me'))).toEqual([]);
  });
});
