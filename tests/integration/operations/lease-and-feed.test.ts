import pino from 'pino';
import { ChangeFeed, FEED_KEEP_MS } from '../../../server/cases/change-feed';
import { Lease } from '../../../server/operations/lease';
import { SupervisionAlerts } from '../../../server/supervision/alerts';
import { useTestDatabase } from '../../support/database';

const logger = pino({ level: 'silent' });

/** Issue 12 item 2 (OPS-6): the background lease and the change feed on the real database. */
describe('the background lease', () => {
  const t = useTestDatabase();

  test('one node holds it; it moves only when the holder stops renewing and its term has run out', async () => {
    let now = new Date('2026-12-05T08:00:00Z');
    const clock = () => now;
    const db = t.connection.db!;
    const a = new Lease(db, 'jobs', { node: 'a', logger, ms: 15_000, clock });
    const b = new Lease(db, 'jobs', { node: 'b', logger, ms: 15_000, clock });
    expect(await a.check()).toBe(true);
    expect(await b.check()).toBe(false);
    expect([a.held(), b.held()]).toEqual([true, false]);

    // A renews: B still cannot take it, however often it asks.
    now = new Date(now.getTime() + 10_000);
    expect(await a.check()).toBe(true);
    now = new Date(now.getTime() + 10_000);
    expect(await b.check()).toBe(false);
    expect(await a.holder()).toBe('a');

    // A goes silent. Before its term ends it already stops working (a third of the lease early);
    // once the term has run out B takes the next one.
    now = new Date(now.getTime() + 1_000);
    expect(a.held()).toBe(false);
    expect(await b.check()).toBe(false);
    now = new Date(now.getTime() + 5_000);
    expect(await b.check()).toBe(true);
    expect((await b.current())?.term).toBe(2);
    // A, back, finds it lost and does not take it back.
    expect(await a.check()).toBe(false);
    expect(await a.holder()).toBe('b');
    expect((await b.nodes()).map((n) => n._id).sort()).toEqual(['a', 'b']);
  });

  test('two nodes asking at the same moment for a free lease: exactly one gets it', async () => {
    const db = t.connection.db!;
    for (let round = 0; round < 10; round++) {
      const name = `race${round}`;
      const leases = ['x', 'y', 'z'].map((node) => new Lease(db, name, { node, logger }));
      const got = await Promise.all(leases.map((l) => l.check()));
      expect(got.filter(Boolean)).toHaveLength(1);
    }
  });

  test('a clean stop ends the term at once', async () => {
    const db = t.connection.db!;
    const a = new Lease(db, 'stop', { node: 'a', logger });
    const b = new Lease(db, 'stop', { node: 'b', logger });
    expect(await a.check()).toBe(true);
    await a.stop(true);
    expect(await b.check()).toBe(true);
  });
});

describe('the change feed', () => {
  const t = useTestDatabase();

  test("one node hears of the other's writes in order, its own never; a pruned gap makes it reload", async () => {
    const db = t.connection.db!;
    const heard: Record<string, [string, number][]> = { a: [], b: [] };
    const lost: Record<string, number> = { a: 0, b: 0 };
    let bAway = 0;
    const feedOf = (node: 'a' | 'b') =>
      new ChangeFeed(db, {
        node,
        logger,
        clock: () => Date.now() + (node === 'b' ? bAway : 0),
        changed: async (cases) => void heard[node]!.push(...cases),
        lost: async () => void (lost[node]! += 1),
      });
    const a = feedOf('a');
    const b = feedOf('b');
    await Promise.all([a.mark(), b.mark()]);

    // Both write at once: numbers never collide, and each hears exactly the other's.
    for (let i = 0; i < 20; i++) {
      a.published(`case${i}`, i + 1);
      b.published(`other${i}`, i + 1);
    }
    await Promise.all([a.settled(), b.settled()]);
    expect(a.failed + b.failed).toBe(0);
    await Promise.all([a.poll(), b.poll()]);
    expect(heard.b).toEqual(Array.from({ length: 20 }, (_, i) => [`case${i}`, i + 1]));
    expect(heard.a).toEqual(Array.from({ length: 20 }, (_, i) => [`other${i}`, i + 1]));
    const numbers = (await a.collection.find({}).sort({ _id: 1 }).toArray()).map((e) =>
      Number(e._id),
    );
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));

    // B is away while A writes and the old entries are pruned: B finds the gap and reloads.
    a.published('late1', 1);
    await a.settled();
    await a.collection.updateMany({}, { $set: { at: new Date(Date.now() - FEED_KEEP_MS - 1) } });
    a.published('late2', 1);
    await a.settled();
    expect(await a.prune(new Date())).toBeGreaterThan(0);
    // Back within the time entries are kept, B looks no further than the next number.
    await b.poll();
    expect(lost.b).toBe(0);
    bAway = FEED_KEEP_MS;
    await b.poll();
    expect(lost.b).toBe(1);
    // Reloaded, it goes on from the end of the feed.
    a.published('later', 1);
    await a.settled();
    await b.poll();
    expect(heard.b!.at(-1)).toEqual(['later', 1]);
  });
});

describe('supervision alerts across nodes', () => {
  const t = useTestDatabase();

  test('a console on one node hears the alerts another node raises, escalates and clears (SUP-2)', async () => {
    const db = t.connection.db!;
    const nodes = (['a', 'b'] as const).map((node) => {
      const alerts = new SupervisionAlerts(t.connection, logger);
      const feed = new ChangeFeed(db, {
        node,
        logger,
        changed: async () => undefined,
        lost: async () => undefined,
        alertsChanged: (ids) => alerts.remoteChanged(ids),
      });
      alerts.written = (id) => feed.publishedAlert(id);
      return { alerts, feed };
    });
    const [a, b] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    await Promise.all([a.feed.mark(), b.feed.mark(), a.alerts.whenLoaded(), b.alerts.whenLoaded()]);
    const heard: string[] = [];
    b.alerts.subscribe((c) => heard.push(`${c.kind}:${c.alert.level}`));
    const alert = {
      _id: 'timeliness:case1:step',
      countyId: 'c1',
      caseId: 'case1',
      caseName: '测试办件',
      itemId: 'i1',
      itemCode: 'XK-1',
      itemName: '测试事项',
      departmentId: 'd1',
      departmentName: '测试局',
      userIds: [],
      userNames: [],
      ruleId: 'r1',
      ruleVersion: 1,
      ruleName: '时限',
      ruleKind: 'timeliness' as const,
      level: 'yellow' as const,
      detail: '剩余 1 个工作日',
      raisedAt: '2026-12-05T08:00:00.000Z',
    };
    const passOn = async () => {
      await a.feed.settled();
      await b.feed.poll();
    };
    await a.alerts.raise(alert);
    await passOn();
    await a.alerts.raise({ ...alert, level: 'red', raisedAt: '2026-12-06T08:00:00.000Z' });
    await passOn();
    await a.alerts.clear((x) => x.caseId === 'case1', '2026-12-06T09:00:00.000Z', '已办结');
    await passOn();
    expect(heard).toEqual(['raised:yellow', 'escalated:red', 'cleared:red']);
    expect(b.alerts.get(alert._id)?.state).toBe('cleared');
  });
});
