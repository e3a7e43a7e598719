import { GroupCommit } from '../../../server/database/group-commit';

describe('group commit of inserts', () => {
  test('documents added together go in one write; those added during it go in the next', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const group = new GroupCommit<number>(async (docs) => {
      writes.push(docs);
      if (writes.length === 1) await new Promise<void>((r) => (release = r));
    });
    const a = group.add([1, 2]);
    const b = group.add([3]);
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual([[1, 2, 3]]);
    // While the first write is under way, three callers join the next one.
    const c = group.add([4]);
    const d = group.add([5]);
    const e = group.add([6, 7]);
    let settled = false;
    void a.then(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    release();
    await Promise.all([a, b, c, d, e]);
    expect(writes).toEqual([
      [1, 2, 3],
      [4, 5, 6, 7],
    ]);
    await group.settled();
  });

  test('a failed write fails the callers whose documents it held, and no others', async () => {
    const group = new GroupCommit<string>(async (docs) => {
      if (docs.includes('bad')) throw new Error('写入失败');
    });
    const bad = group.add(['ok', 'bad']);
    await expect(bad).rejects.toThrow('写入失败');
    await expect(group.add(['fine'])).resolves.toBeUndefined();
  });

  test('a write may answer per document: only the callers of failed documents fail', async () => {
    const group = new GroupCommit<string>(async (docs) =>
      docs.map((d) => (d.startsWith('x') ? new Error(`${d} 未写入`) : undefined)),
    );
    const [a, b, c] = await Promise.allSettled([
      group.add(['a1', 'a2']),
      group.add(['b1', 'x2']),
      group.add(['c1']),
    ]);
    expect(a.status).toBe('fulfilled');
    expect(b).toMatchObject({ status: 'rejected', reason: new Error('x2 未写入') });
    expect(c.status).toBe('fulfilled');
  });

  test('a write carries at most maxDocs documents, but never splits one caller', async () => {
    const writes: number[][] = [];
    const group = new GroupCommit<number>(async (docs) => {
      writes.push(docs);
    }, 3);
    await Promise.all([
      group.add([1, 2]),
      group.add([3, 4]),
      group.add([5, 6, 7, 8]),
      group.add([9]),
    ]);
    expect(writes).toEqual([[1, 2], [3, 4], [5, 6, 7, 8], [9]]);
    expect(await group.add([])).toBeUndefined();
  });
});
