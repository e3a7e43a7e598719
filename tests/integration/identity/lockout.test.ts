import { checkCharacter } from '../../../runtime';
import { seedDemoCounty } from '../../../seeds';
import { DEMO_PASSWORD } from '../../../seeds/demo-county';
import { documentKey } from '../../../server/database/embedded/serialized-writes';
import { AddressLimit, purgeAddressFailures } from '../../../server/identity/address-failures';
import { LOCKOUT } from '../../../server/identity/lockout';
import { ApiClient } from '../../support/client';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';

const CITIZEN_PASSWORD = 'Citizen#2026';
const idOf = (first17: string) => first17 + checkCharacter(first17);

/**
 * ROLE-4 lockout under concurrency: each attempt is counted by one conditional update before its
 * password hash is checked, per account (staff and citizens alike) and per client address.
 * The server trusts X-Forwarded-For from loopback (`trust proxy`), so each test speaks from an
 * address of its own and the per-address counts of one test do not reach another.
 */
describe('login lockout as one atomic update (ROLE-4, ROLE-5)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  /** Filters of the writes the lockout sends, as the driver receives them. */
  const writes: { collection: string; method: string; filter: unknown }[] = [];

  beforeAll(async () => {
    server = await startTestServer(t.db);
    await seedDemoCounty(server.models, () => undefined);
    t.connection.set('debug', (collection: string, method: string, filter: unknown) => {
      writes.push({ collection, method, filter });
    });
  });
  afterAll(() => server.close());

  const from = (address: string) => ({ 'X-Forwarded-For': address });
  const staffLogin = (address: string, username: string, password: string) =>
    new ApiClient(server.baseUrl).request(
      'POST',
      '/api/auth/login',
      { username, password },
      from(address),
    );
  const citizenLogin = (address: string, idNumber: string, password: string) =>
    new ApiClient(server.baseUrl).request(
      'POST',
      '/api/applicant/login',
      { idNumber, password },
      from(address),
    );
  const register = async (address: string, idNumber: string) => {
    const res = await new ApiClient(server.baseUrl).request(
      'POST',
      '/api/applicant/register',
      { name: '陈市民', idNumber, phone: '13900001111', password: CITIZEN_PASSWORD },
      from(address),
    );
    expect(res.status).toBe(201);
    return server.models.applicants.findById(res.body.id).orFail();
  };
  const statuses = (results: { status: number }[]) => {
    const counts: Record<number, number> = {};
    for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
    return counts;
  };
  const user = (username: string) => server.models.users.findOne({ username }).lean().orFail();

  test('ROLE-4: 50 parallel wrong passwords at one staff account get five hash checks and lock it; then the right password is refused', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => staffLogin('10.4.0.1', 'aj.clerk', `Wrong#Pass${i}`)),
    );
    // Exactly five attempts were admitted to the hash check: four 401s, the fifth locked it.
    expect(statuses(results)).toEqual({ 401: 4, 423: 46 });
    const stored = await user('aj.clerk');
    expect(stored.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + LOCKOUT.lockMs - 60_000);
    // Every attempt that reached the counter is in it (those arriving after the lock are not).
    expect(stored.failureCount).toBeGreaterThanOrEqual(LOCKOUT.failures);
    expect(stored.failureCount).toBeLessThanOrEqual(50);

    const right = await staffLogin('10.4.0.1', 'aj.clerk', DEMO_PASSWORD);
    expect(right.status).toBe(423);
    expect(right.body.error.code).toBe('account_locked');
    expect(right.body.error.message).toMatch(/账号已锁定，请 1[45] 分钟后再试/);

    const outcomes = await server.models.loginLogs
      .find({ username: 'aj.clerk', ip: '10.4.0.1' })
      .lean();
    const count = (outcome: string) => outcomes.filter((l) => l.outcome === outcome).length;
    expect([count('failure'), count('lockout'), count('locked')]).toEqual([4, 1, 46]);
  });

  test('ROLE-4: 50 parallel wrong passwords at one citizen account lock it the same way', async () => {
    const idNumber = idOf('33030319900101123');
    const applicant = await register('10.4.0.2', idNumber);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => citizenLogin('10.4.0.2', idNumber, `Wrong#Pass${i}`)),
    );
    expect(statuses(results)).toEqual({ 401: 4, 423: 46 });
    const stored = await server.models.applicants.findById(applicant._id).lean().orFail();
    expect(stored.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + LOCKOUT.lockMs - 60_000);
    expect(stored.failureCount).toBeGreaterThanOrEqual(LOCKOUT.failures);

    const right = await citizenLogin('10.4.0.2', idNumber, CITIZEN_PASSWORD);
    expect(right.status).toBe(423);
    expect(right.body.error.message).toMatch(/账号已锁定，请 1[45] 分钟后再试/);
  });

  test('ROLE-4: a locked account is refused before its password hash is checked', async () => {
    // The demo hash with 600 passes instead of 3: checking it would take seconds.
    const stored = await server.models.users.findOne({ username: 'aj.officer' }).lean().orFail();
    const slowHash = stored.passwordHash!.replace(/t=3,/, 't=600,');
    expect(slowHash).not.toBe(stored.passwordHash);
    await server.models.users.updateOne(
      { _id: stored._id },
      { $set: { passwordHash: slowHash, lockedUntil: new Date(Date.now() + 10 * 60_000) } },
    );
    const started = performance.now();
    const res = await staffLogin('10.4.0.3', 'aj.officer', DEMO_PASSWORD);
    const took = performance.now() - started;
    expect(res.status).toBe(423);
    expect(took).toBeLessThan(1000);
    await server.models.users.updateOne(
      { _id: stored._id },
      { $set: { passwordHash: stored.passwordHash }, $unset: { lockedUntil: 1 } },
    );
  });

  test('ROLE-4: one address spraying many accounts, staff and citizens, is refused after its limit; other addresses are not', async () => {
    const limit = server.config.LOGIN_FAILURES_PER_ADDRESS;
    const citizens = [idOf('33030319800101201'), idOf('33030319800101202')];
    const staff = ['reviewer', 'gs.clerk', 'gs.window', 'yz.window', 'supervisor', 'mz.clerk'];
    const guesses = Array.from({ length: limit }, (_, i) =>
      i < citizens.length
        ? citizenLogin('10.4.0.4', citizens[i]!, 'Wrong#Pass1')
        : staffLogin('10.4.0.4', i % 2 ? staff[i % staff.length]! : `nobody${i}`, 'Wrong#Pass1'),
    );
    expect(statuses(await Promise.all(guesses))).toEqual({ 401: limit });
    // No account got near its own lock: it is the address that is refused.
    for (const name of staff) expect((await user(name)).failureCount).toBeLessThan(5);

    const next = await staffLogin('10.4.0.4', 'rs.clerk', DEMO_PASSWORD);
    expect(next.status).toBe(429);
    expect(next.body.error).toMatchObject({
      code: 'too_many_failures',
      details: { limit },
    });
    expect(next.body.error.message).toMatch(/该地址登录失败次数过多，请 \d+ 分钟后再试/);
    expect((await citizenLogin('10.4.0.4', citizens[0]!, 'Wrong#Pass1')).status).toBe(429);
    // rs.clerk's account was not even counted, and another address logs in as usual.
    expect((await user('rs.clerk')).failureCount ?? 0).toBe(0);
    expect((await staffLogin('10.4.0.5', 'rs.clerk', DEMO_PASSWORD)).status).toBe(200);

    const counted = await server.models.loginAddressFailures.find({ address: '10.4.0.4' }).lean();
    expect(counted.map((w) => w.count)).toEqual([limit]);
  });

  test('ROLE-4: an address counter counts parallel failures faithfully, and its window ending resets it', async () => {
    const addresses = new AddressLimit(server.models.loginAddressFailures, 20);
    const t0 = new Date('2026-03-02T01:00:00Z');
    const counts = await Promise.all(
      Array.from({ length: 30 }, () => addresses.record('10.4.0.6', t0)),
    );
    expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(await addresses.blocked('10.4.0.6', new Date(t0.getTime() + 14 * 60_000))).toBe(1);
    const later = new Date(t0.getTime() + LOCKOUT.windowMs);
    expect(await addresses.blocked('10.4.0.6', later)).toBeUndefined();
    expect(await addresses.record('10.4.0.6', later)).toBe(1);
    expect(await purgeAddressFailures(server.models.loginAddressFailures, later)).toBe(1);
    expect(await server.models.loginAddressFailures.countDocuments({ address: '10.4.0.6' })).toBe(
      1,
    );
  });

  test('ROLE-4: failures of a window that has ended do not count; a new window starts at one', async () => {
    for (let i = 0; i < 4; i++)
      expect((await staffLogin('10.4.0.7', 'aj.chief', 'Wrong#Pass1')).status).toBe(401);
    const chief = await user('aj.chief');
    expect(chief.failureCount).toBe(4);
    // Set back in the database: the window started 15 minutes and a second ago.
    await server.models.users.updateOne(
      { _id: chief._id },
      { $set: { failureWindowStart: new Date(Date.now() - LOCKOUT.windowMs - 1000) } },
    );
    expect((await staffLogin('10.4.0.7', 'aj.chief', 'Wrong#Pass1')).status).toBe(401);
    const after = await user('aj.chief');
    expect(after.failureCount).toBe(1);
    expect(after.failureWindowStart!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(after.lockedUntil).toBeUndefined();
    // Four more in the new window make five: locked.
    for (let i = 0; i < 3; i++)
      expect((await staffLogin('10.4.0.7', 'aj.chief', 'Wrong#Pass1')).status).toBe(401);
    expect((await staffLogin('10.4.0.7', 'aj.chief', 'Wrong#Pass1')).status).toBe(423);
  });

  test('ROLE-4: a successful login clears the count, for staff and citizens', async () => {
    for (let i = 0; i < 3; i++)
      expect((await staffLogin('10.4.0.8', 'zj.clerk', 'Wrong#Pass1')).status).toBe(401);
    expect((await user('zj.clerk')).failureCount).toBe(3);
    expect((await staffLogin('10.4.0.8', 'zj.clerk', DEMO_PASSWORD)).status).toBe(200);
    const cleared = await user('zj.clerk');
    expect(cleared.failureCount).toBe(0);
    expect(cleared.failureWindowStart).toBeUndefined();
    // A fresh count: four more failures do not lock.
    for (let i = 0; i < 4; i++)
      expect((await staffLogin('10.4.0.8', 'zj.clerk', 'Wrong#Pass1')).status).toBe(401);

    const idNumber = idOf('33030319900101124');
    const applicant = await register('10.4.0.9', idNumber);
    for (let i = 0; i < 3; i++)
      expect((await citizenLogin('10.4.0.9', idNumber, 'Wrong#Pass1')).status).toBe(401);
    expect((await citizenLogin('10.4.0.9', idNumber, CITIZEN_PASSWORD)).status).toBe(200);
    const citizen = await server.models.applicants.findById(applicant._id).lean().orFail();
    expect(citizen.failureCount).toBe(0);
  });

  test('ROLE-4: every lockout write names its document by _id, so the embedded database orders it', () => {
    const lockoutWrites = writes.filter(
      (w) =>
        ['users', 'applicants', 'login_failures_by_address'].includes(w.collection) &&
        ['findOneAndUpdate', 'updateOne'].includes(w.method),
    );
    expect(lockoutWrites.length).toBeGreaterThan(100);
    const unkeyed = lockoutWrites.filter((w) => documentKey(w.filter) === undefined);
    expect(unkeyed).toEqual([]);
  });
});
