import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { freeLoopbackPort } from '../../../server/database/embedded/ferretdb-process';
import { isAlive, spawnServer, waitUntil } from '../../support/process';

const started = (line: Record<string, unknown>) =>
  typeof line.port === 'number' && 'databasePid' in line;

describe('the server process', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'county-server-'));
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  const embeddedEnv = () => ({
    PORT: '0',
    DATA_DIR: dataDir,
    MONGODB_URI: undefined,
    FERRETDB_BIN: process.env.TEST_FERRETDB_BIN,
    // Start and stop are under test here; a process that seeds the demo county (300 cases, half a
    // minute on a busy CI machine) runs in cases/crash.test.ts and operations/several-nodes.test.ts.
    SEED_DEMO: 'never',
  });

  test('PORT=abc stops start-up at once with a message naming PORT', async () => {
    const t0 = Date.now();
    const server = spawnServer({ PORT: 'abc' });
    const { code } = await server.exited;
    expect(code).toBe(2);
    expect(server.stderr()).toMatch(/PORT="abc"/);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  test('a MONGODB_URI on a closed port fails within 10 seconds with a clear message', async () => {
    const closedPort = await freeLoopbackPort();
    const t0 = Date.now();
    const server = spawnServer({
      PORT: '0',
      MONGODB_URI: `mongodb://127.0.0.1:${closedPort}/county`,
    });
    const { code } = await server.exited;
    expect(code).toBe(1);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(server.stderr()).toContain(`无法连接数据库 mongodb://127.0.0.1:${closedPort}/county`);
  });

  test('with no MONGODB_URI it runs the embedded database; SIGTERM stops both and data survives a restart', async () => {
    const first = spawnServer(embeddedEnv());
    const line = await first.waitForLog(started);
    const dbPid = line.databasePid as number;
    expect(isAlive(dbPid)).toBe(true);

    const health = await fetch(`http://127.0.0.1:${line.port as number}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      database: { status: 'up', kind: 'embedded' },
    });

    const dbLine = first.logs.find((l) => String(l.msg).startsWith('内置数据库已启动'));
    const dbPort = /端口 (\d+)/.exec(String(dbLine?.msg))?.[1];
    const client = await MongoClient.connect(`mongodb://127.0.0.1:${dbPort}/`);
    await client.db('county').collection('restart_probe').insertOne({ marker: '重启前写入' });
    await client.close();

    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(await waitUntil(() => !isAlive(dbPid), 2000)).toBe(true);

    const second = spawnServer(embeddedEnv());
    const again = await second.waitForLog(started);
    try {
      const secondDbLine = second.logs.find((l) => String(l.msg).startsWith('内置数据库已启动'));
      const port2 = /端口 (\d+)/.exec(String(secondDbLine?.msg))?.[1];
      const c2 = await MongoClient.connect(`mongodb://127.0.0.1:${port2}/`);
      expect(await c2.db('county').collection('restart_probe').findOne({})).toMatchObject({
        marker: '重启前写入',
      });
      await c2.close();
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    expect(isAlive(again.databasePid as number)).toBe(false);
  });

  test('a server killed outright (SIGKILL) takes its embedded database with it', async () => {
    const server = spawnServer(embeddedEnv());
    const line = await server.waitForLog(started);
    const dbPid = line.databasePid as number;
    server.child.kill('SIGKILL');
    await server.exited;
    expect(await waitUntil(() => !isAlive(dbPid), 5000)).toBe(true);
  });
});
