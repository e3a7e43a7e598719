import { seedDemoCounty } from '../../../seeds';
import { DEMO_PASSWORD } from '../../../seeds/demo-county';
import { ApiClient, signedIn } from '../../support/client';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';

/** ROLE-2, ROLE-3: what each role may do, and that departments cannot see each other's records. */
describe('access by role, post and unit (ROLE-2, ROLE-3)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer(t.db);
    await seedDemoCounty(server.models, () => undefined);
    for (const name of [
      'admin',
      'reviewer',
      'aj.clerk',
      'aj.officer',
      'gs.clerk',
      'supervisor',
      'yz.window',
    ]) {
      as[name] = await signedIn(server, name, DEMO_PASSWORD);
    }
    const unit = async (name: string) =>
      String((await server.models.units.findOne({ name }).lean().orFail())._id);
    ids.aj = await unit('龙湾区安全生产监督管理局');
    ids.gs = await unit('龙湾区市场监督管理局');
    ids.ajOffice = String(
      (
        await server.models.units
          .findOne({ name: '执法监察科', departmentId: ids.aj })
          .lean()
          .orFail()
      )._id,
    );
    ids.gsOffice = String(
      (
        await server.models.units
          .findOne({ name: '登记注册科', departmentId: ids.gs })
          .lean()
          .orFail()
      )._id,
    );
    ids.gsWindowUser = String(
      (await server.models.users.findOne({ username: 'gs.window' }).lean().orFail())._id,
    );
    ids.ajOfficerUser = String(
      (await server.models.users.findOne({ username: 'aj.officer' }).lean().orFail())._id,
    );
    ids.gsPost = String(
      (
        await server.models.posts
          .findOne({ departmentId: ids.gs, name: '登记窗口' })
          .lean()
          .orFail()
      )._id,
    );
  });
  afterAll(() => server.close());

  test('without a session every staff route answers 401', async () => {
    const anonymous = new ApiClient(server.baseUrl);
    for (const path of [
      '/api/units',
      '/api/users',
      '/api/posts',
      '/api/logs/logins',
      '/api/auth/me',
    ]) {
      expect((await anonymous.get(path)).status).toBe(401);
    }
  });

  test('the administrator manages units, posts and users of the county', async () => {
    const admin = as.admin!;
    const office = await admin.post('/api/units', {
      parentId: ids.aj,
      kind: 'office',
      name: '危化品监管科',
    });
    expect(office.status).toBe(201);
    const post = await admin.post('/api/posts', { unitId: office.body.id, name: '危化审查员' });
    expect(post.status).toBe(201);
    const user = await admin.post('/api/users', {
      username: 'aj.new',
      staffNo: 'AJ099',
      name: '新同事',
      unitId: office.body.id,
      postIds: [post.body.id],
      roles: ['frontline'],
      password: 'Strong#Pass1',
    });
    expect(user.status).toBe(201);
    expect(user.body).toMatchObject({
      username: 'aj.new',
      roles: ['frontline'],
      departmentId: ids.aj,
    });
    expect(user.body).not.toHaveProperty('passwordHash');
    const logs = await admin.get(`/api/logs/operations?resource=user&resourceId=${user.body.id}`);
    expect(logs.body.items[0]).toMatchObject({
      action: 'create',
      username: 'admin',
      resource: 'user',
    });
    expect(logs.body.items[0].changes.roles).toEqual({ before: null, after: ['frontline'] });
  });

  test('a clerk reads his own department, names its posts, and can do nothing to users or units', async () => {
    const clerk = as['aj.clerk']!;
    const users = await clerk.get('/api/users');
    expect(users.status).toBe(200);
    expect(users.body.items.length).toBeGreaterThan(0);
    expect(users.body.items.every((u: { departmentId: string }) => u.departmentId === ids.aj)).toBe(
      true,
    );

    expect(
      (await clerk.post('/api/posts', { unitId: ids.ajOffice, name: '复核人员' })).status,
    ).toBe(201);
    expect(
      (await clerk.post('/api/posts', { unitId: ids.gsOffice, name: '越权岗位' })).status,
    ).toBe(403);
    expect(
      (await clerk.post('/api/units', { parentId: ids.aj, kind: 'office', name: '越权科室' }))
        .status,
    ).toBe(403);
    const create = await clerk.post('/api/users', {
      username: 'aj.sneaky',
      staffNo: 'AJ777',
      name: '越权',
      unitId: ids.ajOffice,
      password: 'Strong#Pass1',
    });
    expect(create.status).toBe(403);
    const officer = await clerk.get(`/api/users/${ids.ajOfficerUser}`);
    expect(
      (
        await clerk.patch(`/api/users/${ids.ajOfficerUser}`, {
          version: officer.body.version,
          roles: ['admin'],
        })
      ).status,
    ).toBe(403);
    expect((await clerk.get('/api/logs/logins')).body).toMatchObject({ items: [], total: 0 });
    expect((await clerk.get('/api/logs/operations')).body).toMatchObject({ items: [], total: 0 });
  });

  test("another department's user is a 404, and filtering for that department lists nothing", async () => {
    const clerk = as['aj.clerk']!;
    const other = await clerk.get(`/api/users/${ids.gsWindowUser}`);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('not_found');
    expect(
      (await clerk.patch(`/api/users/${ids.gsWindowUser}`, { version: 0, name: 'x' })).status,
    ).toBe(404);
    expect(
      (await clerk.post(`/api/users/${ids.gsWindowUser}/password`, { password: 'Strong#Pass1' }))
        .status,
    ).toBe(404);
    const filtered = await clerk.get(`/api/users?departmentId=${ids.gs}`);
    expect(filtered.body).toMatchObject({ items: [], total: 0 });
    const posts = await clerk.patch(`/api/posts/${ids.gsPost}`, { version: 0, name: '改名' });
    expect(posts.status).toBe(403);
  });

  test('reviewers, frontline staff and window staff read but change nothing here', async () => {
    for (const name of ['reviewer', 'aj.officer', 'yz.window']) {
      const client = as[name]!;
      expect((await client.get('/api/units')).status).toBe(200);
      expect(
        (await client.post('/api/units', { parentId: ids.aj, kind: 'office', name: `科室${name}` }))
          .status,
      ).toBe(403);
      expect(
        (await client.post('/api/posts', { unitId: ids.ajOffice, name: `岗位${name}` })).status,
      ).toBe(403);
      expect((await client.get('/api/logs/operations')).body.total).toBe(0);
    }
  });

  test('a supervisor reads every user and the operation log of the county, and changes nothing', async () => {
    const supervisor = as.supervisor!;
    const users = await supervisor.get('/api/users?pageSize=200');
    const departments = new Set(
      users.body.items.map((u: { departmentId: string }) => u.departmentId),
    );
    expect(departments.size).toBeGreaterThan(3);
    expect((await supervisor.get('/api/logs/operations')).body.total).toBeGreaterThan(0);
    expect((await supervisor.get('/api/logs/logins')).body.total).toBe(0);
    expect(
      (await supervisor.patch(`/api/users/${ids.gsWindowUser}`, { version: 0, name: 'x' })).status,
    ).toBe(403);
  });

  test('a role change reaches an open session at once', async () => {
    const admin = as.admin!;
    const officer = await admin.get(`/api/users/${ids.ajOfficerUser}`);
    const before = await as['aj.officer']!.get('/api/logs/operations');
    expect(before.body.total).toBe(0);
    const changed = await admin.patch(`/api/users/${ids.ajOfficerUser}`, {
      version: officer.body.version,
      roles: ['frontline', 'supervisor'],
    });
    expect(changed.status).toBe(200);
    expect((await as['aj.officer']!.get('/api/logs/operations')).body.total).toBeGreaterThan(0);
    const stale = await admin.patch(`/api/users/${ids.ajOfficerUser}`, {
      version: officer.body.version,
      name: '旧版本',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
  });

  test('disabling a user ends their sessions', async () => {
    const admin = as.admin!;
    const victim = await signedIn(server, 'gs.window', DEMO_PASSWORD);
    const current = await admin.get(`/api/users/${ids.gsWindowUser}`);
    expect(
      (
        await admin.patch(`/api/users/${ids.gsWindowUser}`, {
          version: current.body.version,
          status: 'disabled',
        })
      ).status,
    ).toBe(200);
    expect((await victim.get('/api/auth/me')).status).toBe(401);
    const again = await new ApiClient(server.baseUrl).login('gs.window', DEMO_PASSWORD);
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('account_disabled');
  });

  test('NoSQL operator objects and malformed ids are refused with 400', async () => {
    const anonymous = new ApiClient(server.baseUrl);
    expect(
      (await anonymous.post('/api/auth/login', { username: { $gt: '' }, password: 'x' })).status,
    ).toBe(400);
    expect(
      (await anonymous.post('/api/auth/login', { username: 'admin', password: { $gt: '' } }))
        .status,
    ).toBe(400);
    const admin = as.admin!;
    expect((await admin.get('/api/users/%7B%22%24gt%22%3A%22%22%7D')).status).toBe(400);
    expect((await admin.get('/api/users?departmentId[$ne]=x')).status).toBe(400);
    expect(
      (await admin.patch(`/api/users/${ids.ajOfficerUser}`, { version: { $gt: 0 }, name: 'x' }))
        .status,
    ).toBe(400);
    expect(
      (
        await admin.post('/api/users', {
          username: 'x1',
          staffNo: 'Z1',
          name: 'x',
          unitId: { $gt: '' },
          password: 'Strong#Pass1',
        })
      ).status,
    ).toBe(400);
  });

  test('department codes are unique in the county, suggested from pinyin, and a clash is a clear 409', async () => {
    const admin = as.admin!;
    const suggestions = await admin.get(
      `/api/units/dept-code-suggestions?name=${encodeURIComponent('龙湾区农业农村局')}`,
    );
    // The county's own name in front is left out: 农业农村局 → NY.
    expect(suggestions.body.codes[0]).toBe('NY');
    const county = String(
      (await server.models.units.findOne({ kind: 'county' }).lean().orFail())._id,
    );
    const clash = await admin.post('/api/units', {
      parentId: county,
      kind: 'department',
      name: '龙湾区档案局',
      deptCode: 'AJ',
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({
      message: '部门编码 AJ 已被本县其他部门使用',
      details: { fields: ['deptCode'] },
    });
    const auto = await admin.post('/api/units', {
      parentId: county,
      kind: 'department',
      name: '龙湾区农业农村局',
    });
    expect(auto.status).toBe(201);
    expect(auto.body.deptCode).toBe('NY');
    const bad = await admin.post('/api/units', {
      parentId: county,
      kind: 'office',
      name: '直属科',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('科室不能设在县（区）之下');
  });

  test('division codes come from the official list: a township code outside the county is refused', async () => {
    const admin = as.admin!;
    const county = String(
      (await server.models.units.findOne({ kind: 'county' }).lean().orFail())._id,
    );
    const streets = await admin.get('/api/divisions?parent=330303');
    expect(streets.body.items.map((d: { name: string }) => d.name)).toContain('永中街道');
    const wrong = await admin.post('/api/units', {
      parentId: county,
      kind: 'township',
      name: '外区街道',
      divisionCode: '330302001',
      townshipCode: '91',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('330302001');
  });
});
