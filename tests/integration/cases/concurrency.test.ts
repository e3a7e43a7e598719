import { verifyTrail } from '../../../runtime/trail';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import {
  approvedItem,
  caseWorld,
  command,
  must,
  windowCase,
  workItemAt,
  type World,
} from './world';

/** One case changes in one version-guarded update (RUN-3, RUN-7, RUN-11; issue 6, consistency). */
describe('concurrent commands on cases', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;
  let itemId: string;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    world = await caseWorld(server, ['aj.clerk', 'reviewer', 'aj.officer', 'aj.chief']);
    itemId = await approvedItem(world);
  });
  afterAll(() => server.close());

  test("commands on many cases at once share a bulk write; a case removed behind the server's back fails alone", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await windowCase(world, itemId));
    // The server holds every case in memory; one disappears from the database under it.
    await server.cases.store.collection.deleteOne({ _id: ids[0]! });
    const answers = await Promise.all(
      ids.map((id) => command(world, 'aj.officer', id, { type: 'accept' })),
    );
    expect(answers.map((a) => a.status)).toEqual([404, 200, 200, 200, 200, 200]);
    for (const id of ids.slice(1)) {
      const stored = (await server.cases.store.fresh(id))!;
      expect(stored.state.status).toBe('inProgress');
      expect(verifyTrail(id, stored.trail, { head: stored.trailHead }).ok).toBe(true);
    }
    expect(await server.cases.store.fresh(ids[0]!)).toBeNull();
  });

  test('50 concurrent completions of one work item: exactly one 200 and 49 × 409, one trail entry', async () => {
    const caseId = await windowCase(world, itemId);
    await must(world, 'aj.officer', caseId, { type: 'accept' });
    const review = await workItemAt(world, 'aj.officer', caseId, 'review');
    await must(world, 'aj.officer', caseId, { type: 'claim', workItemId: review });
    world.clock.minutes(10);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        command(world, 'aj.officer', caseId, {
          type: 'complete',
          workItemId: review,
          opinion: `第 ${i + 1} 次提交`,
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    // The losers are told clearly why: someone else got there first, or it is done.
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(['version_conflict', 'wrong_item_state']).toContain(a.body.error.code);
      expect(a.body.error.message).toMatch(/刷新|已办理完毕/);
    }
    const stored = await server.cases.store.fresh(caseId);
    const completions = stored!.trail.filter((e) => e.action === 'complete');
    expect(completions).toHaveLength(1);
    expect(stored!.state.workItems.filter((w) => w.nodeId === 'decide')).toHaveLength(1);
    expect(verifyTrail(caseId, stored!.trail, { head: stored!.trailHead }).ok).toBe(true);
    // The acceptance notice is recorded in the background and may land at any point.
    const ours = stored!.trail.filter((e) => e.action !== 'document');
    expect(ours.map((e) => e.action)).toEqual(['apply', 'accept', 'claim', 'complete']);
    expect(stored!.version).toBe(stored!.trail.length);
  });

  test('a command on a version the caller no longer sees is refused with 409 and changes nothing', async () => {
    const caseId = await windowCase(world, itemId);
    const accepted = await must(world, 'aj.officer', caseId, { type: 'accept' });
    const review = accepted.workItems[0]!.id;
    const stale = await command(world, 'aj.officer', caseId, {
      type: 'claim',
      workItemId: review,
      version: accepted.version - 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    const seen = await world.as['aj.officer']!.get(`/api/cases/${caseId}`);
    expect(seen.body.version).toBe(accepted.version);
  });

  test('RUN-11: twenty acceptances at once get twenty different case numbers of the day', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await windowCase(world, itemId));
    const answers = await Promise.all(
      ids.map((id) => command(world, 'aj.officer', id, { type: 'accept' })),
    );
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 200));
    const numbers = answers.map((a) => a.body.caseNo as string);
    expect(new Set(numbers).size).toBe(20);
    for (const n of numbers) expect(n).toMatch(/^33030300AJ-20260907-\d{6}$/);
    // Each number is claimed once, by the case that holds it.
    const claims = await server.models.caseNumbers.find({ _id: { $in: numbers } }).lean();
    expect(claims.map((c) => c.caseId).sort()).toEqual([...ids].sort());
  });
});
