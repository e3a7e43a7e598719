import type { Locator, Page } from 'playwright-core';
import { creditCodeCheckCharacter } from '../../runtime/personal-data/credit-code';
import { DEMO_PASSWORD } from '../../seeds/demo-county';
import { seedDemoSupervision } from '../../seeds/demo-supervision';
import { residentId } from '../integration/cases/world';
import { screenshot } from './support/browser';
import { httpError, signInToStudio } from './support/studio';
import { useStudioWorld } from './support/world';

// SUP-5, SUP-4, PROC-6 on screen: a 督办 and a complaint each run through every step of their
// configured flowcharts — registered at the window with the unit they are about, reviewed, signed
// and answered by that unit's 科长, sent back once, answered again and closed.
describe('督办 and complaints in a real browser', () => {
  const world = useStudioWorld();
  const JW_CODE = (() => {
    const first = '11330303MB0000001';
    return first + creditCodeCheckCharacter(first);
  })();

  beforeAll(async () => {
    await seedDemoSupervision(world.server.baseUrl, () => undefined);
    // November 2026: limits end within the years the official calendar covers.
    let at = new Date('2026-11-02T01:00:00Z').getTime();
    world.server.cases.executor.clock = () => new Date((at += 10 * 60_000));
  }, 120_000);

  const anonymousCheck = httpError(401, 'Unauthorized', '/api/auth/me');
  const unexpected = (errors: string[]) => errors.filter((e) => e !== anonymousCheck);
  const base = () => world.server.baseUrl;
  const button = (scope: Page | Locator, name: string) =>
    scope.getByRole('button', { name: new RegExp(`(^|\\s)${[...name].join('\\s*')}$`) });
  const status = (page: Page, text: string) =>
    page.getByTestId('case-status').filter({ hasText: text }).waitFor();

  async function signedIn(username: string) {
    const { page, errors } = await world.newPage({ width: 1440, height: 1000 });
    await signInToStudio(page, base(), username, DEMO_PASSWORD);
    return { page, errors };
  }

  /** 窗口登记 of an internal process: item, applicant, form, no materials, unit, 受理. */
  async function register(
    page: Page,
    item: string,
    applicant: { type: 'person' | 'organisation'; name: string; id: string },
    fill: (form: Locator) => Promise<void>,
    start?: string,
  ): Promise<string> {
    if (start) {
      // From the records page: the process is chosen already.
      await page.goto(`${base()}/supervision/orders`, { waitUntil: 'networkidle' });
      await page.getByRole('button', { name: `${start}：${item}` }).click();
      await page.waitForURL(/\/work\/register\?item=/);
      await page.getByTestId('intake-item').getByText(item).waitFor();
    } else {
      await page.goto(`${base()}/work/register`, { waitUntil: 'networkidle' });
      await page.getByTestId('intake-item').click();
      await page.keyboard.type(item);
      await page.locator('.ant-select-item-option').filter({ hasText: item }).click();
    }
    await button(page, '下一步').click();
    if (applicant.type === 'organisation')
      await page.getByText('法人或其他组织', { exact: true }).click();
    await page
      .getByLabel(applicant.type === 'person' ? '申请人姓名' : '单位名称')
      .fill(applicant.name);
    await page
      .getByLabel(applicant.type === 'person' ? '证件号码' : '统一社会信用代码')
      .fill(applicant.id);
    await button(page, '下一步').click();
    const form = page.locator('form').filter({ has: page.locator('.ant-formily-item') });
    await form.first().waitFor();
    await fill(form.first());
    await button(page, '下一步').click();
    await page.getByTestId('intake-materials').waitFor();
    await button(page, '下一步').click();
    await page.getByLabel('被督办（被投诉）单位').click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: '龙湾区安全生产监督管理局' })
      .click();
    await screenshot(page, `internal-register-${item}`);
    await button(page, '登记并受理').click();
    await page.getByTestId('intake-case-no').waitFor();
    await page.getByTestId('intake-case-link').click();
    await page.waitForURL(/\/cases\/[0-9a-f]{24}$/);
    return page.url().split('/').at(-1)!;
  }

  /** Opens the case and claims the step; answers its panel. */
  async function claimed(page: Page, caseId: string, step: string, nodeId: string) {
    await page.goto(`${base()}/cases/${caseId}`, { waitUntil: 'networkidle' });
    const panel = page.getByTestId(`handle-${nodeId}`);
    const row = page.getByTestId('work-items').locator('.ant-table-row').filter({ hasText: step });
    // Re-opened after a send-back, a step may come back already claimed by its former handler;
    // the step's earlier, returned row stays in the list without a button.
    const claim = button(row, '签收');
    await panel.or(claim).first().waitFor();
    if (!(await panel.isVisible())) await claim.click();
    await panel.waitFor();
    return panel;
  }

  /** Opens the case, claims the step and submits it with `opinion`, after `fill`. */
  async function handle(
    page: Page,
    caseId: string,
    step: string,
    nodeId: string,
    opinion: string,
    fill: (panel: Locator) => Promise<void> = async () => undefined,
    submit = '提交',
  ) {
    const panel = await claimed(page, caseId, step, nodeId);
    await fill(panel);
    await panel.getByLabel('办理意见').fill(opinion);
    await button(panel, submit).click();
    // Gone when done; an error the server or the form gives fails the test with its words.
    const problem = panel.getByTestId('handle-error');
    await Promise.race([
      panel.waitFor({ state: 'detached' }),
      problem.waitFor().then(
        async () => {
          throw new Error(`「${step}」未能提交：${await problem.innerText()}`);
        },
        // No error shown before the wait ends: the panel's detaching decides.
        () => undefined,
      ),
    ]);
  }

  const field = (panel: Locator, label: string) =>
    panel.locator('.ant-formily-item').filter({ hasText: label });

  /** 退回 from the step to the one before, with a reason. */
  async function sendBack(page: Page, caseId: string, step: string, nodeId: string, to: string) {
    await claimed(page, caseId, step, nodeId);
    await button(page.getByTestId('work-items'), '退回').first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(to).first().waitFor();
    await dialog.getByLabel('退回理由').fill('整改（处理）情况不完整，请补充后重新报送');
    await button(dialog, '退回').click();
    await dialog.waitFor({ state: 'detached' });
  }

  test('SUP-5: a 督办 from 立项 to 审结, sent back once to the department', async () => {
    const supervisor = await signedIn('supervisor');
    const caseId = await register(
      supervisor.page,
      '行政效能督办',
      { type: 'organisation', name: '龙湾区纪委监委效能监察室', id: JW_CODE },
      async (form) => {
        await form
          .locator('.ant-formily-item')
          .filter({ hasText: '督办来源' })
          .locator('.ant-select')
          .click();
        await supervisor.page
          .locator('.ant-select-item-option')
          .filter({ hasText: '监察预警' })
          .click();
        await form
          .locator('.ant-formily-item')
          .filter({ hasText: '督办事由' })
          .locator('textarea')
          .fill('危险化学品经营许可证核发承诺时限超期 10 个工作日');
        await form
          .locator('.ant-formily-item')
          .filter({ hasText: '督办要求' })
          .locator('textarea')
          .fill('5 个工作日内办结并书面说明超期原因');
      },
      '发起督办',
    );
    await status(supervisor.page, '办理中');

    const reviewer = await signedIn('supervisor2');
    await handle(reviewer.page, caseId, '审核', 'Task_review', '同意督办');

    const chief = await signedIn('aj.chief');
    await handle(chief.page, caseId, '签收', 'Task_sign', '已签收，立即整改');
    await handle(chief.page, caseId, '整改反馈', 'Task_answer', '已整改', async (panel) => {
      // Only 整改情况 is the department's to write on the 督办单.
      expect(await panel.locator('.ant-formily-item textarea:enabled').count()).toBe(1);
      await field(panel, '整改情况').locator('textarea').fill('已于当日办结');
    });

    await sendBack(supervisor.page, caseId, '审结', 'Task_close', '整改反馈');
    await handle(chief.page, caseId, '整改反馈', 'Task_answer', '已补充', async (panel) => {
      await field(panel, '整改情况')
        .locator('textarea')
        .fill('已办结；建立现场核查预约制度，超期前 2 日预警');
    });
    await handle(
      supervisor.page,
      caseId,
      '审结',
      'Task_close',
      '整改到位',
      async (panel) => {
        await field(panel, '审结意见').locator('textarea').fill('整改到位，同意审结');
        await panel.getByLabel('办结意见', { exact: true }).fill('督办事项已整改到位');
      },
      '办结',
    );
    await status(supervisor.page, '已办结');
    const trail = supervisor.page.getByTestId('trail');
    await trail.getByText('整改（处理）情况不完整').first().waitFor();
    await screenshot(supervisor.page, 'supervision-order-concluded');
    // SUP-8: the record, with the unit supervised, who watched it and how it ended.
    await supervisor.page.goto(`${base()}/supervision/orders`, { waitUntil: 'networkidle' });
    const record = supervisor.page.getByTestId('orders-table').locator('.ant-table-row').first();
    await record.getByText('已办结').waitFor();
    expect(await record.innerText()).toMatch(
      /龙湾区纪委监委[\s\S]*龙湾区安全生产监督管理局[\s\S]*黄志强/,
    );
    await screenshot(supervisor.page, 'supervision-order-records');
    for (const p of [supervisor, reviewer, chief]) expect(unexpected(p.errors)).toEqual([]);
  }, 180_000);

  test('SUP-4: a complaint by phone from 登记 to 答复回访, sent back once to the department', async () => {
    const supervisor = await signedIn('supervisor');
    const caseId = await register(
      supervisor.page,
      '机关效能投诉处理',
      { type: 'person', name: '王小明', id: residentId('330303', '19800101', '123') },
      async (form) => {
        await form
          .locator('.ant-formily-item')
          .filter({ hasText: '投诉方式' })
          .locator('.ant-select')
          .click();
        await supervisor.page
          .locator('.ant-select-item-option')
          .filter({ hasText: '电话' })
          .click();
        await form
          .locator('.ant-formily-item')
          .filter({ hasText: '投诉内容' })
          .locator('textarea')
          .fill('窗口工作人员推诿，材料齐全却不予受理');
      },
    );
    const chief = await signedIn('aj.chief');
    await handle(chief.page, caseId, '转办签收', 'Task_sign', '已签收');
    await handle(chief.page, caseId, '调查处理', 'Task_handle', '已调查', async (panel) => {
      await field(panel, '调查处理情况').locator('textarea').fill('经调查属实，已批评教育');
    });
    await sendBack(supervisor.page, caseId, '答复回访', 'Task_reply', '调查处理');
    await handle(chief.page, caseId, '调查处理', 'Task_handle', '已补充', async (panel) => {
      await field(panel, '调查处理情况')
        .locator('textarea')
        .fill('经调查属实，已批评教育，当日为投诉人办理受理');
    });
    await handle(
      supervisor.page,
      caseId,
      '答复回访',
      'Task_reply',
      '已电话回访',
      async (panel) => {
        await field(panel, '回访满意度').locator('.ant-select').click();
        await supervisor.page
          .locator('.ant-select-item-option')
          .filter({ hasText: /^满意$/ })
          .click();
        await panel.getByLabel('办结意见', { exact: true }).fill('投诉属实，已处理并答复投诉人');
      },
      '办结',
    );
    await status(supervisor.page, '已办结');
    await screenshot(supervisor.page, 'complaint-concluded');
    for (const p of [supervisor, chief]) expect(unexpected(p.errors)).toEqual([]);
  }, 180_000);

  test('SUP-5: a 督办 started from an alert comes with its 督办单 and the unit filled in', async () => {
    const { server } = world;
    const county = String(
      (await server.models.units.findOne({ kind: 'county' }).lean().orFail())._id,
    );
    const aj = String(
      (await server.models.units.findOne({ name: '龙湾区安全生产监督管理局' }).lean().orFail())._id,
    );
    await server.supervision.alerts.raise({
      _id: 'browser-alert-order',
      countyId: county,
      caseId: 'c'.repeat(24),
      caseNo: '33030300AJ-20261101-000007',
      caseName: '危险化学品经营许可证核发（瓯江化工有限公司）',
      itemId: 'd'.repeat(24),
      itemCode: '33030300AJ-XK-0001',
      itemName: '危险化学品经营许可证核发',
      departmentId: aj,
      departmentName: '龙湾区安全生产监督管理局',
      userIds: [],
      userNames: [],
      ruleId: 'rule',
      ruleVersion: 1,
      ruleName: '办理时效',
      ruleKind: 'timeliness',
      level: 'red',
      detail: '承诺办结时限已超期（2个工作日）',
      raisedAt: new Date().toISOString(),
    });
    const supervisor = await signedIn('supervisor');
    const page = supervisor.page;
    await page.goto(`${base()}/supervision/alerts`, { waitUntil: 'networkidle' });
    const row = page
      .getByTestId('alert-table')
      .locator('.ant-table-row')
      .filter({ hasText: '33030300AJ-20261101-000007' });
    await row.getByRole('link', { name: '发起督办' }).click();
    await page.waitForURL(/\/work\/register\?/);
    await page.getByTestId('intake-item').getByText('行政效能督办').waitFor();
    await button(page, '下一步').click();
    await page.getByText('法人或其他组织', { exact: true }).click();
    await page.getByLabel('单位名称').fill('龙湾区纪委监委效能监察室');
    await page.getByLabel('统一社会信用代码').fill(JW_CODE);
    await button(page, '下一步').click();
    const form = page
      .locator('form')
      .filter({ has: page.locator('.ant-formily-item') })
      .first();
    const value = (label: string) =>
      form
        .locator('.ant-formily-item')
        .filter({ hasText: label })
        .locator('input, textarea')
        .first();
    await value('关联办件编号').waitFor();
    expect(await value('关联办件编号').inputValue()).toBe('33030300AJ-20261101-000007');
    expect(await value('督办事由').inputValue()).toBe('办理时效：承诺办结时限已超期（2个工作日）');
    await form
      .locator('.ant-formily-item')
      .filter({ hasText: '督办要求' })
      .locator('textarea')
      .fill('3 个工作日内办结');
    await screenshot(page, 'supervision-order-from-alert');
    await button(page, '下一步').click();
    await page.getByTestId('intake-materials').waitFor();
    await button(page, '下一步').click();
    // The unit the alert was about is chosen already.
    await page
      .locator('.ant-form-item')
      .filter({ hasText: '被督办（被投诉）单位' })
      .getByText('龙湾区安全生产监督管理局')
      .waitFor();
    await button(page, '登记并受理').click();
    await page.getByTestId('intake-case-no').waitFor();
    expect(unexpected(supervisor.errors)).toEqual([]);
  }, 120_000);
});
