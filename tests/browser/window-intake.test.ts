import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../seeds/demo-county';
import {
  ALL_MATERIALS,
  applicantClient,
  caseWorld,
  COMPANY,
  FORM_DATA,
  residentId,
  type World,
} from '../integration/cases/world';
import { screenshot } from './support/browser';
import { templateItem } from './support/cases';
import { httpError } from './support/studio';
import { useStudioWorld } from './support/world';

// RUN-1, RUN-2, RUN-4 on screen: a window clerk registers a walk-in application with the keyboard
// alone (item found by pinyin initials, ID check digit, materials ticked, 受理, case number); an
// online application is returned and passed at 预审; 加签, 撤回 (at the applicant's request) and
// 终止 each once from the case page.
describe('window intake, 预审, 加签, 撤回 and 终止 in a real browser', () => {
  const world = useStudioWorld();
  let cases: World;
  let itemId: string;

  beforeAll(async () => {
    cases = await caseWorld(world.server, ['aj.clerk', 'reviewer', 'aj.officer', 'admin']);
    itemId = await templateItem(cases);
  });

  const newPage = () => world.newPage({ width: 1440, height: 900 });
  // Not yet signed in, the studio asks who the user is and hears 401: expected.
  const anonymousCheck = httpError(401, 'Unauthorized', '/api/auth/me');
  const unexpected = (errors: string[]) => errors.filter((e) => e !== anonymousCheck);
  const base = () => world.server.baseUrl;
  const button = (scope: Page | Locator, name: string) =>
    scope.getByRole('button', { name: new RegExp(`(^|\\s)${[...name].join('\\s*')}$`) });
  const status = (page: Page, text: string) =>
    page.getByTestId('case-status').filter({ hasText: text }).waitFor();

  // The test's TypeScript has no DOM types: what runs in the page is given as text.
  /** What has the keyboard focus: its tag, label, text and value. */
  const focused = (page: Page) =>
    page.evaluate<string>(`(() => {
      const el = document.activeElement;
      return [el?.tagName, el?.getAttribute('aria-label'), el?.innerText, el?.value]
        .map((x) => x ?? '').join('|');
    })()`);
  /** Presses Tab until the focus is on what `match` names (at most 40 times). */
  async function tabTo(page: Page, match: RegExp) {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (match.test(await focused(page))) return;
    }
    throw new Error(`按 Tab 找不到 ${match}`);
  }
  /** The label of the form field that has the focus (antd's, or Formily's in the form). */
  const focusedField = (page: Page) =>
    page.evaluate<string>(`(() => {
      const item = document.activeElement?.closest('.ant-form-item, .ant-formily-item');
      return item?.querySelector('label, .ant-formily-item-label')?.textContent ?? '';
    })()`);
  /** Presses Tab until the focus is in the field labelled `label`. */
  async function tabToField(page: Page, label: string) {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if ((await focusedField(page)).includes(label)) return;
    }
    throw new Error(`按 Tab 找不到「${label}」`);
  }
  /** Waits until the focus is in the field labelled `label`. */
  const focusIn = (page: Page, label: string) =>
    page
      .locator('.ant-form-item:focus-within > .ant-row > .ant-form-item-label', { hasText: label })
      .first()
      .waitFor();
  const focusedIs = (page: Page, attribute: string, value: string) =>
    page.locator(`[${attribute}="${value}"]:focus`).waitFor();

  test('RUN-1/RUN-2: a walk-in application registered and accepted with the keyboard alone', async () => {
    const { page, errors } = await newPage();
    // Sign in by keyboard too.
    await page.goto(`${base()}/login`, { waitUntil: 'networkidle' });
    await page.getByPlaceholder('用户名').focus();
    await page.keyboard.type('aj.officer');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('user-menu').waitFor();
    await page.goto(`${base()}/work/register`, { waitUntil: 'networkidle' });

    // 1 事项: the search box has the focus; pinyin initials find 危险化学品经营许可证核发.
    await focusIn(page, '办理事项');
    await page.keyboard.type('wxhxp');
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: '危险化学品经营许可证核发' })
      .waitFor();
    expect(await page.locator('.ant-select-item-option').count()).toBe(1);
    await screenshot(page, 'intake-1-item-by-initials');
    await page.keyboard.press('Enter');
    await tabTo(page, /^BUTTON\|\|下一步/);
    await page.keyboard.press('Enter');

    // 2 申请人: focus on the first field; a wrong check digit is named on screen.
    await focusIn(page, '申请人类型');
    const id = residentId('330303', '19850315', '123');
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('王小明');
    await tabToField(page, '证件号码');
    await page.keyboard.type(wrong);
    await page.keyboard.press('Tab');
    await page.getByText('公民身份号码校验位不正确').waitFor();
    await screenshot(page, 'intake-2-applicant-check-digit');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(id);
    await tabToField(page, '联系电话');
    await page.keyboard.type('13857712345');
    await page.keyboard.press('Enter');

    // 3 申请表: rendered from the item's form, filled in from the applicant where it can be.
    await page.getByText('申请事项说明').waitFor();
    await page.locator('form:focus-within').waitFor();
    await screenshot(page, 'intake-3-application-form');
    await tabToField(page, '申请事项说明');
    await page.keyboard.type('新开设危险化学品经营门店');
    await tabTo(page, /^BUTTON\|\|下一步/);
    await page.keyboard.press('Enter');

    // 4 材料核对: the first tick box has the focus; Space ticks both materials.
    await page.getByTestId('intake-materials').waitFor();
    await focusedIs(page, 'aria-label', '已收取申请书');
    await page.keyboard.press('Space');
    await tabTo(page, /已收取安全评价报告/);
    await page.keyboard.press('Space');
    await screenshot(page, 'intake-4-materials');
    await tabTo(page, /^BUTTON\|\|下一步/);
    await page.keyboard.press('Enter');

    // 5 受理: materials complete, 受理 chosen; an opinion, then 登记并受理.
    await page.getByText('材料齐全').waitFor();
    await tabToField(page, '受理意见');
    await page.keyboard.type('材料齐全，予以受理');
    await screenshot(page, 'intake-5-decision');
    await tabTo(page, /登记并受理/);
    await page.keyboard.press('Enter');

    const caseNo = page.getByTestId('intake-case-no');
    await caseNo.waitFor();
    expect(await caseNo.innerText()).toMatch(/^33030300AJ-20260907-\d{6}$/);
    // The link to the case has the focus: Enter opens the case.
    await focusedIs(page, 'data-testid', 'intake-case-link');
    await screenshot(page, 'intake-6-accepted');
    await page.keyboard.press('Enter');
    await status(page, '办理中');
    const trail = page.getByTestId('trail');
    await trail.getByText('收取材料：申请书原件1份、安全评价报告原件1份').first().waitFor();
    expect(unexpected(errors)).toEqual([]);
  });

  test('RUN-1: 预审 returns an online application with reasons, then passes it', async () => {
    const citizen = await applicantClient(
      world.server,
      '黄志远',
      residentId('330303', '19900101', '235'),
    );
    const applied = await citizen.post('/api/applicant/cases', {
      itemId,
      data: FORM_DATA,
      materials: ALL_MATERIALS,
    });
    expect(applied.status).toBe(201);
    const caseId = applied.body.id as string;

    const { page, errors } = await newPage();
    await page.goto(`${base()}/login`, { waitUntil: 'networkidle' });
    await page.getByPlaceholder('用户名').fill('aj.officer');
    await page.getByPlaceholder('密码').fill(DEMO_PASSWORD);
    await page.getByPlaceholder('密码').press('Enter');
    await page.getByTestId('user-menu').waitFor();
    await page.goto(`${base()}/work?queue=preReview`, { waitUntil: 'networkidle' });
    const row = page.getByTestId('queue-preReview').locator('.ant-table-row').first();
    await row.waitFor();
    await row.click();
    await page.waitForURL(new RegExp(`/cases/${caseId}$`));
    await status(page, '待预审');

    const actions = page.getByTestId('case-actions');
    await button(actions, '预审退回').click();
    const dialog = page.getByRole('dialog');
    await button(dialog, '确定').click();
    await dialog.getByText('请填写退回理由（每行一条）').waitFor();
    await dialog
      .getByLabel('退回理由（每行一条）')
      .fill('请补充经营场所地址\n请上传安全评价报告扫描件');
    await screenshot(page, 'prereview-return');
    await button(dialog, '确定').click();
    await status(page, '预审退回');
    await page
      .getByTestId('trail')
      .getByText('预审退回：请补充经营场所地址；请上传安全评价报告扫描件')
      .first()
      .waitFor();

    const again = await citizen.post(`/api/applicant/cases/${caseId}/commands`, {
      type: 'submitApplication',
      data: { ...FORM_DATA, address: '龙湾区永中街道永宁西路 1 号' },
    });
    expect(again.status).toBe(200);
    await page.reload({ waitUntil: 'networkidle' });
    await status(page, '待预审');
    await button(actions, '预审通过').click();
    await dialog.getByLabel('预审意见').fill('材料齐全，转受理');
    await button(dialog, '确定').click();
    await status(page, '待受理');
    expect(unexpected(errors)).toEqual([]);
  });

  test('RUN-4: 加签 a colleague of the post, 撤回 at the applicant’s request, 终止 by an administrator', async () => {
    const officerApi = cases.as['aj.officer']!;
    const admin = cases.as.admin!;
    // A second 执法人员 to sign with.
    const office = await world.server.models.units
      .findOne({ name: '执法监察科', departmentId: cases.ids.aj })
      .lean()
      .orFail();
    const colleague = await admin.post('/api/users', {
      username: 'aj.zhao',
      staffNo: 'AJ0099',
      name: '赵强',
      unitId: String(office._id),
      postIds: [cases.ids.officerPost],
      roles: ['frontline'],
      password: DEMO_PASSWORD,
    });
    expect(colleague.status).toBe(201);

    const start = async () => {
      const res = await officerApi.post('/api/cases', {
        itemId,
        applicant: COMPANY,
        data: FORM_DATA,
        materials: ALL_MATERIALS,
      });
      expect(res.status).toBe(201);
      const id = res.body.id as string;
      const accepted = await officerApi.post(`/api/cases/${id}/commands`, { type: 'accept' });
      expect(accepted.status).toBe(200);
      return id;
    };
    const first = await start();
    const second = await start();
    const detail = (await officerApi.get(`/api/cases/${first}`)).body as {
      version: number;
      state: { workItems: { id: string; nodeId: string; status: string }[] };
    };
    const review = detail.state.workItems.find((w) => w.nodeId === 'Task_review')!;
    expect(
      (
        await officerApi.post(`/api/cases/${first}/commands`, {
          type: 'claim',
          workItemId: review.id,
        })
      ).status,
    ).toBe(200);

    const { page, errors } = await newPage();
    await page.goto(`${base()}/login`, { waitUntil: 'networkidle' });
    await page.getByPlaceholder('用户名').fill('aj.officer');
    await page.getByPlaceholder('密码').fill(DEMO_PASSWORD);
    await page.getByPlaceholder('密码').press('Enter');
    await page.getByTestId('user-menu').waitFor();
    await page.goto(`${base()}/cases/${first}`, { waitUntil: 'networkidle' });
    await status(page, '办理中');
    // 终止 is the administrator's: the window does not see it.
    await page.getByTestId('case-actions').getByRole('button').first().waitFor();
    expect(await button(page.getByTestId('case-actions'), '终止').count()).toBe(0);

    const handle = page.getByTestId('handle-Task_review');
    await button(handle, '加签').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: '加签人' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '赵强' }).click();
    await dialog.getByLabel('加签说明').fill('请协助核查储存设施');
    await screenshot(page, 'add-signer');
    await button(dialog, '加签').click();
    await page
      .getByTestId('trail')
      .getByText('前加签：赵强（请协助核查储存设施）')
      .first()
      .waitFor();

    await button(page.getByTestId('case-actions'), '撤回').click();
    await button(dialog, '撤回').click();
    await dialog.getByText('请填写申请人提出撤回的方式').waitFor();
    await dialog.getByLabel('申请人提出撤回的方式').fill('书面申请');
    await dialog.getByLabel('撤回原因（申请人所述）').fill('经营场所搬迁');
    await screenshot(page, 'withdraw-dialog');
    await button(dialog, '撤回').click();
    await status(page, '已撤回');
    await page
      .getByTestId('trail')
      .getByText('应申请人请求撤回（书面申请）：经营场所搬迁')
      .first()
      .waitFor();
    expect(unexpected(errors)).toEqual([]);

    // 终止 by an administrator, confirmed.
    const adminPage = await newPage();
    const p2 = adminPage.page;
    await p2.goto(`${base()}/login`, { waitUntil: 'networkidle' });
    await p2.getByPlaceholder('用户名').fill('admin');
    await p2.getByPlaceholder('密码').fill(DEMO_PASSWORD);
    await p2.getByPlaceholder('密码').press('Enter');
    await p2.getByTestId('user-menu').waitFor();
    await p2.goto(`${base()}/cases/${second}`, { waitUntil: 'networkidle' });
    await status(p2, '办理中');
    await button(p2.getByTestId('case-actions'), '终止').click();
    const d2 = p2.getByRole('dialog');
    await d2.getByLabel('终止理由').fill('申请单位已注销');
    await button(d2, '终止').click();
    await d2.getByText('请确认终止后不能恢复').waitFor();
    await d2.getByText('我已核实').click();
    await screenshot(p2, 'terminate-dialog');
    await button(d2, '终止').click();
    await status(p2, '已终止');
    expect(unexpected(adminPage.errors)).toEqual([]);
  });
});
