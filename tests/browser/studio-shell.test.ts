import type { Browser } from 'playwright-core';
import { useTestDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { launchChromium, screenshot, watchForErrors } from './support/browser';

describe('the studio shell in a real browser', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('opens with the platform title, shows the database up, and logs no console error', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const errors = watchForErrors(page);
    await page.goto(server.baseUrl, { waitUntil: 'networkidle' });

    expect(await page.title()).toBe('首页 - 政务服务一体化平台');
    await page.getByText('政务服务一体化平台', { exact: true }).first().waitFor();
    const status = page.getByTestId('system-status');
    await status.waitFor();
    expect(await status.innerText()).toContain('内置数据库（FerretDB）');
    await screenshot(page, 'studio-shell');
    expect(errors).toEqual([]);
  });

  test('an unknown page inside the studio shows the 404 result, not a blank screen', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    const errors = watchForErrors(page);
    await page.goto(`${server.baseUrl}/no/such/page`, { waitUntil: 'networkidle' });
    await page.getByText('页面不存在').waitFor();
    expect(errors).toEqual([]);
  });
});
