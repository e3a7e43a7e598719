import { appendEntries, entryHash, type TrailEntry } from '../../../runtime/trail';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { approvedItem, caseWorld, must, windowCase, workItemAt, type World } from './world';

/** RUN-7: the trail cannot be altered unnoticed; the verify endpoint checks the stored chain. */
describe('trail verification over the API', () => {
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

  /** A case with four entries: apply, accept, claim, complete. */
  async function handledCase(): Promise<string> {
    const id = await windowCase(world, itemId);
    await must(world, 'aj.officer', id, { type: 'accept', opinion: '予以受理' });
    const review = await workItemAt(world, 'aj.officer', id, 'review');
    await must(world, 'aj.officer', id, { type: 'claim', workItemId: review });
    world.clock.minutes(30);
    await must(world, 'aj.officer', id, {
      type: 'complete',
      workItemId: review,
      opinion: '符合条件',
    });
    return id;
  }

  const raw = () => server.cases.store.collection;
  const verify = async (id: string) =>
    (await world.as['aj.chief']!.get(`/api/cases/${id}/trail/verify`)).body as {
      ok: boolean;
      firstBadSeq?: number;
      reason?: string;
      message: string;
      entries: number;
    };

  test('a handled case verifies: every entry hashes and links, and its last hash is the head', async () => {
    const id = await handledCase();
    const result = await verify(id);
    expect(result).toMatchObject({ ok: true, entries: 4 });
    expect(result.message).toContain('校验通过');
    // Stored as the text of what appendEntries returned: no _id or defaults added inside.
    const stored = await raw().findOne({ _id: id });
    expect(stored!.trail).toHaveLength(4);
    // Personal numbers are sealed in the stored text (issue 12 item 7); the hash is of the plain entry.
    for (const stored_ of stored!.trail) {
      const text = server.cases.store.personal.open(stored_);
      const e = JSON.parse(text) as TrailEntry;
      expect(entryHash(e as unknown as Record<string, unknown>)).toBe(e.hash);
      expect(text).not.toContain('"_id"');
    }
  });

  test('an opinion changed directly in the database is found at its entry', async () => {
    const id = await handledCase();
    const stored = (await raw().findOne({ _id: id }))!;
    const entry = JSON.parse(stored.trail[1]!) as TrailEntry;
    entry.process!.opinion = '不予受理';
    await raw().updateOne({ _id: id }, { $set: { 'trail.1': JSON.stringify(entry) } });
    const result = await verify(id);
    expect(result).toMatchObject({ ok: false, firstBadSeq: 2, reason: 'altered' });
    expect(result.message).toContain('第 2 条');
  });

  test('a forged entry appended behind the head, or a chain rebuilt after a change, does not match the head', async () => {
    const id = await handledCase();
    const stored = (await raw().findOne({ _id: id }))!;
    const [forged] = appendEntries({ caseId: id, head: stored.trailHead }, [
      {
        at: new Date().toISOString(),
        action: 'conclude',
        actor: { kind: 'staff', name: '李明' },
        process: {
          department: { id: world.ids.aj, name: '安监局' },
          itemCode: 'x',
          opinion: '准予',
        },
      },
    ]);
    await raw().updateOne({ _id: id }, { $push: { trail: JSON.stringify(forged) } });
    expect(await verify(id)).toMatchObject({ ok: false, firstBadSeq: 5, reason: 'headMismatch' });

    // Someone rewrites entry 2 and recomputes every hash after it: the head still tells.
    const id2 = await handledCase();
    const doc = (await server.cases.store.fresh(id2))!;
    const first = doc.trail.slice(0, 1);
    const rest = doc.trail
      .slice(1)
      .map(({ seq: _s, hash: _h, prevHash: _p, caseId: _c, ...e }) => e);
    rest[0]!.process!.opinion = '篡改后的意见';
    const rebuilt = [
      ...first,
      ...appendEntries({ caseId: id2, head: { seq: 1, hash: first[0]!.hash } }, rest as never),
    ];
    await raw().updateOne({ _id: id2 }, { $set: { trail: rebuilt.map((e) => JSON.stringify(e)) } });
    expect(await verify(id2)).toMatchObject({ ok: false, reason: 'headMismatch' });
  });

  test('entries removed from the end are found against the head the case keeps', async () => {
    const id = await handledCase();
    await raw().updateOne({ _id: id }, { $pop: { trail: 1 } });
    expect(await verify(id)).toMatchObject({ ok: false, firstBadSeq: 4, reason: 'truncated' });
  });
});
