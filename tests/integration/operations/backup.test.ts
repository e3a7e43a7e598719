import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { caseOfStored, type StoredCase } from '../../../server/cases/case-model';
import {
  backupDatabase,
  checkBackup,
  restoreDatabase,
  verifyAllTrails,
} from '../../../server/operations/backup';
import { runningEmbedded } from '../../../server/database/embedded/ferretdb-process';
import { useTestDatabase } from '../../support/database';
import { startTestServer, TEST_DATA_KEY, type TestServer } from '../../support/server';
import { approvedItem, caseWorld, command, windowCase, type World } from '../cases/world';

const run = promisify(execFile);
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
  randomBytes(300_000),
]);

/**
 * Issue 12, backup and restore: a backup taken while commands keep coming holds every case as
 * acknowledged before it began and every file those cases name; it restores into an empty
 * database whose every trail verifies; a changed backup is refused before anything is written.
 */
describe('backup and restore', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;
  let caseIds: string[];
  let dir: string;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    world = await caseWorld(server, ['aj.clerk', 'reviewer', 'aj.officer', 'supervisor']);
    const itemId = await approvedItem(world);
    caseIds = [];
    for (let i = 0; i < 6; i++) caseIds.push(await windowCase(world, itemId));
    // A material in GridFS, 300 kB: several chunks.
    const client = world.as['aj.officer']!;
    const form = new FormData();
    form.append('kind', 'material');
    form.append('materialId', 'm-form');
    form.append('file', new Blob([PDF]), '申请书.pdf');
    const res = await fetch(`${server.baseUrl}/api/cases/${caseIds[0]}/files`, {
      method: 'POST',
      headers: { Cookie: client.cookie!, 'X-CSRF-Token': client.csrfToken! },
      body: form,
    });
    expect(res.status).toBe(201);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'backup-test-'));
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('under load: nothing acknowledged before the backup is missing; the restore verifies every trail', async () => {
    // Each case pressed (催办) again and again, one command at a time per case.
    const acked = new Map<string, number>();
    let started = false;
    let stop = false;
    let during = 0;
    const load = caseIds.map(async (id) => {
      while (!stop) {
        const res = await command(world, 'supervisor', id, { type: 'urge', message: '请加快办理' });
        if (res.status !== 200) throw new Error(`催办失败：${JSON.stringify(res.body)}`);
        if (!started) acked.set(id, res.body.version as number);
        else during += 1;
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    started = true;
    const out = path.join(dir, 'under-load');
    const manifest = await backupDatabase(server.models.units.db.db!, out);
    stop = true;
    await Promise.all(load);
    expect(during).toBeGreaterThan(0);
    expect(acked.size).toBe(caseIds.length);

    const cases = manifest.collections.find((c) => c.name === 'cases')!;
    expect(cases.count).toBe(caseIds.length);
    expect(manifest.collections.map((c) => c.name)).toEqual(
      expect.arrayContaining(['files.files', 'files.chunks', 'events', 'users']),
    );

    const target = server.models.units.db.getClient().db(`restored_${Date.now()}`);
    const restored = await restoreDatabase(target, out);
    expect(restored.documents).toBe(manifest.collections.reduce((n, c) => n + c.count, 0));
    const trails = await verifyAllTrails(target, server.cases.store.personal);
    expect(trails).toMatchObject({ cases: caseIds.length, broken: [] });
    expect(trails.entries).toBeGreaterThan(caseIds.length * 3);
    for (const stored of await target.collection<StoredCase>('cases').find({}).toArray()) {
      const doc = caseOfStored(stored, server.cases.store.personal);
      expect(doc.version).toBeGreaterThanOrEqual(acked.get(doc._id)!);
    }
    // The material's bytes came back whole.
    const file = await target.collection('files.files').findOne({ length: PDF.length });
    expect(file).not.toBeNull();
    const chunks = await target
      .collection<{ n: number; data: { buffer: Uint8Array } }>('files.chunks')
      .find({ files_id: file!._id })
      .sort({ n: 1 })
      .toArray();
    expect(Buffer.concat(chunks.map((c) => Buffer.from(c.data.buffer))).equals(PDF)).toBe(true);

    // Into a database that is not empty: refused.
    await expect(restoreDatabase(target, out)).rejects.toThrow(/不是空的/);
  });

  test('a backup with a changed file is refused before anything is written', async () => {
    const out = path.join(dir, 'changed');
    await backupDatabase(server.models.units.db.db!, out);
    const line = (await fs.readFile(path.join(out, 'users.ejson'), 'utf8')).replace(
      'admin',
      'admln',
    );
    await fs.writeFile(path.join(out, 'users.ejson'), line);
    await expect(checkBackup(out)).rejects.toThrow(/users\.ejson.*SHA-256/);
    const target = server.models.units.db.getClient().db(`refused_${Date.now()}`);
    await expect(restoreDatabase(target, out)).rejects.toThrow(/SHA-256/);
    expect(await target.listCollections().toArray()).toEqual([]);
    await expect(restoreDatabase(target, path.join(dir, 'nowhere'))).rejects.toThrow(
      /manifest\.json/,
    );
  });

  test('npm run restore fills an empty data folder and verifies the trails; npm run backup reads it back', async () => {
    const out = path.join(dir, 'for-cli');
    const manifest = await backupDatabase(server.models.units.db.db!, out);
    const dataDir = path.join(dir, 'data');
    // The personal-data key is not in a backup: the restore is given it, as an operator would.
    const env = {
      ...process.env,
      DATA_DIR: dataDir,
      MONGODB_URI: '',
      LOG_LEVEL: 'silent',
      DATA_KEY: TEST_DATA_KEY,
    };
    delete (env as Record<string, string | undefined>).MONGODB_URI;
    const tsx = path.resolve('node_modules/.bin/tsx');
    const restore = await run(tsx, ['server/operations/restore-main.ts', out], {
      env,
      timeout: 120_000,
    });
    expect(restore.stdout).toContain(`${caseIds.length} 件办件`);
    expect(restore.stdout).toContain('全部通过');
    // The database it started is stopped and no longer announced as running.
    expect(await runningEmbedded(dataDir)).toBeNull();
    // Into the same folder again: it is not empty any more.
    await expect(
      run(tsx, ['server/operations/restore-main.ts', out], { env, timeout: 120_000 }),
    ).rejects.toMatchObject({ code: 2 });

    // Nor into a folder a running platform uses (this process stands for it).
    const busy = path.join(dir, 'busy');
    await fs.mkdir(busy);
    await fs.writeFile(
      path.join(busy, 'embedded-db.json'),
      JSON.stringify({ uri: 'mongodb://127.0.0.1:1/', ownerPid: process.pid }),
    );
    await expect(
      run(tsx, ['server/operations/restore-main.ts', out], {
        env: { ...env, DATA_DIR: busy },
        timeout: 120_000,
      }),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('请先停止平台') });

    const again = path.join(dir, 'from-cli');
    const backup = await run(tsx, ['server/operations/backup-main.ts', again], {
      env,
      timeout: 120_000,
    });
    expect(backup.stdout).toContain('备份完成');
    const second = JSON.parse(await fs.readFile(path.join(again, 'manifest.json'), 'utf8')) as {
      collections: { name: string; count: number }[];
    };
    const count = (m: { collections: { name: string; count: number }[] }, name: string) =>
      m.collections.find((c) => c.name === name)?.count;
    for (const name of ['cases', 'files.files', 'files.chunks', 'users', 'items'])
      expect(count(second, name)).toBe(count(manifest, name));
  }, 240_000);
});
