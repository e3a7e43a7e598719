import { seedDemoCounty } from '../../../seeds';
import { DEMO_PASSWORD } from '../../../seeds/demo-county';
import { ApiClient, signedIn } from '../../support/client';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';

/** ROLE-4 and ROLE-5: one login, lockout, sessions, CSRF, logout, and the logs they leave. */
describe('login and sessions (ROLE-4, ROLE-5)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let admin: ApiClient;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    await seedDemoCounty(server.models, () => undefined);
    admin = await signedIn(server, 'admin', DEMO_PASSWORD);
  });
  afterAll(() => server.close());

  const anonymous = () => new ApiClient(server.baseUrl);

  test('the right password opens a session in an httpOnly SameSite cookie', async () => {
    const client = anonymous();
    const res = await client.login('aj.clerk', DEMO_PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^sid=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(res.body.user).toMatchObject({
      username: 'aj.clerk',
      roles: ['clerk'],
      unitName: '综合科',
    });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const me = await client.get('/api/auth/me');
    expect(me.body.user.username).toBe('aj.clerk');
    expect(me.body.csrfToken).toBe(res.body.csrfToken);
  });

  test('a wrong password and an unknown user get the same 401 and both are logged', async () => {
    const wrong = await anonymous().login('reviewer', 'Wrong#Pass1');
    const unknown = await anonymous().login('nobody', 'Wrong#Pass1');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    const logs = await admin.get('/api/logs/logins?outcome=failure');
    const names = logs.body.items.map((l: { username: string }) => l.username);
    expect(names).toEqual(expect.arrayContaining(['reviewer', 'nobody']));
    expect(logs.body.items[0]).toHaveProperty('ip');
  });

  test('five failures in 15 minutes lock the account; an administrator can unlock it', async () => {
    const client = anonymous();
    for (let i = 1; i <= 4; i++)
      expect((await client.login('gs.clerk', `Wrong#Pass${i}`)).status).toBe(401);
    const fifth = await client.login('gs.clerk', 'Wrong#Pass5');
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe('account_locked');
    const right = await client.login('gs.clerk', DEMO_PASSWORD);
    expect(right.status).toBe(423);
    expect(right.body.error.message).toMatch(/请 1[45] 分钟后再试/);

    const outcomes = (await admin.get('/api/logs/logins?username=gs.clerk')).body.items.map(
      (l: { outcome: string }) => l.outcome,
    );
    expect(outcomes.slice(0, 2)).toEqual(['locked', 'lockout']);

    const user = await server.models.users.findOne({ username: 'gs.clerk' }).lean().orFail();
    expect((await admin.post(`/api/users/${user._id}/unlock`)).status).toBe(200);
    expect((await client.login('gs.clerk', DEMO_PASSWORD)).status).toBe(200);
  });

  test('failures older than 15 minutes do not count towards a lockout', async () => {
    const old = new Date(Date.now() - 16 * 60_000);
    await server.models.users.updateOne(
      { username: 'aj.chief' },
      { $set: { failureCount: 4, failureWindowStart: old } },
    );
    const res = await anonymous().login('aj.chief', 'Wrong#Pass1');
    expect(res.status).toBe(401);
    expect((await anonymous().login('aj.chief', DEMO_PASSWORD)).status).toBe(200);
  });

  test('a session idle past its timeout, or past its absolute limit, is refused and deleted', async () => {
    const idle = await signedIn(server, 'aj.officer', DEMO_PASSWORD);
    const absolute = await signedIn(server, 'aj.officer', DEMO_PASSWORD);
    const past = new Date(Date.now() - 1000);
    const officer = await server.models.users.findOne({ username: 'aj.officer' }).lean().orFail();
    const sessions = await server.models.sessions.model
      .find({ userId: String(officer._id) })
      .sort({ createdAt: -1 })
      .limit(2)
      .lean();
    await server.models.sessions.model.updateOne(
      { _id: sessions[1]!._id },
      { $set: { idleExpiresAt: past } },
    );
    await server.models.sessions.model.updateOne(
      { _id: sessions[0]!._id },
      { $set: { absoluteExpiresAt: past } },
    );
    // Changed behind the store's back: it would see this within seconds; the test asks it now.
    server.models.sessions.clearCache();
    expect((await idle.get('/api/auth/me')).status).toBe(401);
    expect((await absolute.get('/api/auth/me')).status).toBe(401);
    expect(
      await server.models.sessions.model.countDocuments({
        _id: { $in: sessions.map((s) => s._id) },
      }),
    ).toBe(0);
  });

  test('the purge job removes expired sessions nobody comes back for', async () => {
    await signedIn(server, 'yz.window', DEMO_PASSWORD);
    const userId = String(
      (await server.models.users.findOne({ username: 'yz.window' }).lean().orFail())._id,
    );
    await server.models.sessions.model.updateMany(
      { userId },
      { $set: { idleExpiresAt: new Date(Date.now() - 1) } },
    );
    expect(await server.models.sessions.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await server.models.sessions.model.countDocuments({ userId })).toBe(0);
  });

  test('a change without the CSRF token, or with a wrong one, is refused with 403 and changes nothing', async () => {
    const county = await server.models.units.findOne({ kind: 'county' }).lean().orFail();
    const body = {
      parentId: String(county._id),
      kind: 'department',
      name: '龙湾区统计局',
      deptCode: 'TJ',
    };
    const noToken = await admin.request('POST', '/api/units', body, { 'X-CSRF-Token': '' });
    expect(noToken.status).toBe(403);
    expect(noToken.body.error.code).toBe('csrf_failed');
    const wrongToken = await admin.request('POST', '/api/units', body, {
      'X-CSRF-Token': 'x'.repeat(32),
    });
    expect(wrongToken.status).toBe(403);
    expect(await server.models.units.countDocuments({ name: '龙湾区统计局' })).toBe(0);
    expect((await admin.post('/api/units', body)).status).toBe(201);
  });

  test('logout ends the session everywhere the cookie is used', async () => {
    const studio = await signedIn(server, 'reviewer', DEMO_PASSWORD);
    // Another module (say the supervision screens) holding the same session cookie.
    const otherModule = new ApiClient(server.baseUrl);
    otherModule.cookie = studio.cookie;
    expect((await otherModule.get('/api/auth/me')).status).toBe(200);
    expect((await studio.post('/api/auth/logout')).status).toBe(200);
    expect((await otherModule.get('/api/auth/me')).status).toBe(401);
    expect((await studio.get('/api/auth/me')).status).toBe(401);
  });

  test('logout-all ends every session of the user, on every device', async () => {
    const phone = await signedIn(server, 'supervisor', DEMO_PASSWORD);
    const desk = await signedIn(server, 'supervisor', DEMO_PASSWORD);
    const res = await desk.post('/api/auth/logout-all');
    expect(res.body.ended).toBeGreaterThanOrEqual(2);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
  });

  test('passwords follow the policy; a change keeps this session and ends the others', async () => {
    const here = await signedIn(server, 'gs.window', DEMO_PASSWORD);
    const there = await signedIn(server, 'gs.window', DEMO_PASSWORD);
    const weak = await here.post('/api/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'abcdefgh',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('weak_password');
    const wrong = await here.post('/api/auth/password', {
      currentPassword: 'Nope#1234',
      newPassword: 'Better#Pass9',
    });
    expect(wrong.status).toBe(400);
    expect(
      (
        await here.post('/api/auth/password', {
          currentPassword: DEMO_PASSWORD,
          newPassword: 'Better#Pass9',
        })
      ).status,
    ).toBe(200);
    expect((await here.get('/api/auth/me')).status).toBe(200);
    expect((await there.get('/api/auth/me')).status).toBe(401);
    expect((await anonymous().login('gs.window', DEMO_PASSWORD)).status).toBe(401);
    expect((await anonymous().login('gs.window', 'Better#Pass9')).status).toBe(200);
  });

  test('a new user with a weak password is refused and not created', async () => {
    const office = await server.models.units.findOne({ name: '执法监察科' }).lean().orFail();
    const res = await admin.post('/api/users', {
      username: 'weak.user',
      staffNo: 'W1',
      name: '弱密码',
      unitId: String(office._id),
      password: 'short1',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('至少 8 位');
    expect(await server.models.users.countDocuments({ username: 'weak.user' })).toBe(0);
  });

  test('logs are append-only: the models refuse updates and deletes', async () => {
    await expect(
      server.models.loginLogs.updateMany({}, { $set: { outcome: 'success' } }),
    ).rejects.toThrow(/只能追加/);
    await expect(server.models.operationLogs.deleteMany({})).rejects.toThrow(/只能追加/);
    expect(await server.models.loginLogs.countDocuments({ outcome: 'failure' })).toBeGreaterThan(0);
  });
});

describe('login rate limit per address', () => {
  const t = useTestDatabase();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(t.db, { LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => server.close());

  test('attempts beyond the limit in a minute get 429 in the error shape, other routes do not', async () => {
    const client = new ApiClient(server.baseUrl);
    for (let i = 0; i < 3; i++)
      expect((await client.login('nobody', 'Wrong#Pass1')).status).toBe(401);
    const limited = await client.login('nobody', 'Wrong#Pass1');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({
      code: 'too_many_requests',
      details: { perMinute: 3 },
    });
    expect((await client.get('/readyz')).status).toBe(200);
  });
});
