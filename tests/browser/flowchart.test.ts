import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../seeds/demo-county';
import { applicationForm, catalogIds, completeItem } from '../integration/catalog/fixtures';
import { signedIn } from '../support/client';
import { screenshot } from './support/browser';
import {
  centre,
  connect,
  emptyCanvas,
  openGroup,
  place,
  select,
  selectFlow,
  shape,
  shapeId,
} from './support/bpmn';
import { httpError, signInToStudio } from './support/studio';
import { useStudioWorld } from './support/world';

// Issue 5 in the studio: a clerk draws the 权力运行流程图 from the palette and sets our
// attributes in the panel (PROC-1, PROC-2, PROC-3); the server verifies it (PROC-4).
describe('flowchart designer in a real browser', () => {
  const world = useStudioWorld();
  const debounce = (page: Page) => page.waitForTimeout(600);

  /** Names a post and a limit on the selected step. */
  async function handling(page: Page, post: string, days: string) {
    const posts = await openGroup(page, 'county-posts');
    await posts.locator('.bio-properties-panel-add-entry').click();
    await posts.locator('select').last().selectOption({ label: post });
    const limit = await openGroup(page, 'county-limit');
    await limit.locator('#bio-properties-panel-county-limit-value').fill(days);
    await debounce(page);
  }

  async function nameSelected(page: Page, name: string) {
    const general = await openGroup(page, 'general');
    await general.locator('#bio-properties-panel-name').fill(name);
    await debounce(page);
  }

  test('PROC-1 draw start → 受理 → 审核 → gateway → 决定 → end, set our attributes, save, reload and find them all', async () => {
    const api = await signedIn(world.server, 'aj.clerk', DEMO_PASSWORD);
    const item = await api.post('/api/items', completeItem(await catalogIds(world.server.models)));
    const itemId = item.body.id as string;
    await api.put(`/api/items/${itemId}/forms/application`, {
      name: '申请表',
      schema: applicationForm,
      version: 0,
    });

    const { page, errors } = await world.newPage({ width: 1600, height: 1000 });
    await signInToStudio(page, world.server.baseUrl, 'aj.clerk', DEMO_PASSWORD);
    await page.goto(`${world.server.baseUrl}/catalog/${itemId}/flowchart`);
    await page.getByTestId('new-process').getByRole('button', { name: '空白流程图' }).click();
    await page.locator('.djs-palette').waitFor();

    const start = await shapeId(page, '申请');
    const origin = await centre(shape(page, start));
    const at = (dx: number, dy = 0) => ({ x: origin.x + dx, y: origin.y + dy });
    await place(page, 'create.user-task', at(150), '受理');
    await place(page, 'create.user-task', at(300), '审核');
    await place(page, 'create.exclusive-gateway', at(430), '是否同意');
    await place(page, 'create.user-task', at(560), '决定');
    await place(page, 'create.end-event', at(700), '办结');
    await place(page, 'create.end-event', at(430, 150), '不予批准');
    const ids = {
      accept: await shapeId(page, '受理'),
      review: await shapeId(page, '审核'),
      gateway: await shapeId(page, '是否同意'),
      decide: await shapeId(page, '决定'),
      end: await shapeId(page, '办结'),
      refused: await shapeId(page, '不予批准'),
    };
    await connect(page, start, ids.accept);
    await connect(page, ids.accept, ids.review);
    await connect(page, ids.review, ids.gateway);
    await connect(page, ids.gateway, ids.decide);
    await connect(page, ids.decide, ids.end);
    await connect(page, ids.gateway, ids.refused);
    await screenshot(page, 'flowchart-drawn');

    // The panel: posts and limits on every step, the form with a field permission and a risk
    // point on 受理, FEEL conditions on the gateway's two branches, the application form.
    await select(page, ids.accept);
    await handling(page, '事项管理员', '1');
    const form = await openGroup(page, 'county-form');
    await form.locator('#bio-properties-panel-county-step-form').selectOption('application');
    await form.locator('#bio-properties-panel-county-field-applicantName').selectOption('write');
    const risks = await openGroup(page, 'county-risk-points');
    await risks.locator('.bio-properties-panel-add-entry').click();
    await risks.locator('input').first().fill('受理把关不严');
    await debounce(page);
    await screenshot(page, 'flowchart-panel-accept');
    await select(page, ids.review);
    await handling(page, '事项管理员', '3');
    await select(page, ids.decide);
    await handling(page, '事项管理员', '2');
    await selectFlow(page, ids.gateway, ids.decide);
    const yes = await openGroup(page, 'county-condition');
    await yes.locator('#bio-properties-panel-county-condition').fill('outcome = "approve"');
    await nameSelected(page, '同意');
    await selectFlow(page, ids.gateway, ids.refused);
    const no = await openGroup(page, 'county-condition');
    await no.locator('#bio-properties-panel-county-condition').fill('outcome != "approve"');
    // A branch out of a gateway says what it means on the diagram (the verifier's rule).
    await nameSelected(page, '不同意');
    await emptyCanvas(page);
    const processForm = await openGroup(page, 'county-process-form');
    await processForm.locator('select').selectOption('application');
    await debounce(page);

    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-message').getByText('已保存，校验通过').waitFor();
    await screenshot(page, 'flowchart-saved');

    // Stored as drawn: the server's copy holds every attribute, and a reload shows them.
    const stored = (await api.get(`/api/items/${itemId}/process`)).body;
    expect(stored.verified).toBe(true);
    for (const expected of [
      'county:postRef',
      'limitValue="3"',
      'outcome = "approve"',
      'county:fieldPermission field="applicantName" access="write"',
      'name="受理把关不严"',
      'county:processConfig form="application"',
    ]) {
      expect(stored.xml).toContain(expected);
    }
    await page.reload();
    await page.locator('.djs-palette').waitFor();
    await select(page, ids.accept);
    const reloaded = await openGroup(page, 'county-limit');
    expect(await reloaded.locator('#bio-properties-panel-county-limit-value').inputValue()).toBe(
      '1',
    );
    const reloadedForm = await openGroup(page, 'county-form');
    expect(
      await reloadedForm.locator('#bio-properties-panel-county-field-applicantName').inputValue(),
    ).toBe('write');

    // PROC-4: a step without a limit and a condition naming a field the form lacks are shown on
    // their elements once saved.
    await select(page, ids.review);
    const limit = await openGroup(page, 'county-limit');
    await limit.locator('#bio-properties-panel-county-limit-value').fill('');
    await debounce(page);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page
      .locator('.ant-message')
      .getByText(/已保存为草稿，还有 \d+ 个问题/)
      .waitFor();
    await page.locator(`.djs-element.county-problem[data-element-id="${ids.review}"]`).waitFor();
    const listed = page.locator(
      `[data-testid="problem-list"] .county-problem-item[data-source="server"][data-element-id="${ids.review}"]`,
    );
    expect(await listed.count()).toBeGreaterThan(0);
    await screenshot(page, 'flowchart-problems');
    expect(errors.filter((e) => e !== httpError(401, 'Unauthorized', '/api/auth/me'))).toEqual([]);
  });
});
