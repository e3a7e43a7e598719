import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import { civilDateOf, type WorkCalendar } from '../../../runtime/calendar';
import type { LoginLog } from '../../../server/audit/models';
import type { CaseDoc } from '../../../server/cases/case-model';
import { seedDemoCounty } from '../../../seeds';
import { seedDemoCatalog } from '../../../seeds/demo-catalog';
import { seedDemoCases } from '../../../seeds/demo-cases';
import { DEMO_PASSWORD } from '../../../seeds/demo-county';
import { signedIn, type ApiClient } from '../../support/client';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { expectedStatistics } from '../../support/statistics-oracle';

const NOW = new Date('2026-12-04T06:00:00Z');
const MONTH = '2026-11';
/** November 2026 in Shanghai's civil time: [from, to). */
const FROM = new Date('2026-10-31T16:00:00Z');
const TO = new Date('2026-11-30T16:00:00Z');

interface Row {
  key: string;
  name: string;
  received: number;
  accepted: number;
  concluded: number;
  onTime: number;
  onTimeRate: number | null;
  overdue: number;
}

/**
 * OPS-2: the monthly operation report's figures equal those computed here from the seeded
 * cases, login log and faults; its DOCX and XLSX open and carry the same figures.
 */
describe('monthly operation report (OPS-2)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let admin: ApiClient;
  let docs: CaseDoc[];
  let calendar: WorkCalendar;
  let at = NOW;

  /** Records a fault at a time in November, answered and restored after the minutes given. */
  async function fault(
    faultClass: 'A' | 'B' | 'C',
    reported: string,
    respondAfter: number,
    resolveAfter?: number,
  ) {
    at = new Date(reported);
    const created = await admin.post('/api/operations/faults', {
      faultClass,
      title: `${faultClass}类测试故障 ${reported}`,
      affected: '办件',
      occurredAt: new Date(at.getTime() - 5 * 60_000).toISOString(),
    });
    expect(created.status).toBe(201);
    at = new Date(at.getTime() + respondAfter * 60_000);
    const responded = await admin.post(`/api/operations/faults/${created.body.id}/respond`, {
      version: created.body.version,
    });
    expect(responded.status).toBe(200);
    if (resolveAfter === undefined) return;
    at = new Date(Date.parse(reported) + resolveAfter * 60_000);
    const resolved = await admin.post(`/api/operations/faults/${created.body.id}/resolve`, {
      version: responded.body.version,
      resolution: '已处理',
      cause: `原因${reported}`,
    });
    expect(resolved.status).toBe(200);
  }

  beforeAll(async () => {
    server = await startTestServer(t.db);
    await seedDemoCounty(server.models, () => undefined);
    await seedDemoCatalog(server.baseUrl, () => undefined);
    await seedDemoCases(server.baseUrl, server.cases, () => undefined, { count: 60, now: NOW });
    server.cases.executor.clock = () => at;
    admin = await signedIn(server, 'admin', DEMO_PASSWORD);
    // A: met both; A: response late; B: both met; C: responded, not restored, past 4 h (late).
    await fault('A', '2026-11-03T01:00:00.000Z', 10, 200);
    await fault('A', '2026-11-10T14:00:00.000Z', 25, 230);
    await fault('B', '2026-11-18T02:00:00.000Z', 20, 600);
    await fault('C', '2026-11-27T03:00:00.000Z', 300);
    // One in October and one in December stay out of November's report.
    await fault('B', '2026-10-31T15:00:00.000Z', 5, 60);
    await fault('C', '2026-12-01T02:00:00.000Z', 5);
    at = NOW;
    // Logins in November, as the login log holds them (the seed's own happen at the real time).
    const countyId = (await server.models.units.findOne({ kind: 'county' }).lean().orFail())._id;
    const user = async (username: string) =>
      (await server.models.users.findOne({ username }).lean().orFail())._id;
    const logins: Omit<LoginLog, '_id'>[] = [];
    const add = (iso: string, username: string, outcome: LoginLog['outcome'], userId?: unknown) =>
      logins.push({
        at: new Date(iso),
        username,
        ...(userId ? { userId: userId as LoginLog['userId'] } : {}),
        countyId,
        outcome,
        via: 'password',
      });
    const [a, o, s] = await Promise.all([user('admin'), user('aj.officer'), user('supervisor')]);
    add('2026-11-02T00:30:00Z', 'admin', 'success', a);
    add('2026-11-02T01:30:00Z', 'admin', 'success', a);
    add('2026-11-02T02:00:00Z', 'aj.officer', 'success', o);
    // 23:30 on the 2nd in Shanghai is still the 2nd; 16:30Z is the 3rd.
    add('2026-11-02T15:30:00Z', 'supervisor', 'success', s);
    add('2026-11-02T16:30:00Z', 'supervisor', 'success', s);
    add('2026-11-20T01:00:00Z', 'aj.officer', 'failure', o);
    add('2026-11-20T01:01:00Z', 'aj.officer', 'lockout', o);
    // The last instant of October and the first of December: not November's.
    add('2026-10-31T15:59:00Z', 'admin', 'success', a);
    add('2026-11-30T16:00:00Z', 'admin', 'success', a);
    await server.models.loginLogs.insertMany(logins);
    // Read through the store, as the server does (it opens what it sealed).
    const ids = await server.cases.store.collection.find({}, { projection: { _id: 1 } }).toArray();
    docs = (await Promise.all(ids.map((x) => server.cases.store.fresh(String(x._id))))).filter(
      (d): d is CaseDoc => d !== null,
    );
    calendar = await server.cases.calendars.of(docs[0]!.countyId);
    await server.cases.projector.settled();
  }, 300_000);
  afterAll(() => server?.close());

  const get = async (path: string) => {
    const res = await fetch(`${server.baseUrl}${path}`, { headers: { Cookie: admin.cookie! } });
    expect(res.status).toBe(200);
    return res;
  };

  test('OPS-2: cases by department equal those computed from the trails of the cases received in the month', async () => {
    const res = await admin.get(`/api/operations/reports/monthly?month=${MONTH}`);
    expect(res.status).toBe(200);
    const inMonth = docs.filter((d) => {
      const day = civilDateOf(d.trail[0]!.application?.appliedAt ?? d.trail[0]!.at);
      return day >= '2026-11-01' && day <= '2026-11-30';
    });
    const { groups, total } = expectedStatistics(inMonth, [], calendar, NOW.toISOString());
    const pick = (r: Row) => ({
      received: r.received,
      accepted: r.accepted,
      concluded: r.concluded,
      onTime: r.onTime,
      onTimeRate: r.onTimeRate,
      overdue: r.overdue,
    });
    const rows = res.body.departments as Row[];
    expect(rows.map((r) => r.key).sort()).toEqual([...groups.keys()].sort());
    for (const r of rows)
      expect(pick(r)).toEqual(pick({ ...groups.get(r.key)!, key: '', name: '' }));
    expect(pick(res.body.total)).toEqual(pick({ ...total, key: '', name: '' }));
    // Not a comparison of zeros, and not the whole seed either.
    expect(res.body.total.received).toBeGreaterThan(5);
    expect(res.body.total.concluded).toBeGreaterThan(0);
    expect(res.body.total.received).toBeLessThan(docs.length);
  });

  test('OPS-2: logins per day and active users are those of the login log in the month', async () => {
    const { logins } = (await admin.get(`/api/operations/reports/monthly?month=${MONTH}`)).body;
    const all = await server.models.loginLogs.find({ at: { $gte: FROM, $lt: TO } }).lean();
    const ok = all.filter((l) => l.outcome === 'success' && l.countyId);
    expect(logins.successes).toBe(ok.length);
    expect(logins.successes).toBe(5);
    expect(logins.activeUsers).toBe(3);
    expect(logins.failures).toBe(1);
    expect(logins.lockouts).toBe(1);
    expect(logins.days).toHaveLength(30);
    expect(logins.days[1]).toEqual({ date: '2026-11-02', logins: 4, users: 3 });
    expect(logins.days[2]).toEqual({ date: '2026-11-03', logins: 1, users: 1 });
    expect(logins.days.reduce((s: number, d: { logins: number }) => s + d.logins, 0)).toBe(5);
    expect(logins.operations).toBe(
      await server.models.operationLogs.countDocuments({ at: { $gte: FROM, $lt: TO } }),
    );
  });

  test('OPS-2: the month’s faults by class, with response and restoration against the targets', async () => {
    const { faults } = (await admin.get(`/api/operations/reports/monthly?month=${MONTH}`)).body;
    expect(faults.items.map((f: { faultClass: string }) => f.faultClass)).toEqual([
      'A',
      'A',
      'B',
      'C',
    ]);
    const [a, b, c] = faults.byClass;
    expect(a).toMatchObject({
      faultClass: 'A',
      count: 2,
      resolved: 2,
      responseMet: 1,
      responseMissed: 1,
      resolutionMet: 2,
      resolutionMissed: 0,
      meanResponseMinutes: 17.5,
      meanResolutionMinutes: 215,
      outageMinutes: 205 + 235,
    });
    expect(b).toMatchObject({
      count: 1,
      responseMet: 1,
      resolutionMet: 1,
      meanResolutionMinutes: 600,
    });
    // Five working days from Friday 27 November end with Friday 4 December: still in time on the 4th.
    expect(c).toMatchObject({
      count: 1,
      resolved: 0,
      responseMet: 0,
      responseMissed: 1,
      resolutionMet: 0,
      resolutionMissed: 0,
      meanResponseMinutes: 300,
      meanResolutionMinutes: null,
    });
  });

  test('OPS-2: API volumes come from this process’s metrics and the report says so', async () => {
    const scrape = await (await get('/metrics')).text();
    let requests = 0;
    for (const line of scrape.split('\n')) {
      const m = /^http_requests_total\{([^}]*)\} (\S+)$/.exec(line);
      if (m && /route="\/api\//.test(m[1]!)) requests += Number(m[2]);
    }
    // /metrics is not an API route: nothing between the scrape and the report adds to the count.
    const { api } = (await admin.get(`/api/operations/reports/monthly?month=${MONTH}`)).body;
    expect(api.requests).toBe(requests);
    expect(api.requests).toBeGreaterThan(100);
    expect(api.meanMs).toBeGreaterThan(0);
    expect(api.note).toContain('/metrics');
    expect(api.routes[0].requests).toBeGreaterThanOrEqual(api.routes[1].requests);
  });

  test('OPS-2: the DOCX opens and holds the department rows, totals and faults', async () => {
    const json = (await admin.get(`/api/operations/reports/monthly?month=${MONTH}`)).body;
    const res = await get(`/api/operations/reports/monthly.docx?month=${MONTH}`);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    expect(res.headers.get('content-disposition')).toContain('operation-report-2026-11.docx');
    const zip = new PizZip(Buffer.from(await res.arrayBuffer()));
    const xml = zip.file('word/document.xml')!.asText();
    const cells = (tr: string) =>
      [...tr.matchAll(/<w:tc>(.*?)<\/w:tc>/g)].map((m) =>
        [...m[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((x) => x[1]).join(''),
      );
    const rows = [...xml.matchAll(/<w:tr>(.*?)<\/w:tr>/g)].map((m) => cells(m[1]!));
    const rate = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
    for (const d of json.departments as Row[])
      expect(rows).toContainEqual([
        d.name,
        String(d.received),
        String(d.accepted),
        String(d.concluded),
        String(d.onTime),
        rate(d.onTimeRate),
        String(d.overdue),
      ]);
    expect(rows).toContainEqual([
      '合计',
      String(json.total.received),
      String(json.total.accepted),
      String(json.total.concluded),
      String(json.total.onTime),
      rate(json.total.onTimeRate),
      String(json.total.overdue),
    ]);
    expect(rows).toContainEqual(['2026-11-02', '4', '3']);
    expect(rows).toContainEqual(['A类（系统瘫痪）', '2', '2', '1', '1', '2', '0', '17.5', '215']);
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('运行报告（2026年11月）');
    expect(text).toContain('/metrics');
    expect(text).toContain('A类响应15分钟内、恢复4小时内');
    expect(text).not.toMatch(/\{[a-zA-Z#/^]/);
    for (const f of json.faults.items as { number: string }[]) expect(text).toContain(f.number);
  });

  test('OPS-2: the XLSX opens and holds the same figures', async () => {
    const json = (await admin.get(`/api/operations/reports/monthly?month=${MONTH}`)).body;
    const res = await get(`/api/operations/reports/monthly?month=${MONTH}&format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const d = wb.getWorksheet('部门办件')!;
    const departments = json.departments as Row[];
    departments.forEach((r, i) => {
      const row = d.getRow(3 + i);
      expect(row.getCell(1).value).toBe(r.name);
      expect(row.getCell(2).value).toBe(r.received);
      expect(row.getCell(4).value).toBe(r.concluded);
      expect(row.getCell(6).value).toBe(r.onTimeRate ?? '—');
    });
    const total = d.getRow(3 + departments.length);
    expect(total.getCell(1).value).toBe('合计');
    expect(total.getCell(2).value).toBe(json.total.received);
    const faults = wb.getWorksheet('故障统计')!;
    expect(faults.getRow(3).values).toEqual([
      undefined,
      'A类（系统瘫痪）',
      2,
      2,
      1,
      1,
      2,
      0,
      17.5,
      215,
      440,
    ]);
    const logins = wb.getWorksheet('登录')!;
    expect(logins.getRow(4).values).toEqual([undefined, '2026-11-02', 4, 3]);
    expect(wb.getWorksheet('故障明细')!.rowCount).toBe(2 + 4);
  });

  test('OPS-2: a bad or future month is a 400; other formats are refused', async () => {
    for (const q of [
      'month=2026-13',
      'month=2026-1',
      'month=2027-01',
      'month=2026-11&format=pdf',
      '',
    ]) {
      const res = await admin.get(`/api/operations/reports/monthly?${q}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/month|format|月份/);
    }
  });
});
