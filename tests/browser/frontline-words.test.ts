import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../seeds/demo-county';
import {
  ALL_MATERIALS,
  caseWorld,
  COMPANY,
  FORM_DATA,
  must,
  workItemAt,
  type World,
} from '../integration/cases/world';
import { openGroup, select } from './support/bpmn';
import { screenshot } from './support/browser';
import { templateItem } from './support/cases';
import { signInToStudio } from './support/studio';
import { useStudioWorld } from './support/world';

/**
 * Issue 13 as new users found it: English words in the studio's pages, a case header squeezed to
 * one-character columns by a long 补正 reason, the workbench at 375 px showing only the number,
 * every department's 科长 in the flowchart's post list.
 */
describe('the frontline journeys speak Chinese and fit the screen (issue 13)', () => {
  const world = useStudioWorld();
  let cases: World;
  let itemId: string;
  let caseId: string;
  const LONG =
    '经审查，现场核查发现经营场所平面布置图与实际不符，储存设施安全间距、消防通道宽度、' +
    '应急照明和报警装置的设置情况均未在材料中说明，请补充经注册安全工程师签字的平面布置图、' +
    '安全间距测量记录和消防设施检测报告，并对仓库门口的标识标牌作出书面说明。';

  beforeAll(async () => {
    cases = await caseWorld(world.server, ['aj.clerk', 'reviewer', 'aj.officer', 'aj.chief']);
    itemId = await templateItem(cases);
    const started = await cases.as['aj.officer']!.post('/api/cases', {
      itemId,
      applicant: COMPANY,
      caseName: '瓯江化工有限公司危险化学品经营许可申请',
      data: FORM_DATA,
      materials: ALL_MATERIALS,
    });
    caseId = started.body.id;
    cases.clock.minutes(10);
    await must(cases, 'aj.officer', caseId, { type: 'accept' });
    cases.clock.minutes(10);
    const review = await workItemAt(cases, 'aj.officer', caseId, 'Task_review');
    await must(cases, 'aj.officer', caseId, { type: 'claim', workItemId: review });
    cases.clock.minutes(20);
    await must(cases, 'aj.officer', caseId, {
      type: 'complete',
      workItemId: review,
      outcome: 'approve',
      opinion: '经审查符合条件',
    });
    cases.clock.minutes(20);
    const decide = await workItemAt(cases, 'aj.chief', caseId, 'Task_decide');
    await must(cases, 'aj.chief', caseId, { type: 'claim', workItemId: decide });
    cases.clock.minutes(10);
    await must(cases, 'aj.chief', caseId, {
      type: 'returnTo',
      workItemId: decide,
      toNodeId: 'Task_review',
      reason: '现场核查记录不全',
    });
    cases.clock.minutes(10);
    const again = await workItemAt(cases, 'aj.officer', caseId, 'Task_review');
    await must(cases, 'aj.officer', caseId, {
      type: 'requestCorrection',
      workItemId: again,
      items: [{ name: '补充说明材料', reason: LONG }],
    });
  }, 180_000);

  /** Words of three or more Latin letters in what the page shows, less codes and account names. */
  async function englishOn(page: Page): Promise<string[]> {
    const text = await page.locator('body').innerText();
    const tokens = text.match(/[A-Za-z][A-Za-z0-9_.@-]*/g) ?? [];
    const allowed = [
      // File formats and standards a clerk knows by these names.
      /^(BPMN|PDF|DOCX|OFD|SVG|PNG|XML|JSON|CSV|Word|Excel|IP|ID|SM2|SM3|SM4|SMS|URL)$/,
      /^[a-z]{2}\.[a-z]+$/, // demo usernames such as aj.officer
      /^(admin|reviewer|supervisor)$/,
      /\d/, // item codes and case numbers: 33030300AJ-XK-0001
    ];
    return [
      ...new Set(tokens.filter((w) => /[A-Za-z]{3,}/.test(w) && !allowed.some((re) => re.test(w)))),
    ];
  }

  async function page(username: string, viewport = { width: 1440, height: 900 }) {
    const opened = await world.newPage(viewport);
    await signInToStudio(opened.page, world.server.baseUrl, username, DEMO_PASSWORD);
    return opened.page;
  }

  test('RUN-4 the case page after a long 补正 reason: a compact header, Chinese throughout, the return and its restarted limit in the trail', async () => {
    const p = await page('aj.officer');
    await p.goto(`${world.server.baseUrl}/cases/${caseId}`, { waitUntil: 'networkidle' });
    const header = p.getByTestId('case-header');
    await header.waitFor();
    await p.getByTestId('clock').filter({ hasText: '已暂停' }).waitFor();
    const box = (await header.boundingBox())!;
    // ≈1,900 px when the reason squeezed every column to one character.
    expect(box.height).toBeLessThan(420);
    await p.getByTestId('trail-return-limit').filter({ hasText: '时限重新计算' }).waitFor();
    await screenshot(p, 'frontline-case-long-correction');
    expect(await englishOn(p)).toEqual([]);
  });

  test('RUN-3 the workbench at 375 px shows each case with its name, step and time, in Chinese', async () => {
    const p = await page('aj.officer', { width: 375, height: 800 });
    await p.goto(`${world.server.baseUrl}/work`, { waitUntil: 'networkidle' });
    const compact = p.getByTestId('queue-compact').first();
    await compact.waitFor();
    expect(await compact.innerText()).toContain('瓯江化工有限公司');
    const box = (await compact.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    await screenshot(p, 'frontline-workbench-375');
    expect(await englishOn(p)).toEqual([]);
  });

  test("PROC-2 the flowchart panel offers only the department's posts, once each; versions and the operation log speak Chinese", async () => {
    const p = await page('aj.clerk');
    await p.goto(`${world.server.baseUrl}/catalog/${itemId}/flowchart`, {
      waitUntil: 'networkidle',
    });
    await select(p, 'Task_decide');
    const posts = await openGroup(p, 'county-posts');
    const options = await posts.locator('select').first().locator('option').allInnerTexts();
    const groups = await posts
      .locator('select')
      .first()
      .locator('optgroup')
      .evaluateAll((gs) => gs.map((g) => (g as unknown as { label: string }).label));
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.filter((g) => !g.startsWith('龙湾区安全生产监督管理局'))).toEqual([]);
    // Every department's 科长 were offered, eight of them.
    expect(options.filter((o) => o.startsWith('科长')).length).toBeLessThanOrEqual(groups.length);
    await p.getByText('办理要求').first().waitFor();
    await screenshot(p, 'frontline-flowchart-posts');
    expect(await englishOn(p)).toEqual([]);

    await p.goto(`${world.server.baseUrl}/catalog/${itemId}/versions`, {
      waitUntil: 'networkidle',
    });
    await p.getByText('第 1 版').first().waitFor();
    expect(await englishOn(p)).toEqual([]);

    const admin = await page('admin');
    await admin.goto(`${world.server.baseUrl}/audit/operations`, { waitUntil: 'networkidle' });
    await admin.getByText('办件「').first().waitFor();
    await screenshot(admin, 'frontline-operation-log');
    expect(await englishOn(admin)).toEqual([]);
  });
});
