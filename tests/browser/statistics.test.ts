import ExcelJS from 'exceljs';
import fs from 'node:fs/promises';
import { caseOfStored } from '../../server/cases/case-model';
import type { StoredEvent } from '../../server/cases/event-model';
import type { Alert } from '../../server/supervision';
import { seedDemoCatalog } from '../../seeds/demo-catalog';
import { seedDemoCases } from '../../seeds/demo-cases';
import { DEMO_PASSWORD } from '../../seeds/demo-county';
import { signedIn } from '../support/client';
import { expectedStatistics, type Figures } from '../support/statistics-oracle';
import { screenshot } from './support/browser';
import { httpError, signInToStudio } from './support/studio';
import { useStudioWorld } from './support/world';

// SUP-6 on screen: the figures a supervisor reads on the statistics page equal those computed in
// this test from the seeded cases' trails; the workbook they download holds the same.
describe('performance statistics in a real browser', () => {
  const world = useStudioWorld();

  beforeAll(async () => {
    await seedDemoCatalog(world.server.baseUrl, () => undefined);
    await seedDemoCases(world.server.baseUrl, world.server.cases, () => undefined, {
      count: 60,
      now: new Date('2026-12-04T06:00:00Z'),
    });
    const supervisor = await signedIn(world.server, 'supervisor', DEMO_PASSWORD);
    // Cards to count: the timeliness scan over the seeded cases.
    expect((await supervisor.post('/api/supervision/scan')).status).toBe(200);
  }, 240_000);

  async function oracle() {
    const { server } = world;
    const docs = (await server.cases.store.collection.find({}).toArray()).map((s) =>
      caseOfStored(s, world.server.cases.store.personal),
    );
    const alerts = await server.models.units.db
      .collection<Alert>('supervision_alerts')
      .find({})
      .toArray();
    const calendar = await server.cases.calendars.of(docs[0]!.countyId);
    const now = server.cases.executor.clock().toISOString();
    const units = await server.models.units.find({}).lean();
    const names = new Map(units.map((u) => [String(u._id), u.name]));
    return { docs, names, ...expectedStatistics(docs, alerts, calendar, now) };
  }

  const rate = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);
  const num = (n: number | null) => (n === null ? '—' : String(n));

  test('SUP-6: every figure on the page equals the one computed from the trails; by post; the workbook', async () => {
    const expected = await oracle();
    const { page, errors } = await world.newPage({ width: 1440, height: 1000 });
    await signInToStudio(page, world.server.baseUrl, 'supervisor', DEMO_PASSWORD);
    await page.goto(`${world.server.baseUrl}/supervision/statistics`);
    const table = page.getByTestId('statistics-table');
    await table.locator('.ant-table-row').first().waitFor();

    // The totals on the cards.
    const totals = page.getByTestId('statistics-totals');
    const card = async (title: string) =>
      (
        await totals
          .locator('.ant-statistic')
          .filter({ has: page.getByText(title, { exact: true }) })
          .locator('.ant-statistic-content')
          .innerText()
      ).trim();
    const t: Figures = expected.total;
    expect(await card('收件')).toBe(String(t.received));
    expect(await card('办结')).toBe(String(t.concluded));
    expect(await card('按时办结率')).toBe(rate(t.onTimeRate));
    expect(await card('平均 / 90% 用时（工作日）')).toBe(`${num(t.meanDays)} / ${num(t.p90Days)}`);
    expect(await card('超期')).toBe(String(t.overdue));
    expect(await card('黄牌 / 红牌')).toBe(`${t.yellow} / ${t.red}`);
    expect(t.concluded).toBeGreaterThan(5);

    // Each department's row: 名次 部门 收件 受理 办结 按时办结率 超期 平均 90% 退回 催办 黄牌 红牌.
    const rows = table.locator('.ant-table-row');
    const count = await rows.count();
    expect(count).toBe(expected.groups.size);
    const byName = new Map(
      [...expected.groups].map(([id, f]) => [expected.names.get(id) ?? id, f]),
    );
    for (let i = 0; i < count; i++) {
      const cells = (await rows.nth(i).locator('td').allInnerTexts()).map((c) => c.trim());
      const f = byName.get(cells[1]!);
      expect(f).toBeDefined();
      expect(cells.slice(2, 9)).toEqual([
        String(f!.received),
        String(f!.accepted),
        String(f!.concluded),
        rate(f!.onTimeRate),
        String(f!.overdue),
        num(f!.meanDays),
        num(f!.p90Days),
      ]);
      expect(cells.slice(11, 13)).toEqual([String(f!.yellow), String(f!.red)]);
    }
    await page.getByTestId('statistics-chart').locator('canvas').first().waitFor();
    await screenshot(page, 'supervision-statistics');

    // The workbook of what is on screen.
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: '导出 Excel' }).click();
    const file = await (await download).path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await fs.readFile(file)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('绩效统计')!;
    const last = sheet.getRow(3 + count);
    expect(last.getCell(2).value).toBe('合计');
    expect(last.getCell(3).value).toBe(t.received);

    // By post: the steps handled, as many as the trails hold.
    await page.getByText('按岗位', { exact: true }).click();
    await table.getByRole('columnheader', { name: '办理环节数' }).waitFor();
    await table.locator('.ant-table-row').first().waitFor();
    const handled = expected.docs.reduce(
      (s, d) =>
        s +
        d.trail.filter(
          (e) =>
            ['accept', 'complete', 'conclude'].includes(e.action) &&
            e.actor.post &&
            e.process?.step &&
            e.process.stepEndedAt,
        ).length,
      0,
    );
    const shown = await table
      .locator('.ant-table-row')
      .evaluateAll((trs) =>
        trs.reduce((s, tr) => s + Number(tr.querySelectorAll('td')[2]?.textContent ?? 0), 0),
      );
    const pages = await page.locator('.ant-pagination-item').count();
    // Every post fits on the first page in the demo county; more pages would need summing them.
    expect(pages).toBe(1);
    expect(shown).toBe(handled);
    await screenshot(page, 'supervision-statistics-posts');
    expect(errors.filter((e) => e !== httpError(401, 'Unauthorized', '/api/auth/me'))).toEqual([]);
  });

  test('SUP-1: a supervisor finds the cases with a red card and replays one step by step on its diagram, the chain verified', async () => {
    const { docs } = await oracle();
    const red = new Set(
      (
        await world.server.models.units.db
          .collection<Alert>('supervision_alerts')
          .find({ state: 'open', level: 'red' })
          .toArray()
      ).map((a) => a.caseId),
    );
    expect(red.size).toBeGreaterThan(0);
    const { page, errors } = await world.newPage({ width: 1440, height: 1000 });
    await signInToStudio(page, world.server.baseUrl, 'supervisor', DEMO_PASSWORD);
    await page.goto(`${world.server.baseUrl}/supervision/cases`);
    const table = page.getByTestId('case-search-table');
    await table.locator('.ant-table-row').first().waitFor();
    await page.getByRole('combobox', { name: '预警' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '红牌报警' }).click();
    await page.getByText(`共 ${red.size} 件`).waitFor();
    await screenshot(page, 'supervision-case-search');

    // The red case with the longest trail: the most to replay.
    const chosen = docs
      .filter((d) => red.has(d._id))
      .sort((a, b) => b.trail.length - a.trail.length)[0]!;
    await page.goto(`${world.server.baseUrl}/cases/${chosen._id}/replay`);
    await page.getByTestId('replay-check').getByText('痕迹链校验通过').waitFor();
    const position = page.getByTestId('replay-position');
    await position.getByText(`第 1 / ${chosen.trail.length} 步`).waitFor();
    for (let i = 1; i < chosen.trail.length; i++) {
      await page.getByRole('button', { name: '下一步' }).click();
      await position.getByText(`第 ${i + 1} / ${chosen.trail.length} 步`).waitFor();
      const e = chosen.trail[i]!;
      // The entry's own staff and step are shown, and its step is the one lit on the diagram.
      const detail = page.getByTestId('replay-entry');
      await detail.getByText(e.actor.name, { exact: false }).first().waitFor();
      if (e.process?.step) {
        expect(await detail.innerText()).toContain(e.process.step.name);
        await page
          .locator(`.djs-element.case-active[data-element-id="${e.process.step.id}"]`)
          .waitFor();
      }
    }
    await screenshot(page, 'supervision-replay');
    expect(await page.getByRole('button', { name: '下一步' }).isDisabled()).toBe(true);
    expect(errors.filter((e) => e !== httpError(401, 'Unauthorized', '/api/auth/me'))).toEqual([]);
  });

  test('大屏: the day’s figures as the case index holds them, and an alert arrives live', async () => {
    const { server } = world;
    const { page, errors } = await world.newPage({ width: 1600, height: 1000 });
    await signInToStudio(page, server.baseUrl, 'supervisor', DEMO_PASSWORD);
    await page.goto(`${server.baseUrl}/supervision/wall`);
    const figure = (label: string) =>
      page.locator(`[data-testid="wall-figure"][data-label="${label}"] > div`).nth(1);
    await figure('在办件').waitFor();
    const county = [...server.cases.index.all()][0]!.countyId;
    const live = [...server.cases.index.ofCounty(county)].filter((v) =>
      [
        'preReview',
        'preReviewReturned',
        'pendingAcceptance',
        'correction',
        'inProgress',
        'suspended',
      ].includes(v.status),
    );
    expect(await figure('在办件').innerText()).toBe(String(live.length));
    const before = Number(await figure('今日新预警').innerText());
    for (let i = 0; i < 200 && server.supervision.alerts.listening < 1; i++)
      await new Promise((r) => setTimeout(r, 50));

    // A fee charged above the item's standard on a live case: the watch raises a card now.
    const view = live.find((v) => v.status === 'inProgress')!;
    await server.supervision.watch.handle([
      {
        _id: `${view._id}#wall-fee`,
        caseId: view._id,
        type: 'feeCharged',
        amountFen: 30_000,
        standardFen: 10_000,
        userId: 'wall-test',
        at: server.cases.executor.clock().toISOString(),
        caseVersion: view.version,
        countyId: view.countyId,
        departmentIds: view.departmentIds,
        itemId: view.itemId,
      } as unknown as StoredEvent,
    ]);
    const feed = page.getByTestId('wall-feed');
    await feed.getByText('新预警').first().waitFor();
    expect(await feed.innerText()).toContain(view.caseName);
    await figure('今日新预警')
      .filter({ hasText: new RegExp(`^${before + 1}$`) })
      .waitFor();
    await screenshot(page, 'supervision-wall');
    expect(errors.filter((e) => e !== httpError(401, 'Unauthorized', '/api/auth/me'))).toEqual([]);
  });
});
