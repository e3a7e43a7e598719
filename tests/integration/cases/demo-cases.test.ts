import { caseOfStored } from '../../../server/cases/case-model';
import { verifyTrail } from '../../../runtime/trail';
import { seedDemoCounty } from '../../../seeds';
import { seedDemoCatalog } from '../../../seeds/demo-catalog';
import { seedDemoCases } from '../../../seeds/demo-cases';
import { DEMO_PASSWORD } from '../../../seeds/demo-county';
import { signedIn } from '../../support/client';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';

/** Seeds: a few hundred demo cases in every state, made through the engine (RUN-1 … RUN-6). */
describe('the demo cases seed', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let written: number;
  const messages: string[] = [];

  beforeAll(async () => {
    server = await startTestServer(t.db);
    await seedDemoCounty(server.models, () => undefined);
    await seedDemoCatalog(server.baseUrl, () => undefined);
    // Early December: many deadlines reach into 2027, which chinese-days does not cover (RUN-6).
    written = await seedDemoCases(server.baseUrl, server.cases, (m) => messages.push(m), {
      now: new Date('2026-12-04T06:00:00Z'),
    });
  }, 180_000);
  afterAll(() => server.close());

  test('cases end in every state, none of them written around the engine', async () => {
    expect(written).toBeGreaterThanOrEqual(250);
    const docs = (await server.cases.store.collection.find({}).toArray()).map((s) =>
      caseOfStored(s, server.cases.store.personal),
    );
    expect(docs).toHaveLength(written);
    const statuses = new Set(docs.map((d) => d.state.status));
    for (const s of [
      'preReview',
      'preReviewReturned',
      'pendingAcceptance',
      'correction',
      'inProgress',
      'suspended',
      'concluded',
      'refused',
      'withdrawn',
      'terminated',
    ]) {
      expect(statuses).toContain(s);
    }
    const results = new Set(docs.map((d) => d.state.result?.finalState));
    expect(results).toEqual(new Set([undefined, 'granted', 'denied', 'withdrawn', 'terminated']));
    // Each trail verifies and its last entry is the head the case keeps: the engine wrote it.
    for (const d of docs) {
      expect(verifyTrail(d._id, d.trail, { head: d.trailHead }).ok).toBe(true);
      expect(d.version).toBeGreaterThanOrEqual(d.trail.length > 0 ? 1 : 0);
    }
    // Case numbers are unique; all three channels and 立案 are there.
    const numbers = docs.flatMap((d) => (d.caseNo ? [d.caseNo] : []));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(new Set(docs.map((d) => d.state.channel))).toEqual(
      new Set(['online', 'window', 'push', 'exOfficio']),
    );
    // Spread over the last weeks, before "now".
    const applied = docs.map((d) => Date.parse(d.state.appliedAt));
    expect(Math.max(...applied)).toBeLessThan(Date.parse('2026-12-04T06:00:00Z'));
    expect(Math.min(...applied)).toBeLessThan(Date.parse('2026-11-15T00:00:00Z'));
  });

  test('RUN-17 penalties, seizures, inspections and levies are opened by 立案: no application, no acceptance, decided within the benchmark', async () => {
    const docs = (await server.cases.store.collection.find({}).toArray()).map((s) =>
      caseOfStored(s, server.cases.store.personal),
    );
    const exOfficioTypes = /-(CF|QZ|JG|ZS)-/;
    const penalties = docs.filter((d) => exOfficioTypes.test(d.state.itemCode));
    expect(penalties.length).toBeGreaterThan(10);
    for (const d of penalties) {
      expect(d.state.channel).toBe('exOfficio');
      expect(d.state.exOfficio?.source).toBeDefined();
      expect(d.trail[0]!.action).toBe('open');
      const actions = new Set(d.trail.map((e) => e.action));
      for (const a of ['apply', 'accept', 'preReview', 'requestCorrection', 'refuse'])
        expect(actions.has(a as never)).toBe(false);
      expect(d.state.deadlines.promised).toBeUndefined();
      expect(d.state.result?.finalState ?? 'granted').not.toBe('denied');
    }
    // Every other case was applied for.
    for (const d of docs.filter((x) => !exOfficioTypes.test(x.state.itemCode)))
      expect(d.state.channel).not.toBe('exOfficio');
    const decided = penalties.filter((d) => d.state.penalty);
    expect(decided.length).toBeGreaterThan(0);
    for (const d of decided) {
      const p = d.state.penalty!;
      if (p.outside) expect(p.reason).toBeTruthy();
    }
  });

  test("RUN-7 every case's trail runs forward in time: 申请 before 受理, 签收 before 办理 (issue 13)", async () => {
    const docs = (await server.cases.store.collection.find({}).toArray()).map((s) =>
      caseOfStored(s, server.cases.store.personal),
    );
    const backwards: string[] = [];
    for (const d of docs) {
      const trail = [...d.trail].sort((a, b) => a.seq - b.seq);
      for (let i = 1; i < trail.length; i++) {
        if (Date.parse(trail[i]!.at) < Date.parse(trail[i - 1]!.at))
          backwards.push(
            `${d._id} #${trail[i]!.seq} ${trail[i]!.action} ${trail[i]!.at} < ${trail[i - 1]!.at}`,
          );
      }
      const s = d.state;
      if (s.acceptedAt && s.acceptedAt < s.appliedAt) backwards.push(`${d._id} 受理早于申请`);
      if (trail[0] && Date.parse(trail[0].at) < Date.parse(s.appliedAt))
        backwards.push(`${d._id} 首条痕迹早于申请`);
      for (const w of s.workItems) {
        const times = [w.createdAt, w.claimedAt, w.completedAt].filter(Boolean) as string[];
        for (let i = 1; i < times.length; i++)
          if (times[i]! < times[i - 1]!) backwards.push(`${d._id} ${w.name} ${times.join(' → ')}`);
      }
    }
    expect(docs.length).toBeGreaterThanOrEqual(250);
    expect(backwards).toEqual([]);
  });

  test('RUN-6 the demo 2027 arrangement is imported, marked as a demo, and no case is stopped for 2027', async () => {
    const seed = messages.join('\n');
    expect(seed).toContain('演示 2027 年节假日安排已导入');
    // Without the demo year, 15 of these cases stopped here: 「2027 年的节假日和调休安排不在工作日历中」.
    expect(seed).not.toContain('中途停止');
    const admin = await signedIn(server, 'admin', DEMO_PASSWORD);
    const years = (await admin.get('/api/calendar/official-years')).body;
    expect(years.items).toEqual([
      expect.objectContaining({
        year: 2027,
        source: expect.objectContaining({
          title: expect.stringMatching(/^演示数据：.*非国务院正式通知/),
        }),
      }),
    ]);
    // Its 春节 falls on the lunar new year, 2027-02-06.
    const spring = await admin.get('/api/calendar/days?from=2027-02-06&to=2027-02-06');
    expect(spring.body.days).toEqual([
      { date: '2027-02-06', working: false, source: 'official', name: '春节' },
    ]);
    const docs = (await server.cases.store.collection.find({}).toArray()).map((s) =>
      caseOfStored(s, server.cases.store.personal),
    );
    const into2027 = docs.filter((d) =>
      Object.values(d.state.deadlines ?? {}).some(
        (x) => String((x as { dueAt?: string })?.dueAt ?? '') >= '2027',
      ),
    );
    expect(into2027.length).toBeGreaterThan(0);
  });

  test('queues, lists and supervision events are there to look at', async () => {
    const officer = await signedIn(server, 'aj.officer', DEMO_PASSWORD);
    const counts = (await officer.get('/api/work-queues')).body.items as {
      queue: string;
      count: number;
    }[];
    expect(counts.find((q) => q.queue === 'done')!.count).toBeGreaterThan(0);
    expect(
      counts.find((q) => q.queue === 'todo')!.count +
        counts.find((q) => q.queue === 'acceptance')!.count,
    ).toBeGreaterThan(0);
    const supervisor = await signedIn(server, 'supervisor', DEMO_PASSWORD);
    const all = await supervisor.get('/api/cases?pageSize=1');
    expect(all.body.total).toBe(written);
    const events = await server.models.events.countDocuments({ type: 'deadlineOverdue' });
    expect(events).toBeGreaterThan(0);
    expect(messages.join('\n')).toContain('演示办件已生成');
  });
});
