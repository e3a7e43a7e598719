import type { Page } from 'playwright-core';
import { seedDemoCatalog } from '../../seeds/demo-catalog';
import { screenshot } from './support/browser';
import { useStudioWorld } from './support/world';

/** Runs axe-core in the page; answers the serious and critical violations. */
async function axeViolations(page: Page) {
  await page.addScriptTag({ path: require.resolve('axe-core') });
  const result = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
      }
    ).axe;
    return axe.run();
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.nodes.length})`);
}

/** The portal's search as a citizen uses it (POR-9, POR-12). */
describe('portal search in the browser (POR-9, POR-12)', () => {
  const world = useStudioWorld();
  /** A page of its own context: axe is injected as a script, which the CSP would refuse. */
  async function portalPage(options: { javaScriptEnabled?: boolean; width?: number } = {}) {
    const { page: first } = await world.newPage();
    const browser = first.context().browser()!;
    await first.context().close();
    const context = await browser.newContext({
      bypassCSP: true,
      locale: 'zh-CN',
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      viewport: { width: options.width ?? 1366, height: 800 },
    });
    return context.newPage();
  }
  beforeAll(async () => {
    await seedDemoCatalog(world.server.baseUrl, () => undefined);
  }, 300_000);

  test('a citizen types a partial word, an abbreviation and pinyin initials and gets the item first; axe finds nothing serious', async () => {
    const page = await portalPage({ width: 360 });
    await page.goto(`${world.server.baseUrl}/portal/search`);
    expect(await axeViolations(page)).toEqual([]);

    for (const [typed, expected] of [
      ['营业', '代办个体工商户营业执照'],
      ['低保', '最低生活保障金给付'],
      ['yyzz', '代办个体工商户营业执照'],
    ] as const) {
      await page.getByLabel('搜索事项').fill(typed);
      await page.getByRole('button', { name: '搜索' }).click();
      const first = page.locator('ol.results > li h2 a').first();
      await first.waitFor();
      expect(await first.textContent()).toBe(expected);
    }
    await screenshot(page, 'portal-search-results-360');
    expect(await axeViolations(page)).toEqual([]);

    await page.locator('ol.results > li h2 a').first().click();
    await page.waitForURL(/\/portal\/items\/33030300GS-DL-0001$/);
  });

  test('with JavaScript disabled the results and the nothing-found page show; axe finds nothing serious', async () => {
    const browserPage = await portalPage({ javaScriptEnabled: false });
    await browserPage.goto(`${world.server.baseUrl}/portal/search?q=${encodeURIComponent('开店')}`);
    const names = await browserPage.locator('ol.results > li h2 a').allTextContents();
    expect(names[0]).toBe('代办个体工商户营业执照');
    expect(await browserPage.locator('mark').count()).toBeGreaterThan(0);

    await browserPage.goto(
      `${world.server.baseUrl}/portal/search?q=${encodeURIComponent('量子纠缠')}`,
    );
    await browserPage.getByRole('heading', { name: '热门事项' }).waitFor();
    // axe needs script, and so does Playwright's screenshot: the same page is checked and taken
    // in a context with JavaScript on.
    const withJs = await portalPage();
    await withJs.goto(`${world.server.baseUrl}/portal/search?q=${encodeURIComponent('量子纠缠')}`);
    await screenshot(withJs, 'portal-search-nothing-found');
    expect(await axeViolations(withJs)).toEqual([]);
    await browserPage.context().close();
    await withJs.context().close();
  });
});
