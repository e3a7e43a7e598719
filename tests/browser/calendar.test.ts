import path from 'node:path';
import { DEMO_PASSWORD } from '../../seeds/demo-county';
import { screenshot } from './support/browser';
import { signInToStudio } from './support/studio';
import { useStudioWorld } from './support/world';

const FILE_2027 = path.resolve(__dirname, '../../seeds/calendar-2027-demo.json');

// RUN-6 in the studio: the missing-year banner, the import dialog and the month view.
describe('RUN-6 日历管理 in a real browser', () => {
  const world = useStudioWorld();

  test('RUN-6 an administrator is warned that 2027 is missing, imports it and sees its 春节', async () => {
    // 4 December 2026 on the server's clock: after 1 October, and 2027 not covered.
    world.server.cases.executor.clock = () => new Date('2026-12-04T02:00:00Z');
    const { page, errors } = await world.newPage();
    await signInToStudio(page, world.server.baseUrl, 'admin', DEMO_PASSWORD);

    const banner = page.getByTestId('coverage-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('2027 年的节假日安排尚未导入工作日历');
    await screenshot(page, 'calendar-banner');

    await banner.getByRole('button', { name: '去导入' }).click();
    await page.waitForURL(/\/calendar\?year=2027&import=1$/);
    const dialog = page.getByRole('dialog', { name: '导入国务院节假日安排' });
    await dialog.waitFor();
    // The year itself is not there yet: the page says so instead of showing a month view.
    await page.getByText('2027 年的节假日安排尚未导入', { exact: true }).waitFor();

    await dialog.locator('input[type=file]').setInputFiles(FILE_2027);
    await dialog
      .getByLabel('文件内容')
      .getByText(/"year": 2027/)
      .waitFor();
    await dialog
      .getByLabel('通知标题')
      .fill('演示数据：按往年惯例推定的2027年安排，非国务院正式通知');
    await dialog.getByLabel('发布日期').fill('2026-12-04');
    await dialog.getByLabel('发布日期').press('Enter');
    await dialog.getByRole('button', { name: /^预\s*览$/ }).click();
    const preview = dialog.getByTestId('import-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('放假 29 天，调休上班 5 天');
    await screenshot(page, 'calendar-import-preview');

    await dialog.getByRole('button', { name: /^导\s*入$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForURL(/\/calendar\?year=2027$/);
    const spring = page.locator('[data-date="2027-02-06"]');
    await spring.waitFor();
    expect(await spring.getAttribute('data-working')).toBe('false');
    expect(await spring.getAttribute('data-source')).toBe('official');
    expect(await spring.innerText()).toContain('春节');
    expect(await page.locator('[data-date="2027-02-20"]').getAttribute('data-working')).toBe(
      'true',
    );
    await page.getByTestId('official-years').getByText('演示数据').first().waitFor();
    await banner.waitFor({ state: 'detached' });
    await page.getByTestId('month-2').scrollIntoViewIfNeeded();
    await screenshot(page, 'calendar-2027-imported');
    // Expected: the anonymous /api/auth/me before login, and 2027's days while it was missing.
    expect(errors.filter((e) => !/\/api\/(auth\/me|calendar\/days)\)$/.test(e))).toEqual([]);
  });
});
