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
    written = await seedDemoCases(server.baseUrl, server.cases, (m) => messages.push(m), {
      now: new Date('2026-11-20T06:00:00Z'),
    });
  }, 180_000);
  afterAll(() => server.close());

  test('cases end in every state, none of them written around the engine', async () => {
    expect(written).toBeGreaterThanOrEqual(250);
    const docs = (await server.cases.store.collection.find({}).toArray()).map(caseOfStored);
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
    // Case numbers are unique; all three channels are there.
    const numbers = docs.flatMap((d) => (d.caseNo ? [d.caseNo] : []));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(new Set(docs.map((d) => d.state.channel))).toEqual(
      new Set(['online', 'window', 'push']),
    );
    // Spread over the last weeks, before "now".
    const applied = docs.map((d) => Date.parse(d.state.appliedAt));
    expect(Math.max(...applied)).toBeLessThan(Date.parse('2026-11-20T06:00:00Z'));
    expect(Math.min(...applied)).toBeLessThan(Date.parse('2026-11-01T00:00:00Z'));
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
