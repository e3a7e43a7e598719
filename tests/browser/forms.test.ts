import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../seeds/demo-county';
import { catalogIds, completeItem } from '../integration/catalog/fixtures';
import { signedIn } from '../support/client';
import { screenshot } from './support/browser';
import { httpError, signInToStudio } from './support/studio';
import { useStudioWorld } from './support/world';

// Issue 5 in the studio: the form designer (FORM-1) and the server's checks of data (FORM-3).
describe('e-form designer in a real browser', () => {
  const world = useStudioWorld();

  async function pick(page: Page, select: Locator, option: string) {
    await select.click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: option })
      .first()
      .click();
  }

  /** Adds a field from the palette and gives it a title; the designer selects what it adds. */
  async function addField(page: Page, type: string, title: string) {
    await page.getByTestId(`palette-${type}`).click();
    const panel = page.getByTestId('field-panel');
    await panel.getByLabel('标题').fill(title);
    await page.getByTestId('form-canvas').getByText(title, { exact: true }).first().waitFor();
  }

  test('FORM-1 six field types, a conditional field and rules; preview checks; saved; the server refuses what the form forbids (FORM-3)', async () => {
    const api = await signedIn(world.server, 'aj.clerk', DEMO_PASSWORD);
    const item = await api.post('/api/items', completeItem(await catalogIds(world.server.models)));
    expect(item.status).toBe(201);

    const { page, errors } = await world.newPage({ width: 1440, height: 900 });
    await signInToStudio(page, world.server.baseUrl, 'aj.clerk', DEMO_PASSWORD);
    await page.goto(`${world.server.baseUrl}/catalog/${item.body.id}/forms`);
    await page.getByRole('button', { name: /新建表单/ }).click();
    await page.getByLabel('表单名称').last().fill('申请表');
    await page.getByRole('button', { name: /创\s*建/ }).click();
    await page.getByTestId('form-canvas').waitFor();

    await addField(page, 'text', '申请人姓名');
    await page.getByTestId('field-panel').getByLabel('必填').click();
    await addField(page, 'idNumber', '身份证号');
    await page.getByTestId('field-panel').getByLabel('必填').click();
    await addField(page, 'radio', '申请人类型');
    const panel = page.getByTestId('field-panel');
    await panel.getByLabel('选项 1 名称').fill('个人');
    await panel.getByLabel('选项 2 名称').fill('企业');
    await addField(page, 'number', '从业人数');
    await panel.getByLabel('取值范围下限').fill('1');
    await panel.getByLabel('取值范围上限').fill('500');
    await addField(page, 'date', '成立日期');
    await addField(page, 'phone', '联系电话');
    await addField(page, 'text', '企业名称');
    await panel.getByLabel('必填').click();
    await panel.getByLabel('按条件显示').click();
    // Field, operator (等于 by default) and value, each an antd select.
    const condition = panel.getByTestId('visibility-condition');
    await pick(page, condition.locator('.ant-select').nth(0), '申请人类型');
    await pick(page, condition.locator('.ant-select').nth(2), '企业');
    await screenshot(page, 'forms-designer');

    // 预览: required fields and the ID check digit, as the server will check them.
    await page.getByRole('tab', { name: '预览' }).click();
    const preview = page.getByTestId('form-preview');
    await preview.waitFor();
    await preview.getByRole('button', { name: /提交/ }).click();
    await page.getByTestId('preview-problems').waitFor();
    expect(await page.getByTestId('preview-problems').innerText()).toContain('申请人姓名');
    // 企业名称 shows, and is required, only for 企业.
    const companyField = preview.locator('label').filter({ hasText: /^企业名称$/ });
    expect(await companyField.count()).toBe(0);
    await preview.getByText('企业', { exact: true }).click();
    await companyField.waitFor();
    await preview.getByRole('button', { name: /提交/ }).click();
    await page
      .getByTestId('preview-problems')
      .getByText(/企业名称/)
      .waitFor();
    await screenshot(page, 'forms-preview-problems');
    await preview.getByText('个人', { exact: true }).click();
    await companyField.waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: '设计' }).click();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(/已保存（第 1 版）/).waitFor();

    // What was stored, and what the server makes of data the form forbids.
    const forms = (await api.get(`/api/items/${item.body.id}/forms`)).body as {
      key: string;
      schema: { properties: Record<string, { 'x-component': string; 'x-visible-when'?: object }> };
    }[];
    expect(forms.map((f) => f.key)).toEqual(['application']);
    const fields = Object.values(forms[0]!.schema.properties);
    expect(new Set(fields.map((f) => f['x-component']))).toEqual(
      new Set(['Input', 'IdNumber', 'Radio.Group', 'NumberPicker', 'DatePicker', 'Phone']),
    );
    expect(fields.filter((f) => f['x-visible-when'])).toHaveLength(1);
    const keys = Object.keys(forms[0]!.schema.properties);
    const refused = await api.post('/api/forms/validate', {
      schema: forms[0]!.schema,
      values: { [keys[1]!]: '110105194912310021', [keys[3]!]: 9999, bogus: 1 },
    });
    const messages = (refused.body.problems as { message: string }[]).map((p) => p.message);
    expect(messages.join('\n')).toContain('申请人姓名');
    expect(messages.join('\n')).toContain('身份证号');
    expect(messages.join('\n')).toContain('从业人数');
    expect(messages.join('\n')).toContain('bogus');
    // The login page asks who is signed in before anyone is: a 401 by design.
    expect(errors.filter((e) => e !== httpError(401, 'Unauthorized', '/api/auth/me'))).toEqual([]);
  });
});
