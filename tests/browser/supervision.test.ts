import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../seeds/demo-county';
import { approvedItem, caseWorld, must, windowCase, type World } from '../integration/cases/world';
import { screenshot } from './support/browser';
import { httpError, signInToStudio } from './support/studio';
import { useStudioWorld } from './support/world';

// SUP-2, SUP-3, SUP-9, SUP-10 in the studio: an alert reaches the open console live and the
// responsible officer's workbench; a rule with unreadable FEEL is refused on screen; an item is
// exempted by one supervisor's request and another's approval.
describe('electronic supervision in a real browser', () => {
  const world = useStudioWorld();
  let cases: World;
  let itemId: string;

  beforeAll(async () => {
    cases = await caseWorld(world.server, ['aj.clerk', 'reviewer', 'aj.officer']);
    itemId = await approvedItem(cases, cases.steps, {
      fee: {
        charged: true,
        basis: '浙价费〔2020〕1号',
        standard: '每件 100 元',
        amountFen: 10_000,
      },
    });
  });

  const anonymousCheck = httpError(401, 'Unauthorized', '/api/auth/me');
  const unexpected = (errors: string[]) => errors.filter((e) => e !== anonymousCheck);

  /** Waits until the server has `n` live listeners: the page's stream is connected. */
  async function listening(n: number) {
    for (let i = 0; i < 200 && world.server.supervision.alerts.listening < n; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(world.server.supervision.alerts.listening).toBeGreaterThanOrEqual(n);
  }

  test('SUP-2, SUP-10, RUN-16: a fee the officer records above the standard alerts the open console live, filters by department, and shows on the officer’s workbench', async () => {
    const caseId = await windowCase(cases, itemId);
    await must(cases, 'aj.officer', caseId, { type: 'accept' });
    const { page, errors } = await world.newPage({ width: 1440, height: 900 });
    await signInToStudio(page, world.server.baseUrl, 'supervisor', DEMO_PASSWORD);
    await page.goto(`${world.server.baseUrl}/supervision/alerts`);
    await page.getByText('预警列表').waitFor();
    await listening(1);

    const officer = await world.newPage({ width: 1440, height: 900 });
    await signInToStudio(officer.page, world.server.baseUrl, 'aj.officer', DEMO_PASSWORD);
    await officer.page.goto(`${world.server.baseUrl}/cases/${caseId}`);
    await officer.page.getByRole('button', { name: '登记收费' }).click();
    const dialog = officer.page.getByRole('dialog');
    await dialog.getByText('本事项收费标准 100.00 元').waitFor();
    await dialog.getByLabel('实收金额（元）').fill('150');
    await dialog.getByLabel('票据号').fill('No.0012345');
    await screenshot(officer.page, 'case-record-fee');
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await dialog.waitFor({ state: 'detached' });

    const feed = page.getByTestId('alert-feed');
    await feed.getByText(/新预警：龙湾区安全生产监督管理局/).waitFor();
    expect(await feed.innerText()).toContain('实收 150.00 元，收费标准 100.00 元');
    const table = page.getByTestId('alert-table');
    await table.getByText('收费合规').first().waitFor();
    await page.getByTestId('department-counts').getByText('龙湾区安全生产监督管理局').click();
    await table.getByText('收费合规').first().waitFor();
    await screenshot(page, 'supervision-console');

    await officer.page.goto(`${world.server.baseUrl}/work`);
    const mine = officer.page.getByTestId('my-alerts');
    await mine.getByText('收费合规').first().waitFor();
    expect(await mine.innerText()).toContain('我的预警');
    await screenshot(officer.page, 'supervision-workbench-card');
    expect(unexpected(errors)).toEqual([]);
    expect(unexpected(officer.errors)).toEqual([]);
  });

  async function openRules(page: Page) {
    await page.goto(`${world.server.baseUrl}/supervision/rules`);
    await page.getByTestId('rules-table').getByText('办理时效').waitFor();
  }

  test('SUP-3: a rule with an unreadable FEEL condition is refused with the server’s message; a good one is listed', async () => {
    const { page, errors } = await world.newPage({ width: 1440, height: 900 });
    await signInToStudio(page, world.server.baseUrl, 'supervisor', DEMO_PASSWORD);
    await openRules(page);
    await page.getByRole('button', { name: '新增规则' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('规则名称').fill('大额收费');
    await dialog.getByLabel('附加条件（FEEL，可留空）').fill('amountFen >');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog
      .getByTestId('rule-error')
      .getByText(/语法错误/)
      .waitFor();
    await screenshot(page, 'supervision-rule-error');
    await dialog.getByLabel('附加条件（FEEL，可留空）').fill('amountFen > 50000');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('rules-table').getByText('amountFen > 50000').waitFor();
    expect(unexpected(errors).filter((e) => !e.includes('400'))).toEqual([]);
  });

  test('SUP-9: one supervisor asks to exempt an item; the other approves; the item shows as exempt', async () => {
    const first = await world.newPage({ width: 1440, height: 900 });
    await signInToStudio(first.page, world.server.baseUrl, 'supervisor', DEMO_PASSWORD);
    const item = await world.server.models.items.findById(itemId).lean().orFail();
    await first.page.goto(`${world.server.baseUrl}/supervision/coverage`);
    await first.page.getByLabel('查找事项').fill(item.name);
    await first.page.getByLabel('查找事项').press('Enter');
    const row = first.page
      .getByTestId('coverage-table')
      .locator('tr', { hasText: item.name })
      .first();
    await row.getByText('办理时效').waitFor();
    await row.getByRole('button', { name: '申请免监察' }).click();
    await first.page.getByRole('dialog').getByLabel('理由').fill('该事项已由市级系统统一监察');
    await first.page.getByRole('button', { name: '提交申请' }).click();
    await row.getByText('待批准').waitFor();
    // The requester sees no approve button on their own request.
    expect(await row.getByRole('button', { name: /批\s*准/ }).count()).toBe(0);

    const second = await world.newPage({ width: 1440, height: 900 });
    await signInToStudio(second.page, world.server.baseUrl, 'supervisor2', DEMO_PASSWORD);
    await second.page.goto(`${world.server.baseUrl}/supervision/coverage`);
    await second.page.getByLabel('查找事项').fill(item.name);
    await second.page.getByLabel('查找事项').press('Enter');
    const row2 = second.page
      .getByTestId('coverage-table')
      .locator('tr', { hasText: item.name })
      .first();
    await row2.getByRole('button', { name: /批\s*准/ }).click();
    await row2.getByText('免于监察').waitFor();
    await screenshot(second.page, 'supervision-coverage-exempt');
    expect(unexpected(first.errors)).toEqual([]);
    expect(unexpected(second.errors)).toEqual([]);
  });
});
