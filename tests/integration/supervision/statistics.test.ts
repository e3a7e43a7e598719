import ExcelJS from 'exceljs';
import { civilDateOf, type WorkCalendar } from '../../../runtime/calendar';
import type { Alert } from '../../../server/supervision';
import { caseOfStored, type CaseDoc } from '../../../server/cases/case-model';
import { seedDemoCounty } from '../../../seeds';
import { seedDemoCatalog } from '../../../seeds/demo-catalog';
import { seedDemoCases } from '../../../seeds/demo-cases';
import { DEMO_PASSWORD } from '../../../seeds/demo-county';
import { signedIn, type ApiClient } from '../../support/client';
import { expectedStatistics, pickFigures, type Figures } from '../../support/statistics-oracle';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';

/**
 * SUP-6: on the seeded cases, every figure the statistics answer equals one computed here from the
 * stored trails alone; a rebuild from scratch answers the same figures.
 */
describe('performance statistics', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let supervisor: ApiClient;
  let docs: CaseDoc[];
  let calendar: WorkCalendar;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    await seedDemoCounty(server.models, () => undefined);
    await seedDemoCatalog(server.baseUrl, () => undefined);
    await seedDemoCases(server.baseUrl, server.cases, () => undefined, {
      count: 90,
      now: new Date('2026-12-04T06:00:00Z'),
    });
    supervisor = await signedIn(server, 'supervisor', DEMO_PASSWORD);
    docs = (await server.cases.store.collection.find({}).toArray()).map((s) =>
      caseOfStored(s, server.cases.store.personal),
    );
    calendar = await server.cases.calendars.of(docs[0]!.countyId);
  }, 240_000);
  afterAll(() => server.close());

  type Row = Figures & { key: string; name: string; rank: number };

  async function expected(now: string) {
    const alerts = await t.db.connection.collection<Alert>('supervision_alerts').find({}).toArray();
    return expectedStatistics(docs, alerts, calendar, now);
  }

  async function byDepartment() {
    const res = await supervisor.get('/api/supervision/statistics?by=department&pageSize=200');
    expect(res.status).toBe(200);
    return res.body as { items: Row[]; total: number; totals: Row; page: number; pageSize: number };
  }

  test('SUP-6: every figure per department and in total equals the one computed from the trails', async () => {
    // Some alerts to count: a scan over the seeded cases raises the timeliness cards.
    await supervisor.post('/api/supervision/scan');
    const body = await byDepartment();
    const now = server.cases.executor.clock().toISOString();
    const { groups, total } = await expected(now);
    expect(docs.length).toBeGreaterThanOrEqual(80);
    expect(body.total).toBe(groups.size);
    expect(body.items.map((r) => r.key).sort()).toEqual([...groups.keys()].sort());
    for (const row of body.items) expect(pickFigures(row)).toEqual(groups.get(row.key));
    expect(pickFigures(body.totals)).toEqual(total);
    // The seed has concluded, overdue and alerted cases: the comparison is not of zeros.
    expect(body.totals.concluded).toBeGreaterThan(10);
    expect(body.totals.overdue).toBeGreaterThan(0);
    expect(body.totals.red + body.totals.yellow).toBeGreaterThan(0);
    expect(body.totals.meanDays).not.toBeNull();
    // Ranked by received, most first.
    const received = body.items.map((r) => r.received);
    expect(received).toEqual([...received].sort((a, b) => b - a));
    expect(body.items.map((r) => r.rank)).toEqual(body.items.map((_, i) => i + 1));
  });

  test('SUP-6: items, periods, steps and posts add up to the same cases; the period filter counts by the day received', async () => {
    const totals = (await byDepartment()).totals;
    for (const by of ['item', 'period']) {
      const res = await supervisor.get(`/api/supervision/statistics?by=${by}&pageSize=200`);
      expect(res.status).toBe(200);
      const items = res.body.items as Row[];
      expect(items.reduce((s, r) => s + r.received, 0)).toBe(totals.received);
      expect(items.reduce((s, r) => s + r.concluded, 0)).toBe(totals.concluded);
    }
    // Steps handled: every 办理/办结/受理 entry of a step in the trails.
    const handled = docs.reduce(
      (s, d) =>
        s +
        d.trail.filter(
          (e) =>
            ['accept', 'complete', 'conclude'].includes(e.action) &&
            e.process?.step &&
            e.process.stepEndedAt,
        ).length,
      0,
    );
    const steps = await supervisor.get('/api/supervision/statistics?by=step&pageSize=200');
    expect((steps.body.items as Row[]).reduce((s, r) => s + r.concluded, 0)).toBe(handled);
    expect(handled).toBeGreaterThan(0);

    const day = civilDateOf(docs[0]!.state.appliedAt);
    const sameDay = docs.filter(
      (d) => civilDateOf(d.trail[0]!.application?.appliedAt ?? d.trail[0]!.at) === day,
    );
    const res = await supervisor.get(`/api/supervision/statistics?from=${day}&to=${day}`);
    expect(res.body.totals.received).toBe(sameDay.length);
  });

  test('SUP-6: rebuilding from scratch answers the same figures', async () => {
    const before = await byDepartment();
    // Spoil what is stored: the rebuild must derive everything again, not keep it.
    const stored = t.db.connection.collection('case_statistics');
    await stored.updateMany({}, { $set: { receivedAt: '2000-01-01T00:00:00.000Z' } });
    const rebuilt = await supervisor.post('/api/supervision/statistics/rebuild');
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body.cases).toBe(docs.length);
    expect(await stored.countDocuments()).toBe(docs.length);
    expect(await stored.countDocuments({ receivedAt: '2000-01-01T00:00:00.000Z' })).toBe(0);
    expect(await byDepartment()).toEqual(before);
  });

  test('SUP-6: the workbook holds the ranked rows and the total', async () => {
    const body = await byDepartment();
    const res = await fetch(`${server.baseUrl}/api/supervision/statistics.xlsx?by=department`, {
      headers: { Cookie: supervisor.cookie! },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('statistics.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const sheet = workbook.getWorksheet('绩效统计')!;
    expect(sheet.getRow(2).getCell(2).value).toBe('部门');
    expect(sheet.getRow(3).getCell(2).value).toBe(body.items[0]!.name);
    expect(sheet.getRow(3).getCell(3).value).toBe(body.items[0]!.received);
    const last = sheet.getRow(3 + body.items.length);
    expect(last.getCell(2).value).toBe('合计');
    expect(last.getCell(3).value).toBe(body.totals.received);
  });

  test('SUP-1: the county case search filters by open alert; a clerk sees only their department’s', async () => {
    await supervisor.post('/api/supervision/scan');
    const open = await t.db.connection
      .collection<Alert>('supervision_alerts')
      .find({ state: 'open' })
      .toArray();
    const withRed = new Set(open.filter((a) => a.level === 'red').map((a) => a.caseId));
    const withAny = new Set(open.map((a) => a.caseId));
    expect(withRed.size).toBeGreaterThan(0);
    const red = await supervisor.get('/api/cases?alert=red&pageSize=200');
    expect(red.status).toBe(200);
    expect(new Set(red.body.items.map((c: { id: string }) => c.id))).toEqual(withRed);
    const any = await supervisor.get('/api/cases?alert=any&pageSize=200');
    expect(any.body.total).toBe(withAny.size);
    const bad = await supervisor.get('/api/cases?alert=orange');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('alert');

    const clerk = await signedIn(server, 'aj.clerk', DEMO_PASSWORD);
    const own = await clerk.get('/api/cases?alert=any&pageSize=200');
    expect(own.status).toBe(200);
    const me = (await clerk.get('/api/auth/me')).body.user as { departmentId: string };
    const byId = new Map(docs.map((d) => [d._id, d]));
    expect(own.body.items.length).toBeGreaterThan(0);
    for (const c of own.body.items as { id: string }[])
      expect(byId.get(c.id)!.departmentIds).toContain(me.departmentId);
    expect(own.body.total).toBeLessThan(any.body.total);
  });

  test('大屏: the day’s figures count the county’s live cases and open cards', async () => {
    await supervisor.post('/api/supervision/scan');
    const res = await supervisor.get('/api/supervision/today');
    expect(res.status).toBe(200);
    const live = [
      'preReview',
      'preReviewReturned',
      'pendingAcceptance',
      'correction',
      'inProgress',
      'suspended',
    ];
    expect(res.body.open).toBe(docs.filter((d) => live.includes(d.state.status)).length);
    const open = await t.db.connection
      .collection<Alert>('supervision_alerts')
      .find({ state: 'open' })
      .toArray();
    expect([res.body.yellow, res.body.red]).toEqual([
      open.filter((a) => a.level === 'yellow').length,
      open.filter((a) => a.level === 'red').length,
    ]);
    expect(res.body.red).toBeGreaterThan(0);
  });

  test('bad queries are refused with the field named; a clerk may not read the figures', async () => {
    for (const [query, field] of [
      ['by=weather', 'by'],
      ['from=2026-13-01', 'from'],
      ['from=2026-12-01&to=2026-11-01', 'from'],
      ['departmentId[$gt]=', 'departmentId'],
      ['sort=hash', 'sort'],
    ] as const) {
      const res = await supervisor.get(`/api/supervision/statistics?${query}`);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain(field);
    }
    const clerk = await signedIn(server, 'aj.clerk', DEMO_PASSWORD);
    expect((await clerk.get('/api/supervision/statistics')).status).toBe(403);
    expect((await clerk.post('/api/supervision/statistics/rebuild')).status).toBe(403);
    expect((await clerk.get('/api/supervision/today')).status).toBe(403);
  });
});
