import ExcelJS from 'exceljs';
import { addDays, civilDateOf, type WorkCalendar } from '../../../runtime/calendar';
import type { Alert } from '../../../server/supervision';
import { caseOfStored, type CaseDoc } from '../../../server/cases/case-model';
import { seedDemoCounty } from '../../../seeds';
import { seedDemoCatalog } from '../../../seeds/demo-catalog';
import { seedDemoCases } from '../../../seeds/demo-cases';
import { DEMO_PASSWORD } from '../../../seeds/demo-county';
import { signedIn, type ApiClient } from '../../support/client';
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
    docs = (await server.cases.store.collection.find({}).toArray()).map(caseOfStored);
    calendar = await server.cases.calendars.of(docs[0]!.countyId);
  }, 240_000);
  afterAll(() => server.close());

  /** Working days in (from, to], skipping any day a pause touched: counted by hand, day by day. */
  function daysByHand(from: string, to: string, pauses: { from: string; to?: string }[]) {
    const touched = new Set<string>();
    for (const p of pauses) {
      const last = civilDateOf(p.to ?? to);
      for (let d = civilDateOf(p.from); d <= last; d = addDays(d, 1)) touched.add(d);
    }
    let n = 0;
    const end = civilDateOf(to);
    for (let d = addDays(civilDateOf(from), 1); d <= end; d = addDays(d, 1))
      if (calendar.isWorkingDay(d) && !touched.has(d)) n += 1;
    return n;
  }

  interface Expected {
    received: number;
    accepted: number;
    concluded: number;
    granted: number;
    denied: number;
    onTime: number;
    overdue: number;
    urged: number;
    yellow: number;
    red: number;
    days: number[];
  }

  /** The figures per handling department and for the county, from the trails and the alerts. */
  async function expected(now: string) {
    const alerts = await t.db.connection.collection<Alert>('supervision_alerts').find({}).toArray();
    const groups = new Map<string, Expected>();
    const blank = (): Expected => ({
      received: 0,
      accepted: 0,
      concluded: 0,
      granted: 0,
      denied: 0,
      onTime: 0,
      overdue: 0,
      urged: 0,
      yellow: 0,
      red: 0,
      days: [],
    });
    const total = blank();
    for (const d of docs) {
      const g = groups.get(d.handlingDepartmentId) ?? blank();
      groups.set(d.handlingDepartmentId, g);
      const accept = d.trail.find((e) => e.action === 'accept');
      const conclude = d.trail.find((e) => e.action === 'conclude');
      const ended = d.trail.find((e) =>
        ['conclude', 'withdraw', 'terminate', 'refuse'].includes(e.action),
      );
      const due = (d.state.deadlines.promised ?? d.state.deadlines.legal)?.dueAt ?? null;
      const endedAt = ended ? (ended.result?.concludedAt ?? ended.at) : undefined;
      const mine = alerts.filter((a) => a.caseId === d._id);
      for (const x of [g, total]) {
        x.received += 1;
        if (accept) x.accepted += 1;
        if (conclude) x.concluded += 1;
        if (conclude?.result?.finalState === 'granted') x.granted += 1;
        if (conclude?.result?.finalState === 'denied') x.denied += 1;
        if (conclude && (!due || (conclude.result?.concludedAt ?? conclude.at) <= due))
          x.onTime += 1;
        if (accept && due && (endedAt ?? now) > due) x.overdue += 1;
        x.urged += d.trail.filter((e) => e.action === 'urge').length;
        x.yellow += mine.filter((a) => a.level === 'yellow' || a.escalatedAt).length;
        x.red += mine.filter((a) => a.level === 'red').length;
        if (conclude && accept)
          x.days.push(
            daysByHand(accept.at, conclude.result?.concludedAt ?? conclude.at, d.state.pauses),
          );
      }
    }
    return { groups, total };
  }

  const mean = (xs: number[]) =>
    xs.length ? Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 100) / 100 : null;
  const p90 = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? s[Math.ceil(0.9 * s.length) - 1] : null;
  };
  const figuresOf = (e: Expected) => ({
    received: e.received,
    accepted: e.accepted,
    concluded: e.concluded,
    granted: e.granted,
    denied: e.denied,
    onTime: e.onTime,
    onTimeRate: e.concluded ? Math.round((e.onTime / e.concluded) * 100) / 100 : null,
    overdue: e.overdue,
    urged: e.urged,
    yellow: e.yellow,
    red: e.red,
    meanDays: mean(e.days),
    p90Days: p90(e.days),
  });
  type Row = ReturnType<typeof figuresOf> & { key: string; name: string; rank: number };
  const pick = (r: Row) => {
    const { key: _k, name: _n, rank: _r, ...rest } = r;
    return Object.fromEntries(
      Object.keys(figuresOf(blankFigures())).map((k) => [k, (rest as Record<string, unknown>)[k]]),
    );
  };
  const blankFigures = (): Expected => ({
    received: 0,
    accepted: 0,
    concluded: 0,
    granted: 0,
    denied: 0,
    onTime: 0,
    overdue: 0,
    urged: 0,
    yellow: 0,
    red: 0,
    days: [],
  });

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
    for (const row of body.items) expect(pick(row)).toEqual(figuresOf(groups.get(row.key)!));
    expect(pick(body.totals)).toEqual(figuresOf(total));
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
  });
});
