import { DEMO_PASSWORD } from '../../seeds/demo-county';
import { screenshot } from './support/browser';
import { useStudioWorld } from './support/world';
import { httpError, menuLabels, signIn, signInToStudio, signOut } from './support/studio';

// ROLE-1..5 in the studio: login, menus by role, the organisation, user, post and log screens.
describe('identity screens of the studio in a real browser', () => {
  const world = useStudioWorld();
  const newPage = () => world.newPage();

  const ALL_MENUS = [
    '首页',
    '工作台',
    '窗口登记',
    '事项目录',
    '组织机构',
    '用户管理',
    '岗位管理',
    '角色说明',
    // The administrator reads the alerts, rules and figures (to support supervisors and report on
    // operation) but approves no exemption.
    '预警监控',
    '办件查询',
    '监察规则',
    '绩效统计',
    '日历管理',
    '搜索同义词',
    '登录日志',
    '操作日志',
    '系统状态',
    '运行日志',
    '故障登记',
    '运行报告',
  ];
  // Not signed in, the studio asks who the user is and hears 401: expected, and asked twice where
  // the test build runs React's development mode (StrictMode runs effects twice).
  const anonymousCheck = httpError(401, 'Unauthorized', '/api/auth/me');
  const unexpected = (errors: string[]) => errors.filter((e) => e !== anonymousCheck);

  test('a wrong password shows the server message and stays on the login page', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${world.server.baseUrl}/`, { waitUntil: 'networkidle' });
    await page.waitForURL(/\/login$/);
    await screenshot(page, 'identity-login');
    await signIn(page, 'admin', 'Wrong#Passw0rd');
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'identity-login-wrong-password');
    expect(errors).toContain(anonymousCheck);
    expect(unexpected(errors)).toEqual([httpError(401, 'Unauthorized', '/api/auth/login')]);
  });

  test('after login the user lands on the page they asked for', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${world.server.baseUrl}/organisation/posts`, { waitUntil: 'networkidle' });
    await page.waitForURL(/\/login\?redirect=%2Forganisation%2Fposts$/);
    await signIn(page, 'admin', DEMO_PASSWORD);
    await page.waitForURL(/\/organisation\/posts$/);
    await page.getByText('全部岗位').waitFor();
    expect(unexpected(errors)).toEqual([]);
  });

  test('the administrator sees every menu and works the organisation tree', async () => {
    const { page, errors } = await newPage();
    await signInToStudio(page, world.server.baseUrl, 'admin', DEMO_PASSWORD);
    expect(await menuLabels(page)).toEqual(ALL_MENUS);
    await page.getByTestId('system-status').waitFor();
    await screenshot(page, 'identity-admin-home');

    await page.locator('.ant-pro-sider').getByText('组织机构').click();
    await page.waitForURL(/\/organisation\/units$/);
    const tree = page.locator('.ant-tree');
    await tree.getByText('龙湾区安全生产监督管理局').click();
    const details = page.getByTestId('unit-details');
    await details.waitFor();
    expect(await details.innerText()).toContain('AJ');
    expect(await tree.innerText()).toContain('区划代码 330303');
    await screenshot(page, 'identity-organisation');

    // A new department under the county: its code is suggested, a taken one is refused in the form.
    await tree.getByText('龙湾区', { exact: true }).click();
    await page.getByRole('button', { name: '新增下级单位' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill('龙湾区统计局');
    const suggestion = dialog.getByTestId('dept-code-suggestions').locator('.ant-tag').first();
    await suggestion.waitFor();
    const code = (await suggestion.innerText()).trim();
    expect(code).toMatch(/^[A-Z]{2}$/);
    await dialog.getByLabel('部门编码').fill('AJ');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText('已被占用，请换一个').waitFor();
    await screenshot(page, 'identity-organisation-code-clash');
    await suggestion.click();
    expect(await dialog.getByLabel('部门编码').inputValue()).toBe(code);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('unit-details').getByText(code, { exact: true }).waitFor();
    expect(await tree.innerText()).toContain('龙湾区统计局');

    // Editing sends the version it read; the details show the saved values.
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    await dialog.getByLabel('电话').fill('0577-86900000');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('unit-details').getByText('0577-86900000').waitFor();

    // A community is picked from the official division list under its township, never typed.
    await tree.getByText('海城街道', { exact: true }).click();
    await page.getByRole('button', { name: '新增下级单位' }).click();
    await dialog.getByText('社区（村）', { exact: true }).click();
    await dialog.getByLabel('行政区划').click();
    const firstDivision = page.locator('.ant-select-item-option').first();
    await firstDivision.waitFor();
    const divisionLabel = (await firstDivision.innerText()).trim();
    expect(divisionLabel).toMatch(/（3303030\d{5}）$/);
    await firstDivision.click();
    await firstDivision.waitFor({ state: 'hidden' });
    expect(await dialog.getByLabel('名称').inputValue()).toBe(divisionLabel.replace(/（.*$/, ''));
    await screenshot(page, 'identity-organisation-community');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('unit-details').innerText()).toContain('社区（村）');

    expect(unexpected(errors)).toEqual([httpError(409, 'Conflict', '/api/units')]);
  });

  test('the administrator reads posts, roles and both logs', async () => {
    const { page, errors } = await newPage();
    await signInToStudio(page, world.server.baseUrl, 'admin', DEMO_PASSWORD);

    await page.goto(`${world.server.baseUrl}/organisation/posts`, { waitUntil: 'networkidle' });
    await page.locator('.ant-tree').getByText('执法监察科').click();
    await page.getByText('执法监察科的岗位').waitFor();
    await page.locator('.ant-table-row').filter({ hasText: '执法人员' }).waitFor();
    // The list of every post gives way to the office's: wait for it to have done so.
    await page.locator('.ant-table-row').nth(2).waitFor({ state: 'detached' });
    expect(await page.locator('.ant-table-row').count()).toBe(2);
    await screenshot(page, 'identity-posts');

    // A new post in the selected office, renamed, then deactivated.
    await page.getByRole('button', { name: '新建岗位' }).click();
    const dialog = page.getByRole('dialog');
    // The unit chosen in the tree is where the new post goes.
    expect(await dialog.locator('.ant-select-selection-item').innerText()).toBe('执法监察科');
    await dialog.getByLabel('岗位名称').fill('法制审核员');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });
    const post = page.locator('.ant-table-row').filter({ hasText: '法制审核员' });
    await post.getByText('修改').click();
    await dialog.getByLabel('岗位名称').fill('法制审核岗');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });
    const renamed = page.locator('.ant-table-row').filter({ hasText: '法制审核岗' });
    await renamed.getByText('停用', { exact: true }).click();
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await renamed.locator('.ant-tag').filter({ hasText: '停用' }).waitFor();

    await page.goto(`${world.server.baseUrl}/identity/roles`, { waitUntil: 'networkidle' });
    await page.getByTestId('role-card').first().waitFor();
    expect(await page.getByTestId('role-card').count()).toBe(5);
    await screenshot(page, 'identity-roles');

    await page.goto(`${world.server.baseUrl}/audit/logins`, { waitUntil: 'networkidle' });
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.locator('.ant-table-row').first().innerText()).toContain('admin');
    await screenshot(page, 'identity-login-logs');

    await page.goto(`${world.server.baseUrl}/audit/operations`, { waitUntil: 'networkidle' });
    // Newest first; the edit of the new department shows the field it changed, before and after.
    const rows = page.locator('.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.first().innerText()).toContain('修改岗位「法制审核岗」');
    const row = rows.filter({ hasText: '修改单位「龙湾区统计局」' });
    await row.locator('.ant-table-row-expand-icon').click();
    const changes = page.getByTestId('operation-changes');
    await changes.waitFor();
    expect(await changes.innerText()).toMatch(/电话\s*phone\s*—\s*0577-86900000/);
    await screenshot(page, 'identity-operation-logs');
    expect(unexpected(errors)).toEqual([]);
  });

  test('a user the administrator creates sees exactly the menus of their role', async () => {
    const admin = await newPage();
    let page = admin.page;
    await page.goto(`${world.server.baseUrl}/identity/users`, { waitUntil: 'networkidle' });
    await signIn(page, 'admin', DEMO_PASSWORD);
    await page.waitForURL(/\/identity\/users$/);
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'identity-users');

    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('aj.inspector');
    await dialog.getByLabel('工号').fill('AJ010');
    await dialog.getByLabel('姓名').fill('赵立新');
    await dialog.getByLabel('电话').fill('13805770001');
    await dialog.getByLabel('所属单位').click();
    await dialog.getByLabel('所属单位').fill('执法监察科');
    // The tree re-renders as the search filters it; a click during that can miss, so check it took.
    const unitChosen = dialog.locator('.ant-select-selection-item[title="执法监察科"]');
    for (let attempt = 0; attempt < 3 && !(await unitChosen.count()); attempt++) {
      await page.locator('.ant-select-tree-node-content-wrapper[title="执法监察科"]').click();
      await unitChosen.waitFor({ timeout: 3000 }).catch(() => undefined);
    }
    await unitChosen.waitFor();
    // The unit's posts load after the unit is chosen; a click on the list as it fills can miss.
    const post = page.locator('.ant-select-item-option[title="执法人员（执法监察科）"]');
    const postChosen = dialog.locator('.ant-select-selection-item[title^="执法人员"]');
    for (let attempt = 0; attempt < 3 && !(await postChosen.count()); attempt++) {
      await dialog.getByLabel('岗位').click();
      await post.click();
      await dialog.locator('.ant-modal-title').click();
      await post.waitFor({ state: 'hidden' });
      await postChosen.waitFor({ timeout: 3000 }).catch(() => undefined);
    }
    await postChosen.waitFor();
    const supervisorRole = dialog.getByRole('checkbox', { name: '监察人员' });
    // A click that lands while the modal re-renders can be swallowed on a loaded machine.
    for (let attempt = 0; attempt < 3 && !(await supervisorRole.isChecked()); attempt++) {
      await supervisorRole.click();
      await page.waitForTimeout(150);
    }
    expect(await supervisorRole.isChecked()).toBe(true);
    await dialog.getByLabel('初始密码').fill('Jiancha#2026');
    await dialog.getByText('至少8位，含大写/小写/数字/符号中至少3类').waitFor();
    await screenshot(page, 'identity-user-create');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });
    const created = page.locator('.ant-table-row').filter({ hasText: '赵立新' });
    await created.waitFor();
    expect(await created.innerText()).toMatch(/执法监察科[\s\S]*执法人员[\s\S]*监察人员/);
    await signOut(page);
    expect(unexpected(admin.errors)).toEqual([]);

    const user = await newPage();
    page = user.page;
    await signInToStudio(page, world.server.baseUrl, 'aj.inspector', 'Jiancha#2026');
    // Holding a post of 执法监察科, the officer may register cases at a window too.
    expect(await menuLabels(page)).toEqual([
      '首页',
      '工作台',
      '窗口登记',
      '事项目录',
      '组织机构',
      '用户管理',
      '岗位管理',
      '预警监控',
      '监察大屏',
      '督办与投诉',
      '办件查询',
      '监察规则',
      '绩效统计',
      '事项监察覆盖',
      '操作日志',
    ]);
    await screenshot(page, 'identity-supervisor-home');

    // A page the role does not open: a plain 403 answer, no table, no crash.
    await page.goto(`${world.server.baseUrl}/audit/logins`, { waitUntil: 'networkidle' });
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByText('无权访问').count()).toBe(1);
    expect(await page.locator('.ant-table').count()).toBe(0);
    await screenshot(page, 'identity-supervisor-forbidden');

    // What the role does open shows data: the operation log holds the administrator's change.
    await page.goto(`${world.server.baseUrl}/audit/operations`, { waitUntil: 'networkidle' });
    await page.locator('.ant-table-row').filter({ hasText: '赵立新' }).waitFor();
    await page.goto(`${world.server.baseUrl}/identity/users`, { waitUntil: 'networkidle' });
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.getByRole('button', { name: '新建用户' }).count()).toBe(0);
    await screenshot(page, 'identity-supervisor-users');
    expect(unexpected(user.errors)).toEqual([]);
  });

  test('the login page says why an account is locked or disabled; the administrator puts it right', async () => {
    const officer = await newPage();
    const login = officer.page;
    const said = login.getByTestId('login-error');
    async function attempt(password: string, answer: string) {
      await Promise.all([
        login.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
        signIn(login, 'aj.officer', password),
      ]);
      await said.filter({ hasText: answer }).waitFor();
    }
    await login.goto(`${world.server.baseUrl}/login`, { waitUntil: 'networkidle' });
    for (let i = 1; i < 5; i++) await attempt('Wrong#Passw0rd', '用户名或密码错误');
    await attempt('Wrong#Passw0rd', '密码连续错误 5 次，账号已锁定 15 分钟');
    await attempt(DEMO_PASSWORD, '账号已锁定，请 15 分钟后再试');
    await screenshot(login, 'identity-login-locked');

    const admin = await newPage();
    const page = admin.page;
    await signInToStudio(page, world.server.baseUrl, 'admin', DEMO_PASSWORD);
    await page.goto(`${world.server.baseUrl}/identity/users`, { waitUntil: 'networkidle' });
    const row = page.locator('.ant-table-row').filter({ hasText: 'aj.officer' });
    await row.getByText('已锁定').waitFor();
    await screenshot(page, 'identity-users-locked');
    const confirm = () => page.getByRole('button', { name: /确\s*定/ }).click();

    await row.getByText('解锁').click();
    await confirm();
    await page.getByText('已解锁').waitFor();
    await row.getByText('已锁定').waitFor({ state: 'detached' });

    await row.getByText('重置密码').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('新密码').fill('Zhifa#2027');
    await dialog.getByLabel('再次输入').fill('Zhifa#2027');
    await dialog.getByRole('button', { name: /重\s*置/ }).click();
    await dialog.waitFor({ state: 'detached' });

    await row.getByText('停用', { exact: true }).click();
    await confirm();
    await row.locator('.ant-tag').filter({ hasText: '停用' }).waitFor();
    await attempt('Zhifa#2027', '账号已停用，请联系管理员');

    await row.getByText('启用', { exact: true }).click();
    await confirm();
    await row.locator('.ant-tag').filter({ hasText: '正常' }).waitFor();
    await signIn(login, 'aj.officer', 'Zhifa#2027');
    await login.getByTestId('user-menu').waitFor();
    expect(await menuLabels(login)).toEqual([
      '首页',
      '工作台',
      '窗口登记',
      '事项目录',
      '组织机构',
      '用户管理',
      '岗位管理',
    ]);

    expect(unexpected(admin.errors)).toEqual([]);
    const refused = (status: number, text: string) => httpError(status, text, '/api/auth/login');
    expect(unexpected(officer.errors)).toEqual([
      ...Array<string>(4).fill(refused(401, 'Unauthorized')),
      refused(423, 'Locked'),
      refused(423, 'Locked'),
      refused(403, 'Forbidden'),
    ]);
  });

  test('a user changes their own password from the avatar menu; the old one stops working', async () => {
    const { page, errors } = await newPage();
    await signInToStudio(page, world.server.baseUrl, 'gs.clerk', DEMO_PASSWORD);
    await page.getByTestId('user-menu').hover();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('当前密码').fill(DEMO_PASSWORD);
    await dialog.getByLabel('新密码', { exact: true }).fill('short');
    await dialog.getByLabel('确认新密码').fill('short');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText('密码至少 8 位').waitFor();
    await dialog.getByLabel('新密码', { exact: true }).fill('Shichang#2027');
    await dialog.getByLabel('确认新密码').fill('Shichang#2027');
    await screenshot(page, 'identity-change-password');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('密码已修改，其他设备上的登录已退出').waitFor();
    await signOut(page);
    await signIn(page, 'gs.clerk', DEMO_PASSWORD);
    await page.getByTestId('login-error').getByText('用户名或密码错误').waitFor();
    await signIn(page, 'gs.clerk', 'Shichang#2027');
    await page.getByTestId('user-menu').waitFor();
    expect(unexpected(errors)).toEqual([httpError(401, 'Unauthorized', '/api/auth/login')]);
  });
});
