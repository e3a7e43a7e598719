import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { checkCharacter } from '../../runtime';
import { caseOfStored } from '../../server/cases/case-model';
import { PersonalDataCipher } from '../../server/identity/personal-data';
import { seedDemoCounty } from '../../seeds';
import { seedDemoCatalog } from '../../seeds/demo-catalog';
import { seedDemoCases } from '../../seeds/demo-cases';
import { DEMO_PASSWORD } from '../../seeds/demo-county';
import { signedIn } from '../support/client';
import { useTestDatabase } from '../support/database';
import { startTestServer, TEST_DATA_KEY, type TestServer } from '../support/server';
import { launchChromium, screenshot, watchForErrors } from './support/browser';

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
  Buffer.from('门户表格'),
]);
const CITIZEN_IDS = [
  ['19850315', '131'],
  ['19900722', '242'],
  ['19780109', '353'],
].map(([birth, seq]) => `330303${birth}${seq}` + checkCharacter(`330303${birth}${seq}`));

/** Runs axe-core in the page; answers the serious and critical violations. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core') });
  const result = await page.evaluate<{
    violations: { id: string; impact: string; nodes: unknown[] }[];
  }>('window.axe.run()');
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.nodes.length})`);
}

/** The public portal as a citizen uses it, on a 360 px phone (POR-1 … POR-8, POR-12, RUN-11). */
describe('the public portal in a real browser', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let browser: Browser;
  let itemCode: string;
  let themeName: string;
  let departmentName: string;
  const visited = new Map<string, string[]>();

  beforeAll(async () => {
    server = await startTestServer(t.db);
    await seedDemoCounty(server.models, () => undefined);
    await seedDemoCatalog(server.baseUrl, () => undefined);
    await seedDemoCases(server.baseUrl, server.cases, () => undefined, {
      now: new Date('2026-12-04T06:00:00Z'),
    });
    // A clerk puts a numbered form and an FAQ on an approved item and files it under a theme.
    const clerk = await signedIn(server, 'gs.clerk', DEMO_PASSWORD);
    const reviewer = await signedIn(server, 'reviewer', DEMO_PASSWORD);
    // One applied for (依申请): ex officio items have no 网上申请 (RUN-17).
    const item = (
      (await clerk.get('/api/items?status=approved&pageSize=100')).body.items as {
        id: string;
        code: string;
        departmentName?: string;
        initiation: string;
      }[]
    ).find((i) => i.initiation === 'onApplication')!;
    itemCode = item.code;
    const detail = (await clerk.get(`/api/items/${item.id}`)).body;
    const changed = await clerk.patch(`/api/items/${item.id}`, {
      version: detail.version,
      reason: '补充表格',
      faq: [{ id: 'q1', question: '需要本人到场吗？', answer: '需要。' }],
    });
    const form = new FormData();
    form.append('version', String(changed.body.version));
    form.append('name', '门户下载测试表');
    form.append('number', 'GS-01');
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), '门户下载测试表.pdf');
    const up = await fetch(`${server.baseUrl}/api/items/${item.id}/service-forms`, {
      method: 'POST',
      headers: { Cookie: clerk.cookie!, 'X-CSRF-Token': clerk.csrfToken! },
      body: form,
    });
    const uploaded = (await up.json()) as { version: number };
    const submitted = await clerk.post(`/api/items/${item.id}/submit`, {
      version: uploaded.version,
    });
    const approved = await reviewer.post(`/api/items/${item.id}/approve`, {
      version: submitted.body.version,
    });
    if (approved.status !== 200) throw new Error(JSON.stringify(approved.body));
    await clerk.put(`/api/themes/start-business/items/${item.id}`, { assigned: true });
    themeName = '开办企业';
    const unit = await server.models.units.findById(detail.departmentId).lean().exec();
    departmentName = unit!.name;
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function phone(javaScriptEnabled = true) {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: 'zh-CN',
      javaScriptEnabled,
      acceptDownloads: true,
      // axe-core is injected as an inline script, which the portal's CSP rightly forbids.
      bypassCSP: true,
    });
    const page = await context.newPage();
    return { page, errors: watchForErrors(page), context };
  }

  /** Records axe's findings for the page; all are checked at the end. */
  async function check(page: Page) {
    visited.set(
      new URL(page.url()).pathname + new URL(page.url()).search,
      await axeViolations(page),
    );
  }

  test('POR-2 POR-3 POR-4 a citizen browses by department and by theme, reads a guide and downloads a form', async () => {
    const { page, errors } = await phone();
    await page.goto(`${server.baseUrl}/portal`);
    await page.getByRole('heading', { level: 1, name: '温州市龙湾区政务服务专栏' }).waitFor();
    await check(page);
    await screenshot(page, 'portal-home-360');

    await page.getByRole('link', { name: departmentName }).first().click();
    await page.getByRole('heading', { name: new RegExp(`^${departmentName}`) }).waitFor();
    await page.getByRole('cell', { name: itemCode }).waitFor();
    await check(page);

    await page.goto(`${server.baseUrl}/portal`);
    await page.getByRole('link', { name: themeName }).click();
    await page.getByRole('heading', { name: new RegExp(`主题：${themeName}`) }).waitFor();
    await check(page);
    await page.getByRole('row').filter({ hasText: itemCode }).getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: '办事指南' }).waitFor();
    await page.getByText('需要本人到场吗？').waitFor();
    await page.getByRole('img', { name: /办理流程/ }).waitFor();
    await check(page);
    await screenshot(page, 'portal-guide-360');
    // Keyboard: the skip link is the first stop and leads to the main content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('跳到正文');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '下载「门户下载测试表」' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('门户下载测试表.pdf');
    const path = await download.path();
    expect(readFileSync(path).equals(PDF)).toBe(true);

    await page.getByRole('link', { name: '网上申请本事项' }).click();
    await page.getByText('网上申请即将开通').waitFor();
    await check(page);
    // At 360 px nothing is wider than the screen.
    const widths: Record<string, number> = {};
    for (const path of [
      '/portal',
      '/portal/items',
      `/portal/items/${itemCode}`,
      '/portal/results',
    ]) {
      await page.goto(`${server.baseUrl}${path}`);
      widths[path] = await page.evaluate<number>('document.documentElement.scrollWidth');
    }
    expect(Object.entries(widths).filter(([, w]) => w > 360)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('POR-7 RUN-11 a citizen queries a result by case number and ID number', async () => {
    const cipher = new PersonalDataCipher(TEST_DATA_KEY);
    const byIndex = new Map(CITIZEN_IDS.map((id) => [cipher.index(id), id]));
    const docs = (await server.cases.store.collection.find({}).toArray()).map((s) =>
      caseOfStored(s, server.cases.store.personal),
    );
    const mine = docs.find(
      (d) => d.caseNo && d.state.status === 'concluded' && byIndex.has(d.applicantIdIndex ?? ''),
    )!;
    const { page } = await phone();
    await page.goto(`${server.baseUrl}/portal/query`);
    await check(page);
    await page.getByLabel('办件编号').fill(mine.caseNo!);
    await page.getByLabel(/申请人证件号码/).fill(byIndex.get(mine.applicantIdIndex!)!);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('heading', { name: '查询结果' }).waitFor();
    expect(await page.getByRole('table').innerText()).toContain(mine.state.itemName);
    await check(page);
    await screenshot(page, 'portal-query-360');
  });

  test('POR-8 POR-11 a citizen reads published results and catalog announcements', async () => {
    const { page } = await phone();
    await page.goto(`${server.baseUrl}/portal/results`);
    await page.getByRole('table').waitFor();
    const text = await page.getByRole('table').innerText();
    expect(text).toMatch(/\*/);
    await check(page);
    await page.goto(`${server.baseUrl}/portal/announcements`);
    await page.getByRole('cell', { name: '变更' }).first().waitFor();
    await check(page);
    await page.goto(`${server.baseUrl}/portal/items`);
    await check(page);
    await page.goto(`${server.baseUrl}/portal/transparency`);
    await check(page);
  });

  test('POR-12 with JavaScript off every page shows its content', async () => {
    const { page, context } = await phone(false);
    const pages: [string, string][] = [
      ['/portal', '按部门办事'],
      ['/portal/items', '全部事项'],
      [`/portal/items/${itemCode}`, '需要本人到场吗？'],
      ['/portal/query', '办件编号'],
      ['/portal/results', '办结结果'],
      ['/portal/announcements', '事项目录变更'],
    ];
    for (const [path, text] of pages) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.getByText(text).first().waitFor();
    }
    // A form posts without script too.
    await page.goto(`${server.baseUrl}/portal/items/${itemCode}`);
    await page.getByLabel(/您的问题/).fill('可以邮寄材料吗？');
    await page.getByRole('button', { name: '提交咨询' }).click();
    await page.getByText('您的咨询已提交').waitFor();
    await context.close();
  });

  test('POR-12 axe-core finds no serious or critical violation on any portal page visited', () => {
    expect(visited.size).toBeGreaterThanOrEqual(10);
    const found = [...visited].filter(([, v]) => v.length).map(([p, v]) => `${p}: ${v.join(', ')}`);
    expect(found).toEqual([]);
  });
});
