import { DEMO_PASSWORD } from '../../seeds/demo-county';
import { SystemLogSink } from '../../server/operations/system-logs';
import { screenshot } from './support/browser';
import { signInToStudio } from './support/studio';
import { useStudioWorld } from './support/world';

// OPS-1, ROLE-5 in the studio: 系统状态's cards and 运行日志's table with its filters.
describe('系统状态 and 运行日志 in a real browser', () => {
  const world = useStudioWorld();

  test('OPS-1 an administrator sees the database card green, then filters the run logs by level', async () => {
    // Lines as the server's logger writes them, through the sink main.ts uses.
    const sink = new SystemLogSink();
    sink.attach(world.server.models.systemLogs);
    const now = Date.now();
    const lines: [number, string, Record<string, unknown>][] = [
      [30, '办件索引已载入：12 件', { views: 12 }],
      [40, '数据库应答缓慢（1200 毫秒）', { module: 'database' }],
      [50, '通知发送任务失败', { err: { type: 'Error', message: '短信网关无应答' } }],
      [30, '操作痕迹已锚定', { anchor: 3, leaves: 8 }],
    ];
    lines.forEach(([level, msg, extra], i) =>
      sink.write(JSON.stringify({ level, time: now - (lines.length - i) * 60_000, msg, ...extra })),
    );
    await sink.close();

    const { page, errors } = await world.newPage();
    await signInToStudio(page, world.server.baseUrl, 'admin', DEMO_PASSWORD);
    await page.locator('.ant-pro-sider .ant-menu-item').filter({ hasText: '系统状态' }).click();
    await page.waitForURL(/\/operations\/status$/);

    const database = page.getByTestId('status-card-database');
    await database.waitFor();
    expect(await database.getAttribute('data-state')).toBe('ok');
    expect(await database.getByTestId('state-tag').innerText()).toBe('正常');
    expect(await database.innerText()).toContain('数据库正常');
    const certificates = page.getByTestId('status-card-certificates');
    expect(await certificates.innerText()).toContain('未配置 HTTPS 证书');
    // The error logged above is counted on the card of cases and logs.
    expect(await page.getByTestId('status-card-work').innerText()).toMatch(/近 24 小时错误\s*1 条/);
    await page.getByTestId('status-card-jobs').getByText('办件定时任务').first().waitFor();
    await screenshot(page, 'operations-status');

    // A refresh keeps every card where it was.
    const jobs = page.getByTestId('status-card-jobs');
    const before = await jobs.boundingBox();
    const refreshed = page.waitForResponse(
      (r) => r.url().endsWith('/api/operations/status') && r.status() === 200,
    );
    await page.getByRole('button', { name: /刷\s*新/ }).click();
    await refreshed;
    await page.locator('.ant-page-header .ant-btn-loading').waitFor({ state: 'detached' });
    expect(await jobs.boundingBox()).toEqual(before);

    await page.locator('.ant-pro-sider .ant-menu-item').filter({ hasText: '运行日志' }).click();
    await page.waitForURL(/\/operations\/logs$/);
    const rows = page.locator('.ant-table-row');
    await rows.filter({ hasText: '通知发送任务失败' }).waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(4);

    // 级别（及以上）: 错误 leaves the error line only.
    await page.locator('.ant-pro-query-filter .ant-select').first().click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '错误' })
      .click();
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page
      .locator('[data-testid="log-level"]:not([data-level="error"]):not([data-level="fatal"])')
      .first()
      .waitFor({ state: 'detached' });
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.innerText()).toContain('通知发送任务失败');
    await row.locator('.ant-table-row-expand-icon').click();
    await page.getByText('短信网关无应答').waitFor();
    await screenshot(page, 'operations-logs-errors');
    expect(errors.filter((e) => !e.includes('/api/auth/me'))).toEqual([]);
  });
});
