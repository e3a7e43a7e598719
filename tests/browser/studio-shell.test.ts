import type { Browser } from 'playwright-core';
import { seedDemoCounty } from '../../seeds';
import { DEMO_PASSWORD } from '../../seeds/demo-county';
import { useTestDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { launchChromium, screenshot, watchForErrors } from './support/browser';
import { httpError, signIn } from './support/studio';

describe('the studio shell in a real browser', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    await seedDemoCounty(server.models, () => {});
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // Before login the studio asks who the user is and hears 401 (twice in React's development mode).
  const withoutAnonymousCheck = (errors: string[]) =>
    errors.filter((e) => e !== httpError(401, 'Unauthorized', '/api/auth/me'));

  test('opens with the platform title, shows the database up, and logs no console error', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const errors = watchForErrors(page);
    await page.goto(server.baseUrl, { waitUntil: 'networkidle' });
    // The home page needs a signed-in user: the studio sends everyone else to the login page first.
    await page.waitForURL(/\/login$/);
    await signIn(page, 'admin', DEMO_PASSWORD);
    await page.waitForURL(`${server.baseUrl}/`);
    await page.getByTestId('user-menu').waitFor();

    expect(await page.title()).toBe('首页 - 政务服务一体化平台');
    await page.getByText('政务服务一体化平台', { exact: true }).first().waitFor();
    const status = page.getByTestId('system-status');
    await status.waitFor();
    expect(await status.innerText()).toContain('内置数据库（FerretDB）');
    await screenshot(page, 'studio-shell');
    expect(withoutAnonymousCheck(errors)).toEqual([]);
  });

  test('an unknown page inside the studio shows the 404 result, not a blank screen', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    const errors = watchForErrors(page);
    await page.goto(`${server.baseUrl}/no/such/page`, { waitUntil: 'networkidle' });
    await page.waitForURL(/\/login\?redirect=%2Fno%2Fsuch%2Fpage$/);
    await signIn(page, 'admin', DEMO_PASSWORD);
    await page.getByText('页面不存在').waitFor();
    expect(withoutAnonymousCheck(errors)).toEqual([]);
  });
});
