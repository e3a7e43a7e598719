import { randomInt } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { verifyTrail } from '../../../runtime/trail';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { ALL_MATERIALS, approvedItem, caseWorld, residentId, type World } from './world';

/** Every file under `dir`, read whole. */
async function* filesOf(dir: string): AsyncGenerator<{ file: string; bytes: Buffer }> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesOf(file);
    else if (entry.isFile())
      yield { file, bytes: await fs.readFile(file).catch(() => Buffer.alloc(0)) };
  }
}

/**
 * Issue 12, item 7: an ID number or a mobile number typed into a form reaches the database's files
 * only as ciphertext — in the case's state and in its trail — while the staff API reads it as
 * typed and every trail still verifies.
 */
describe('personal numbers typed into forms are not stored in plain text', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;
  let itemId: string;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    world = await caseWorld(server, ['aj.clerk', 'reviewer', 'aj.officer', 'aj.chief']);
    itemId = await approvedItem(world);
  });
  afterAll(() => server?.close());

  test("a grep of the embedded database's files finds the case, but not the numbers typed into it", async () => {
    const dir = process.env.TEST_DATABASE_DIR;
    if (!process.env.TEST_DATABASE_EMBEDDED || !dir) {
      // Run against a database given by TEST_MONGODB_URI: its files are not ours to read.
      console.warn('跳过：数据库不是测试自行启动的内置数据库');
      return;
    }
    // Numbers of this run only, so no other test's data can hide or fake a match.
    const id = residentId(
      '330303',
      `19${randomInt(50, 99)}0${randomInt(1, 9)}1${randomInt(0, 9)}`,
      String(randomInt(100, 999)),
    );
    const phone = `139${String(randomInt(10_000_000, 99_999_999))}`;
    const marker = `标记${String(randomInt(1e8, 1e9 - 1))}`;
    const res = await world.as['aj.officer']!.post('/api/cases', {
      itemId,
      applicant: { type: 'person', name: '陈小红', idType: 'residentId', idNumber: id },
      caseName: `${marker}危险化学品经营许可`,
      data: {
        applicantType: 'person',
        applicantName: '陈小红',
        idNumber: id,
        phone,
        description: `联系人身份证 ${id}，手机 ${phone}`,
      },
      materials: ALL_MATERIALS,
    });
    expect(res.status).toBe(201);
    const caseId = res.body.id as string;
    await world.as['aj.officer']!.post(`/api/cases/${caseId}/commands`, {
      type: 'accept',
      materials: ALL_MATERIALS,
    });

    // The API reads the numbers as typed; the trail verifies over them.
    const read = await world.as['aj.officer']!.get(`/api/cases/${caseId}`);
    expect(read.status).toBe(200);
    const form = (read.body.state.forms as { key: string; values: Record<string, unknown> }[]).find(
      (f) => f.key === 'application',
    )!;
    expect(form.values).toMatchObject({ idNumber: id, phone });
    const stored = (await server.cases.store.fresh(caseId))!;
    expect(verifyTrail(caseId, stored.trail, { head: stored.trailHead }).ok).toBe(true);
    // The raw document holds ciphertext in both the state and the trail.
    const raw = JSON.stringify(await server.cases.store.collection.findOne({ _id: caseId }));
    expect(raw).toContain(marker);
    expect(raw).not.toContain(id);
    expect(raw).not.toContain(phone);
    expect(raw).toMatch(/⟦sm4cbc:/);

    // The files: the marker shows the grep reaches the case's data; the numbers never appear.
    let sawMarker = false;
    const leaks: string[] = [];
    for (let attempt = 0; attempt < 50 && !sawMarker; attempt++) {
      for await (const { file, bytes } of filesOf(dir)) {
        if (bytes.includes(Buffer.from(marker))) sawMarker = true;
        if (bytes.includes(Buffer.from(id)) || bytes.includes(Buffer.from(phone))) leaks.push(file);
      }
      if (!sawMarker) await new Promise((r) => setTimeout(r, 200));
    }
    expect(sawMarker).toBe(true);
    expect(leaks).toEqual([]);
  });
});
