/**
 * What the embedded database (FerretDB v1, SQLite backend) does and does not do. Each test backs a
 * line of docs/database.md: when FerretDB changes, the test fails and the document must change.
 */
import { createMongoAbility } from '@casl/ability';
import { accessibleBy } from '@casl/mongoose';
import type { Collection, Document } from 'mongodb';

interface Probe {
  code: string;
  dept?: string;
  days?: number;
  tags?: string[];
  state?: string;
  version?: number;
  trail?: { action: string }[];
  grid?: number[][];
}
import { MongoClient } from 'mongodb';
import { testDatabaseUri, useTestDatabase } from '../../support/database';

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: Error & { code?: number }) => ({ message: e.message, code: e.code }),
  );

describe('embedded database capabilities (docs/database.md)', () => {
  const t = useTestDatabase();
  let items: Collection<Probe>;

  beforeAll(async () => {
    items = t.connection.db!.collection<Probe>('items');
    await items.insertMany([
      { code: 'XK', dept: 'AJ', days: 3, tags: ['a', 'b'] },
      { code: 'CF', dept: 'AJ', days: 4, tags: ['b'] },
      { code: 'QZ', dept: 'GS', days: 5, tags: [] },
    ]);
  });

  describe('works', () => {
    test('$match, $sort, $skip, $limit and $project in an aggregation', async () => {
      const rows = await items
        .aggregate([
          { $match: { days: { $gte: 3 } } },
          { $sort: { dept: 1, code: 1 } },
          { $skip: 1 },
          { $limit: 2 },
          { $project: { _id: 0, code: 1, days: 1 } },
        ])
        .toArray();
      expect(rows).toEqual([
        { code: 'XK', days: 3 },
        { code: 'QZ', days: 5 },
      ]);
    });

    test('a unique index lets many documents lack the field (MongoDB would refuse the second)', async () => {
      const optional = t.connection.db!.collection('optional_unique');
      await optional.createIndex({ serial: 1 }, { unique: true });
      await optional.insertMany([{ a: 1 }, { a: 2 }]);
      await expect(optional.insertMany([{ serial: 1 }, { serial: 1 }])).rejects.toMatchObject({
        code: 11000,
      });
    });

    test('$group with a single $sum accumulator, over a field or counting', async () => {
      const days = await items
        .aggregate([{ $group: { _id: '$dept', days: { $sum: '$days' } } }, { $sort: { _id: 1 } }])
        .toArray();
      expect(days).toEqual([
        { _id: 'AJ', days: 7 },
        { _id: 'GS', days: 5 },
      ]);
      const count = await items.aggregate([{ $group: { _id: null, n: { $sum: 1 } } }]).toArray();
      expect(count).toEqual([{ _id: null, n: 3 }]);
    });

    test('$set, $inc and $push change one document atomically in a single update', async () => {
      const doc = await items.findOneAndUpdate(
        { code: 'XK' },
        {
          $set: { state: 'accepted' },
          $inc: { version: 1 },
          $push: { trail: { action: 'accept' } },
        },
        { returnDocument: 'after' },
      );
      expect(doc).toMatchObject({ state: 'accepted', version: 1, trail: [{ action: 'accept' }] });
    });

    test('a guarded update is atomic across connections: of 16 writers holding one version, exactly one wins (issue 12)', async () => {
      // Two raw clients, as two server nodes would connect, without the write queue the server
      // puts in front of the embedded database: only the database itself can keep the guard.
      const nodes = await Promise.all([1, 2].map(() => MongoClient.connect(testDatabaseUri())));
      try {
        const [a, b] = nodes.map((c) =>
          c
            .db(t.connection.db!.databaseName)
            .collection<{ _id: number; version: number; by?: string }>('raw_race'),
        );
        const winnersPerRound: number[] = [];
        for (let round = 0; round < 100; round++) {
          await a!.deleteMany({});
          await a!.insertOne({ _id: 1, version: 0 });
          const results = await Promise.all(
            Array.from({ length: 16 }, (_, i) =>
              (i % 2 ? a! : b!).updateOne(
                { _id: 1, version: 0 },
                { $inc: { version: 1 }, $set: { by: `w${i}` } },
              ),
            ),
          );
          winnersPerRound.push(results.reduce((n, r) => n + r.modifiedCount, 0));
        }
        expect(new Set(winnersPerRound)).toEqual(new Set([1]));
        expect(await a!.findOne({ _id: 1 })).toMatchObject({ version: 1 });
        // Counters taken through findOneAndUpdate from both clients never hand out a number twice.
        await a!.deleteMany({});
        await a!.insertOne({ _id: 2, version: 0 });
        const taken = await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            (i % 2 ? a! : b!).findOneAndUpdate(
              { _id: 2 },
              { $inc: { version: 1 } },
              { returnDocument: 'after' },
            ),
          ),
        );
        const numbers = taken.map((d) => d!.version).sort((x, y) => x - y);
        expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      } finally {
        await Promise.all(nodes.map((c) => c.close()));
      }
    });

    test('an ordinary compound index can be created', async () => {
      await expect(items.createIndex({ dept: 1, code: 1 })).resolves.toBe('dept_1_code_1');
    });
  });

  describe('does not work, so the code must not rely on it', () => {
    test('multi-document transactions are refused', async () => {
      const session = t.connection.getClient().startSession();
      try {
        const refused = await refusal(
          session.withTransaction(async () => {
            await items.insertOne({ code: 'TX' }, { session });
          }),
        );
        expect(refused).toBeDefined();
      } finally {
        await session.endSession();
      }
      expect(await items.countDocuments({ code: 'TX' })).toBe(0);
    });

    test('$group computes only its first accumulator; later ones come out as 0', async () => {
      const rows = await items
        .aggregate([
          { $group: { _id: '$dept', n: { $sum: 1 }, days: { $sum: '$days' } } },
          { $sort: { _id: 1 } },
        ])
        .toArray();
      expect(rows).toEqual([
        { _id: 'AJ', n: 2, days: 0 },
        { _id: 'GS', n: 1, days: 0 },
      ]);
    });

    test('$unwind keeps only _id and the unwound field, dropping every other field', async () => {
      const rows = await items
        .aggregate([{ $match: { code: 'CF' } }, { $unwind: '$tags' }])
        .toArray();
      expect(rows).toHaveLength(1);
      expect(Object.keys(rows[0]!).sort()).toEqual(['_id', 'tags']);
    });

    test.each([
      [
        '$lookup',
        { $lookup: { from: 'other', localField: 'code', foreignField: 'code', as: 'x' } },
      ],
      ['$facet', { $facet: { a: [{ $match: {} }] } }],
      ['$addFields with an expression operator', { $addFields: { d: { $toDouble: '$days' } } }],
    ])('aggregation stage %s is refused', async (_name, stage) => {
      expect(await refusal(items.aggregate([stage]).toArray())).toBeDefined();
    });

    test('$expr in a query is refused', async () => {
      expect(
        await refusal(items.find({ $expr: { $eq: ['$code', 'XK'] } }).toArray()),
      ).toBeDefined();
    });

    test("CASL's query for 'nothing permitted' uses $expr and is therefore refused", async () => {
      const nothing = createMongoAbility([]);
      const query = accessibleBy(nothing, 'read').ofType('Item');
      expect(JSON.stringify(query)).toContain('$expr');
      expect(await refusal(items.find(query as Document).toArray())).toBeDefined();
    });

    test('$text search and text indexes are refused', async () => {
      expect(await refusal(items.createIndex({ code: 'text' }))).toBeDefined();
      expect(await refusal(items.find({ $text: { $search: 'XK' } }).toArray())).toBeDefined();
    });

    test.each([
      ['TTL', { expireAfterSeconds: 60 }],
      ['partial', { partialFilterExpression: { days: { $gt: 3 } } }],
    ])('%s indexes are refused', async (_name, options) => {
      expect(await refusal(items.createIndex({ days: 1 }, options))).toBeDefined();
    });

    test('the sparse option is accepted but silently dropped from the index', async () => {
      await items.createIndex({ dept: 1 }, { sparse: true, name: 'dept_sparse' });
      const index = (await items.indexes()).find((i) => i.name === 'dept_sparse');
      expect(index).toBeDefined();
      expect(index!.sparse).toBeUndefined();
    });

    test('collation is refused', async () => {
      const found = refusal(items.find({}, { collation: { locale: 'zh' } }).toArray());
      expect(await found).toBeDefined();
    });

    test('arrayFilters in updates are refused', async () => {
      const update = refusal(
        items.updateOne(
          { code: 'XK' },
          { $set: { 'tags.$[t]': 'z' } },
          { arrayFilters: [{ t: 'a' }] },
        ),
      );
      expect(await update).toBeDefined();
    });

    test('arrays directly inside arrays are not stored', async () => {
      expect(await refusal(items.insertOne({ code: 'NEST', grid: [[1, 2]] }))).toBeDefined();
      expect(await items.countDocuments({ code: 'NEST' })).toBe(0);
    });

    test.each([['a.b'], ['$a']])('a key like %s is refused', async (key) => {
      expect(await refusal(items.insertOne({ code: 'KEY', [key]: 1 }))).toBeDefined();
    });

    test('a duplicate-key error names neither the index nor the key', async () => {
      const uniques = t.connection.db!.collection('uniques');
      await uniques.createIndex({ code: 1 }, { unique: true });
      await uniques.insertOne({ code: 'A' });
      const err = (await refusal(uniques.insertOne({ code: 'A' }))) as {
        code: number;
        message: string;
      };
      expect(err.code).toBe(11000);
      expect(err.message).not.toMatch(/code|index/);
    });
  });
});
