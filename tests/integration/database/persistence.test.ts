import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startFerretdb } from '../../../server/database/embedded/ferretdb-process';

const binary = () => {
  const bin = process.env.TEST_FERRETDB_BIN;
  if (!bin) throw new Error('TEST_FERRETDB_BIN 未设置');
  return bin;
};

async function withClient<T>(uri: string, fn: (c: MongoClient) => Promise<T>): Promise<T> {
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5000 });
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

describe('the embedded database keeps its data on disk', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'county-persist-'));
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  test('documents and unique indexes written before a restart are there after it', async () => {
    const say = () => undefined;
    const first = await startFerretdb({ binary: binary(), dataDir, say });
    await withClient(first.uri, async (c) => {
      const items = c.db('county').collection('items');
      await items.createIndex({ code: 1 }, { unique: true });
      await items.insertOne({ code: '33030300AJ-CF-0003', name: '对生产经营单位未按规定…的处罚' });
    });
    await first.stop();
    await expect(first.exited).resolves.not.toBeUndefined();

    const second = await startFerretdb({ binary: binary(), dataDir, say });
    try {
      expect(second.pid).not.toBe(first.pid);
      await withClient(second.uri, async (c) => {
        const items = c.db('county').collection('items');
        expect(await items.findOne({ code: '33030300AJ-CF-0003' })).toMatchObject({
          name: '对生产经营单位未按规定…的处罚',
        });
        await expect(items.insertOne({ code: '33030300AJ-CF-0003' })).rejects.toMatchObject({
          code: 11000,
        });
      });
    } finally {
      await second.stop();
    }
  });
});
