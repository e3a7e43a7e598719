import type { Db } from 'mongodb';
import { ObjectId } from 'mongodb';
import { documentKey, serializeWrites } from '../../../server/database/embedded/serialized-writes';

const WRITE_METHODS = [
  'insertOne',
  'insertMany',
  'updateOne',
  'updateMany',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
  'bulkWrite',
];

/** A stand-in collection whose writes finish only when the test says so. */
function fakeDb() {
  const log: string[] = [];
  const pending = new Map<string, () => void>();
  const write = (collection: string, method: string) => (filter: unknown) => {
    const name = `${collection}.${method}(${JSON.stringify(filter)})`;
    log.push(`start ${name}`);
    return new Promise<void>((resolve) =>
      pending.set(name, () => {
        log.push(`end ${name}`);
        resolve();
      }),
    );
  };
  const collections = new Map<string, object>();
  const db = {
    collection(name: string) {
      let c = collections.get(name);
      if (!c) {
        c = Object.fromEntries([
          ['collectionName', name],
          ...WRITE_METHODS.map((m) => [m, write(name, m)]),
        ]) as object;
        collections.set(name, c);
      }
      return c;
    },
  } as unknown as Db;
  serializeWrites(db);
  const finish = (name: string) => {
    const done = pending.get(name);
    if (!done) throw new Error(`${name} 尚未开始`);
    pending.delete(name);
    done();
  };
  return { db, log, finish };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('the order of writes to the embedded database (docs/database.md)', () => {
  test('a filter names a document by _id when _id is a plain value', () => {
    const id = new ObjectId();
    expect(documentKey({ _id: 'a1', version: 3 })).toBe('string:a1');
    expect(documentKey({ _id: id })).toBe(`string:${id.toHexString()}`);
    expect(documentKey({ _id: 7 })).toBe('number:7');
    expect(documentKey({ _id: { $in: ['a'] } })).toBeUndefined();
    expect(documentKey({ userId: 'u' })).toBeUndefined();
    expect(documentKey(undefined)).toBeUndefined();
  });

  test('writes of one document wait for each other; writes of different documents do not', async () => {
    const { db, log, finish } = fakeDb();
    const cases = db.collection<{ _id: string }>('cases');
    const first = cases.updateOne({ _id: 'a' }, {});
    const second = cases.updateOne({ _id: 'a' }, {});
    const other = cases.updateOne({ _id: 'b' }, {});
    const insert = cases.insertOne({ _id: 'c' });
    await tick();
    expect(log.sort()).toEqual([
      'start cases.insertOne({"_id":"c"})',
      'start cases.updateOne({"_id":"a"})',
      'start cases.updateOne({"_id":"b"})',
    ]);
    finish('cases.updateOne({"_id":"a"})');
    await first;
    await tick();
    expect(log.at(-1)).toBe('start cases.updateOne({"_id":"a"})');
    finish('cases.updateOne({"_id":"a"})');
    finish('cases.updateOne({"_id":"b"})');
    finish('cases.insertOne({"_id":"c"})');
    await Promise.all([second, other, insert]);
  });

  test('a write by another filter has its collection to itself, and later writes wait behind it', async () => {
    const { db, log, finish } = fakeDb();
    const sessions = db.collection<{ _id: string }>('sessions');
    const running = sessions.updateOne({ _id: 's1' }, {});
    const many = sessions.updateMany({ userId: 'u' }, {});
    const later = sessions.updateOne({ _id: 's2' }, {});
    const elsewhere = db.collection('items').updateMany({ status: 'x' }, {});
    await tick();
    // The bulk write waits for the write under way; the later one waits for the bulk write.
    expect(log.sort()).toEqual([
      'start items.updateMany({"status":"x"})',
      'start sessions.updateOne({"_id":"s1"})',
    ]);
    finish('sessions.updateOne({"_id":"s1"})');
    await running;
    await tick();
    expect(log.at(-1)).toBe('start sessions.updateMany({"userId":"u"})');
    finish('sessions.updateMany({"userId":"u"})');
    await many;
    await tick();
    expect(log.at(-1)).toBe('start sessions.updateOne({"_id":"s2"})');
    finish('sessions.updateOne({"_id":"s2"})');
    finish('items.updateMany({"status":"x"})');
    await Promise.all([later, elsewhere]);
  });
});
