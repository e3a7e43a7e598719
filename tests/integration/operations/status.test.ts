import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../../../seeds/demo-county';
import { signedIn, type ApiClient } from '../../support/client';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { approvedItem, caseWorld, windowCase, type World } from '../cases/world';

interface Job {
  name: string;
  label: string;
  state: string;
  runs: number;
  failures: number;
  lastDurationMs?: number;
  lastError?: string;
}

describe('system status (OPS-1)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let admin: ApiClient;
  let world: World;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'status-cert-'));
  const certFile = path.join(dir, 'proxy.pem');

  beforeAll(async () => {
    // The reverse proxy's certificate, 20 days from expiry: amber.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        certFile,
        '-days',
        '20',
        '-subj',
        '/CN=zwfw.example.gov.cn',
      ],
      { stdio: 'pipe' },
    );
    server = await startTestServer(t.db, { HTTPS_CERT_FILE: certFile });
    world = await caseWorld(server, ['admin', 'aj.clerk', 'aj.officer', 'reviewer']);
    admin = world.as.admin!;
  });
  afterAll(async () => {
    await server?.close();
    server?.systemStatus.status.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const status = async () => {
    const res = await admin.get('/api/operations/status');
    expect(res.status).toBe(200);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return res.body as any;
  };

  test('administrators only: frontline and supervisors 403, nobody signed in 401', async () => {
    for (const name of ['gs.window', 'supervisor', 'gs.clerk']) {
      const client = await signedIn(server, name, DEMO_PASSWORD);
      expect([name, (await client.get('/api/operations/status')).status]).toEqual([name, 403]);
    }
    expect((await fetch(`${server.baseUrl}/api/operations/status`)).status).toBe(401);
  });

  test('database, this node, disk, cases and logs with plausible values', async () => {
    const s = await status();
    expect(['ok', 'warn', 'error']).toContain(s.overall);
    expect(Date.now() - Date.parse(s.checkedAt)).toBeLessThan(60_000);

    expect(s.database).toMatchObject({ state: 'ok', reachable: true, kind: 'embedded' });
    expect(s.database.pingMs).toBeGreaterThanOrEqual(0);
    expect(s.database.pingMs).toBeLessThan(1000);
    expect(s.database.name).toBe(t.connection.db!.databaseName);
    expect(typeof s.database.version).toBe('string');

    expect(s.node).toMatchObject({
      pid: process.pid,
      host: os.hostname(),
      nodeVersion: process.version,
    });
    expect(s.node.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(s.node.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(s.node.memory.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(s.node.memory.heapUsedBytes).toBeLessThanOrEqual(s.node.memory.heapTotalBytes);
    for (const key of ['meanMs', 'p99Ms', 'maxMs'])
      expect(s.node.eventLoop[key]).toBeGreaterThanOrEqual(0);
    // One node until several run on one database (OPS-6).
    expect(s.nodes).toEqual([
      expect.objectContaining({ id: s.node.id, pid: process.pid, self: true }),
    ]);

    expect(s.disk.totalBytes).toBeGreaterThan(s.disk.freeBytes);
    expect(s.disk.freeBytes).toBeGreaterThan(0);
    expect(s.disk.freeRatio).toBeCloseTo(s.disk.freeBytes / s.disk.totalBytes, 2);

    expect(s.cases).toEqual({ state: 'ok', open: 0 });
    // No sink in this server: its lines are printed only, which the card says.
    expect(s.logs).toMatchObject({ kept: false, retentionDays: 180, errorsLast24h: 0 });
    expect(s.logs.message).toContain('未写入数据库');
  });

  test('certificates: the proxy certificate 20 days from expiry is amber; the SM2 key has none', async () => {
    const s = await status();
    expect(s.certificates.https).toMatchObject({
      state: 'warn',
      configured: true,
      subject: 'CN=zwfw.example.gov.cn',
    });
    expect([19, 20]).toContain(s.certificates.https.daysLeft);
    expect(s.certificates.anchorKey).toMatchObject({ state: 'ok', present: false });
    await server.trailAnchors.key();
    const after = await status();
    expect(after.certificates.anchorKey).toMatchObject({ state: 'ok', present: true });
    expect(after.certificates.anchorKey.message).toContain('无有效期');
    expect(after.certificates.departmentSystemKeys).toMatchObject({ active: 0 });
    expect(after.certificates.state).toBe('warn');
  });

  test('without a certificate configured it says 未配置 HTTPS 证书', async () => {
    const plain = await startTestServer(t.db);
    try {
      const client = await signedIn(plain, 'admin', DEMO_PASSWORD);
      const s = (await client.get('/api/operations/status')).body as {
        certificates: { https: { state: string; configured: boolean; message: string } };
      };
      expect(s.certificates.https).toMatchObject({ state: 'none', configured: false });
      expect(s.certificates.https.message).toContain('未配置 HTTPS 证书');
    } finally {
      await plain.close();
      plain.systemStatus.status.close();
    }
  });

  test('background work: each run of the sender and the anchoring is recorded, failures counted', async () => {
    const before = (await status()).jobs.items as Job[];
    expect(before.map((j) => j.name)).toEqual(
      expect.arrayContaining([
        'caseJobs',
        'supervisionScan',
        'notifications',
        'trailAnchors',
        'systemLogPurge',
      ]),
    );
    // Not started in tests: waiting for a first run is not a fault.
    expect(before.find((j) => j.name === 'caseJobs')).toMatchObject({ runs: 0, state: 'ok' });

    await server.notifications.sender.tick();
    await server.trailAnchors.anchorNow();
    const runs = server.systemStatus.jobRuns;
    for (let i = 0; i < 3; i++)
      await runs
        .track('caseJobs', () => Promise.reject(new Error('数据库超时')))
        .catch(() => undefined);

    const s = await status();
    const job = (name: string) => (s.jobs.items as Job[]).find((j) => j.name === name)!;
    expect(job('notifications')).toMatchObject({ runs: 1, failures: 0, state: 'ok' });
    expect(job('notifications').lastDurationMs).toBeGreaterThanOrEqual(0);
    expect(job('trailAnchors')).toMatchObject({ runs: 1, failures: 0, state: 'ok' });
    expect(job('caseJobs')).toMatchObject({
      runs: 3,
      failures: 3,
      state: 'error',
      lastError: '数据库超时',
    });
    expect(s.jobs.state).toBe('error');
    expect(s.overall).toBe('error');

    await runs.track('caseJobs', () => Promise.resolve());
    expect(job2(await status(), 'caseJobs')).toMatchObject({ runs: 4, failures: 3, state: 'ok' });
  });

  test('open cases: a case registered at a window counts', async () => {
    const itemId = await approvedItem(world);
    await windowCase(world, itemId);
    expect((await status()).cases.open).toBe(1);
  });
});

function job2(s: { jobs: { items: Job[] } }, name: string) {
  return s.jobs.items.find((j) => j.name === name);
}
