import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../seeds/demo-county';
import { screenshot } from './support/browser';
import { catalogIds, completeItem, designItem, submitted } from '../integration/catalog/fixtures';
import { signedIn } from '../support/client';
import { useStudioWorld } from './support/world';
import { httpError, signInToStudio } from './support/studio';

// Issue 4 in the studio: a clerk drafts an item until it is complete, a reviewer comments and
// returns it, the clerk sees the comment beside the field and fixes it, the reviewer approves and
// the code is assigned; a change then shows in the version diff (CAT-1, CAT-4..CAT-8).
describe('item catalog screens of the studio in a real browser', () => {
  const world = useStudioWorld();
  const newPage = () => world.newPage({ width: 1440, height: 900 });
  const anonymousCheck = httpError(401, 'Unauthorized', '/api/auth/me');
  const unexpected = (errors: string[]) => errors.filter((e) => e !== anonymousCheck);
  const button = (page: Page | Locator, name: string) =>
    page.getByRole('button', { name: new RegExp(`(^|\\s)${[...name].join('\\s*')}$`) });

  async function pick(page: Page, label: string, option: string) {
    await page.getByLabel(label, { exact: true }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
  }

  test('draft, complete, submit, comment and return, fix, approve with a code, diff a change', async () => {
    const clerk = await newPage();
    const page = clerk.page;
    await signInToStudio(page, world.server.baseUrl, 'aj.clerk', DEMO_PASSWORD);
    await page.locator('.ant-pro-sider').getByText('事项目录').click();
    await page.waitForURL(/\/catalog$/);
    await page.locator('.ant-empty-description').getByText('暂无数据').waitFor();
    await button(page, '新增事项').click();
    await page.waitForURL(/\/catalog\/new$/);

    // A draft with a name only: saved, and the completeness panel lists what is missing.
    await page.getByLabel('事项名称').fill('危险化学品经营许可证核发');
    await button(page, '保存').click();
    await page.waitForURL(/\/catalog\/[0-9a-f]{24}$/);
    const itemPath = new URL(page.url()).pathname;
    const itemId = itemPath.split('/').pop()!;
    const panel = page.getByTestId('completeness');
    await panel.getByTestId('problem').first().waitFor();
    const problems = await panel.innerText();
    expect(problems).toContain('承诺期限：请填写承诺期限');
    expect(problems).toContain('监督电话：请填写监督电话');
    expect(problems).toContain('行使依据：请至少填写一条行使依据');

    // Clicking a problem brings its field into view, highlighted.
    await panel.getByTestId('problem').filter({ hasText: '联系电话' }).click();
    await page.locator('[data-field="phone"][data-highlighted="true"]').waitFor();

    // Submitting now is refused with the server's list of problems.
    await button(page, '提交审核').click();
    await page.getByTestId('submit-refused').waitFor();
    expect(await page.getByTestId('submit-refused').innerText()).toContain('请选择具体办理科室');
    await screenshot(page, 'catalog-editor-problems');

    // Fill table A1 until the check passes.
    await page.getByRole('button', { name: '添加依据' }).click();
    await page.getByLabel('法律法规名称').fill('《危险化学品安全管理条例》');
    await page.getByLabel('具体条款').fill('第三十三条');
    await page
      .getByLabel('条款内容')
      .fill(
        '国家对危险化学品经营（包括仓储经营）实行许可制度。未经许可，任何单位和个人不得经营危险化学品。',
      );
    await page
      .getByLabel('受理条件')
      .fill('有符合国家标准、行业标准的经营场所，储存设施符合要求。');
    await page.getByRole('button', { name: '添加材料' }).click();
    await page.getByLabel('材料名称').fill('危险化学品经营许可证申请表');
    await page.getByLabel('法定期限', { exact: true }).fill('30');
    await page.getByLabel('承诺期限', { exact: true }).fill('20');
    await pick(page, '办理科室', '综合科');
    await page.getByLabel('办理地点').fill('龙湾区行政审批服务中心二楼 12 号窗口');
    await page.getByLabel('联系电话').fill('0577-86900001');
    await page.getByLabel('监督电话').fill('0577-86900002');
    // Flowchart and form have their own designers and browser tests; here they come by the API.
    const api = await signedIn(world.server, 'aj.clerk', DEMO_PASSWORD);
    await designItem(world.server, api, itemId);
    await button(page, '保存').click();
    await panel.getByTestId('complete').waitFor();
    await screenshot(page, 'catalog-editor-complete');

    await button(page, '提交审核').click();
    await page.getByTestId('item-status').filter({ hasText: '待审核' }).waitFor();

    // The reviewer comments on 承诺期限 and returns the item.
    const reviewer = await newPage();
    const review = reviewer.page;
    await signInToStudio(review, world.server.baseUrl, 'reviewer', DEMO_PASSWORD);
    await review.goto(`${world.server.baseUrl}/catalog`, { waitUntil: 'networkidle' });
    const row = review.locator('.ant-table-row').filter({ hasText: '危险化学品经营许可证核发' });
    await row.getByText('待审核').waitFor();
    expect(await row.innerText()).toContain('安全生产监督管理局');
    await screenshot(review, 'catalog-list-reviewer');
    await row.getByRole('link', { name: '审核' }).click();
    await review.waitForURL(new RegExp(`/catalog/${itemId}/review$`));
    await review.getByTestId('comment-promisedLimit').click();
    const dialog = review.getByRole('dialog');
    await dialog
      .getByLabel('审核意见')
      .fill('承诺期限应压缩至法定期限的一半以内，请改为 10 个工作日以内。');
    await button(dialog, '批注').click();
    await dialog.waitFor({ state: 'detached' });
    await review.getByTestId('comments-promisedLimit').waitFor();
    await button(review, '退回').click();
    await dialog.getByLabel('退回理由').fill('承诺期限过长，详见批注。');
    await dialog.getByRole('button', { name: /退\s*回/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await review.getByTestId('item-status').filter({ hasText: '已退回' }).waitFor();
    await screenshot(review, 'catalog-review-returned');

    // The clerk sees the reason on top and the comment right beside 承诺期限, and fixes it.
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.getByTestId('return-reason').innerText()).toContain('承诺期限过长');
    const beside = page
      .locator('[data-field="promisedLimit"]')
      .getByTestId('comments-promisedLimit');
    expect(await beside.innerText()).toContain('请改为 10 个工作日以内');
    expect(await beside.innerText()).toContain('林晓燕');
    await screenshot(page, 'catalog-editor-comment');
    await page.getByLabel('承诺期限', { exact: true }).fill('8');
    await button(page, '提交审核').click();
    await page.getByTestId('item-status').filter({ hasText: '待审核' }).waitFor();

    // The reviewer approves: the code is assigned by the serial rule.
    await review.reload({ waitUntil: 'networkidle' });
    await review.getByText('8 个工作日').waitFor();
    await button(review, '审核通过').click();
    await button(review, '确定').click();
    const code = review.getByTestId('assigned-code');
    await code.waitFor();
    expect((await code.innerText()).trim()).toBe('33030300AJ-XK-0001');
    await screenshot(review, 'catalog-approved');

    // The clerk opens a change: a new draft on the approved item, then a new phone number.
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.getByTestId('item-code').innerText()).toBe('33030300AJ-XK-0001');
    await button(page, '变更').click();
    await page.getByRole('dialog').getByLabel('变更原因').fill('办理窗口电话调整');
    await button(page.getByRole('dialog'), '开始变更').click();
    await page.getByTestId('item-status').filter({ hasText: '草稿' }).waitFor();
    await page.getByLabel('联系电话').fill('0577-86900009');
    await button(page, '保存').click();
    await page.getByText('已保存').waitFor();

    // Someone saves the same draft in another tab: this tab's save is refused as a conflict.
    const other = await page.context().newPage();
    await other.goto(`${world.server.baseUrl}${itemPath}`, { waitUntil: 'networkidle' });
    await other.getByLabel('办理地点').fill('龙湾区行政审批服务中心三楼 3 号窗口');
    await button(other, '保存').click();
    await other.getByText('已保存').waitFor();
    await other.close();
    await page.getByLabel('监督电话').fill('12345');
    await button(page, '保存').click();
    const conflict = page.getByTestId('save-error');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain('保存冲突');
    await screenshot(page, 'catalog-editor-conflict');
    await button(conflict, '刷新').click();
    await conflict.waitFor({ state: 'detached' });
    // The reload brings the other tab's address into the form.
    const address = page.getByLabel('办理地点');
    const theirs = '龙湾区行政审批服务中心三楼 3 号窗口';
    for (let i = 0; i < 50 && (await address.inputValue()) !== theirs; i++) {
      await page.waitForTimeout(100);
    }
    expect(await address.inputValue()).toBe(theirs);

    // Version 1 against the draft: phone and address changed, labelled in Chinese.
    await button(page, '版本历史').click();
    await page.waitForURL(new RegExp(`/catalog/${itemId}/versions$`));
    const diff = page.getByTestId('diff');
    const changed = diff.locator('.ant-table-row').filter({ hasText: '联系电话' });
    await changed.waitFor();
    const text = await changed.innerText();
    expect(text).toContain('修改');
    expect(text).toContain('0577-86900001');
    expect(text).toContain('0577-86900009');
    expect(await diff.locator('.ant-table-row').count()).toBe(2);
    expect(await diff.innerText()).toContain('办理地点');
    // The table dims while a reload runs and fades back in over 0.3 s; picture it settled.
    await diff.locator('.ant-spin-blur').waitFor({ state: 'detached' });
    await page.waitForTimeout(500);
    await screenshot(page, 'catalog-versions-diff');

    // The list shows the item with its code, version and state for the clerk.
    await page.goto(`${world.server.baseUrl}/catalog`, { waitUntil: 'networkidle' });
    const mine = page.locator('.ant-table-row').filter({ hasText: '33030300AJ-XK-0001' });
    await mine.waitFor();
    expect(await mine.innerText()).toMatch(/行政许可[\s\S]*草稿[\s\S]*变更[\s\S]*第 1 版/);
    await screenshot(page, 'catalog-list-clerk');

    expect(unexpected(clerk.errors)).toEqual([
      httpError(400, 'Bad Request', `/api/items/${itemId}/submit`),
      httpError(409, 'Conflict', `/api/items/${itemId}`),
    ]);
    expect(unexpected(reviewer.errors)).toEqual([]);
  }, 180_000);

  test('OPS-5: a reviewer approves an item for trial, then moves it to formal operation', async () => {
    const api = await signedIn(world.server, 'aj.clerk', DEMO_PASSWORD);
    const ids = await catalogIds(world.server.models);
    const { id } = await submitted(
      world.server,
      api,
      completeItem(ids, { name: '危险化学品经营许可（试运行）' }),
    );
    const reviewer = await newPage();
    const review = reviewer.page;
    await signInToStudio(review, world.server.baseUrl, 'reviewer', DEMO_PASSWORD);
    await review.goto(`${world.server.baseUrl}/catalog/${id}/review`, { waitUntil: 'networkidle' });
    await button(review, '批准试运行').click();
    await button(review, '确定').click();
    await review.getByTestId('assigned-code').waitFor();
    await review.reload({ waitUntil: 'networkidle' });
    const tag = review.getByTestId('item-trial');
    await tag.waitFor();
    expect(await tag.innerText()).toContain('试运行');
    await screenshot(review, 'catalog-trial');
    await button(review, '转入正式运行').click();
    await button(review, '确定').click();
    await review.getByText('已转入正式运行').waitFor();
    await tag.waitFor({ state: 'detached' });
    expect(unexpected(reviewer.errors)).toEqual([]);
  }, 120_000);
});
