import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GridFSBucket } from 'mongodb';
import { Schema, type Model } from 'mongoose';
import { toAppError, VersionConflictError } from '../../../server/http/errors';
import { updateVersioned } from '../../../server/database/versioned';
import { writeUnique } from '../../../server/database/unique';
import { useTestDatabase } from '../../support/database';

interface Counter {
  name: string;
  code: string;
  version: number;
  value: number;
}

describe('the embedded database through mongoose', () => {
  const t = useTestDatabase();
  let Counters: Model<Counter>;

  beforeAll(async () => {
    const schema = new Schema<Counter>({
      name: { type: String, required: true },
      code: { type: String, required: true, unique: true, label: '类型代码' },
      version: { type: Number, required: true, default: 0 },
      value: { type: Number, default: 0 },
    });
    Counters = t.connection.model<Counter>('Counter', schema, 'counters');
    await Counters.createCollection();
    await Counters.syncIndexes();
  });

  test('a document created through mongoose reads back with its fields and types', async () => {
    const created = await Counters.create({ name: '行政许可', code: 'XK', value: 3 });
    const read = await Counters.findById(created._id).lean().orFail();
    expect(read).toMatchObject({ name: '行政许可', code: 'XK', value: 3, version: 0 });
    expect(read._id.equals(created._id)).toBe(true);
  });

  test('a unique-index violation becomes a 409 duplicate_key error naming the field', async () => {
    await Counters.create({ name: '行政处罚', code: 'CF' });
    const values = { name: '另一个', code: 'CF' };
    const err = toAppError(
      await writeUnique(Counters, values, () => Counters.create(values)).then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    expect(err).toMatchObject({
      status: 409,
      code: 'duplicate_key',
      details: { fields: ['code'] },
    });
    expect(err.message).toBe('类型代码已被占用：CF');
    expect(await Counters.countDocuments({ code: 'CF' })).toBe(1);
  });

  test('a duplicate-key error that reaches the error handler untranslated is still a 409', async () => {
    const err = await Counters.create({ name: '再一个', code: 'CF' }).catch((e: unknown) => e);
    expect(toAppError(err)).toMatchObject({ status: 409, code: 'duplicate_key' });
  });

  test('of eight writers holding the same version, exactly one wins and the others get a version conflict', async () => {
    // Twenty rounds: a race that is lost only sometimes must still fail this test.
    for (let round = 0; round < 20; round++) {
      const doc = await Counters.create({ name: '竞争', code: `RACE${round}` });
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          updateVersioned(Counters, doc._id, 0, { $set: { value: i } }, '计数器'),
        ),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(7);
      for (const r of lost)
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
      const final = await Counters.findById(doc._id).lean().orFail();
      expect(final.version).toBe(1);
      expect(final.value).toBe((won[0] as PromiseFulfilledResult<Counter>).value.value);
    }
  });

  test('concurrent plain updates of different fields of one document are all kept', async () => {
    const doc = await Counters.create({ name: '并发', code: 'FIELDS' });
    await Promise.all([
      Counters.updateOne({ _id: doc._id }, { $set: { name: '并发改名' } }),
      Counters.updateOne({ _id: doc._id }, { $inc: { value: 5 } }),
      Counters.updateOne({ _id: doc._id }, { $inc: { version: 1 } }),
    ]);
    expect(await Counters.findById(doc._id).lean().orFail()).toMatchObject({
      name: '并发改名',
      value: 5,
      version: 1,
    });
  });

  test('a version-guarded update of a missing document is a 404, not a conflict', async () => {
    const missing = await updateVersioned(
      Counters,
      '0123456789abcdef01234567',
      0,
      { $set: { value: 1 } },
      '计数器',
    ).catch((e: unknown) => toAppError(e));
    expect(missing).toMatchObject({ status: 404 });
  });

  // One accumulator per $group: see docs/database.md for why.
  test('$group with $sum totals per key', async () => {
    const Cases = t.connection.collection('group_cases');
    await Cases.insertMany([
      { dept: 'AJ', days: 3 },
      { dept: 'AJ', days: 4 },
      { dept: 'GS', days: 5 },
    ]);
    const days = await Cases.aggregate([
      { $group: { _id: '$dept', days: { $sum: '$days' } } },
      { $sort: { _id: 1 } },
    ]).toArray();
    const counts = await Cases.aggregate([
      { $group: { _id: '$dept', n: { $sum: 1 } } },
      { $sort: { _id: 1 } },
    ]).toArray();
    expect(days).toEqual([
      { _id: 'AJ', days: 7 },
      { _id: 'GS', days: 5 },
    ]);
    expect(counts).toEqual([
      { _id: 'AJ', n: 2 },
      { _id: 'GS', n: 1 },
    ]);
  });

  test('GridFS stores and returns a 5 MB file byte for byte', async () => {
    const bucket = new GridFSBucket(t.connection.db!, { bucketName: 'materials' });
    const content = randomBytes(5 * 1024 * 1024);
    const upload = bucket.openUploadStream('营业执照.pdf', { metadata: { kind: 'test' } });
    await pipeline(Readable.from([content]), upload);

    const chunks: Buffer[] = [];
    for await (const chunk of bucket.openDownloadStream(upload.id)) chunks.push(chunk as Buffer);
    const downloaded = Buffer.concat(chunks);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(downloaded.length).toBe(content.length);
    expect(sha(downloaded)).toBe(sha(content));
    const [file] = await bucket.find({ _id: upload.id }).toArray();
    expect(file).toMatchObject({ filename: '营业执照.pdf', length: content.length });
  });
});
