import fs from 'node:fs';
import path from 'node:path';
import { DEMO_PASSWORD } from '../../../seeds/demo-county';
import { signedIn, type ApiClient } from '../../support/client';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { manyUnknownElements } from '../../unit/process/build';
import { applicationForm, catalogWorld, completeItem } from '../catalog/fixtures';

const template = (kind: string) =>
  fs.readFileSync(path.resolve(__dirname, `../../../templates/processes/${kind}.bpmn`), 'utf8');

/**
 * A diagram that passes the XML pre-pass but is slow to verify: 9,700 tasks sharing one id make
 * bpmn-moddle warn about each, and its warnings cost time with the square of their number
 * (about 1.4 s on an idle development machine).
 */
const slowDiagram = () =>
  template('promised').replace(
    '</bpmn:process>',
    `${'<bpmn:task id="dup"/>'.repeat(9700)}</bpmn:process>`,
  );

/** PROC-4: verification bounded and off the event loop (issue 11, item 1). */
describe('flowchart verification in the worker pool (PROC-4)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let tight: TestServer;
  let clerk: ApiClient;
  let tightClerk: ApiClient;
  let other: ApiClient;
  let itemId: string;
  let budgetMs: number;

  beforeAll(async () => {
    // A budget no loaded machine reaches: the slow job below must run to its end.
    server = await startTestServer(t.db, { VERIFY_TIME_BUDGET_MS: '120000' });
    const world = await catalogWorld(server, ['aj.clerk', 'gs.clerk']);
    clerk = world.as['aj.clerk']!;
    other = world.as['gs.clerk']!;
    itemId = (await clerk.post('/api/items', completeItem(world.ids))).body.id;
    await clerk.put(`/api/items/${itemId}/forms/application`, {
      name: '申请表',
      schema: applicationForm,
      version: 0,
    });
    // The same database behind a server with a short budget and a queue of one. The budget is
    // a few times what an ordinary diagram takes on this machine right now, so that the ordinary
    // one passes and the slow one (≈ 15 times as long) does not, however busy the machine is.
    // The quickest of three, since a busy machine only ever adds time.
    let ordinaryMs = Infinity;
    for (let i = 0; i < 3; i++) {
      const at = performance.now();
      await clerk.post('/api/process/verify', { itemId, xml: template('promised') });
      ordinaryMs = Math.min(ordinaryMs, performance.now() - at);
    }
    budgetMs = Math.max(300, Math.ceil((3 * ordinaryMs) / 100) * 100);
    tight = await startTestServer(t.db, {
      VERIFY_TIME_BUDGET_MS: String(budgetMs),
      SANDBOX_THREADS: '1',
      SANDBOX_QUEUE: '1',
    });
    tightClerk = await signedIn(tight, 'aj.clerk', DEMO_PASSWORD);
    // Workers start with the first job; the measurements below are of a running pool.
    for (const c of [clerk, tightClerk]) {
      const warm = await c.post('/api/process/verify', { itemId, xml: template('promised') });
      expect(warm.status).toBe(200);
    }
  });
  afterAll(async () => {
    await server?.close();
    await tight?.close();
  });

  test('PROC-4 the 2 MB file of ~110,000 unknown elements is refused within a second, and nothing is stored', async () => {
    const xml = manyUnknownElements();
    expect(xml.length).toBeGreaterThan(2 * 1024 * 1024 - 10);
    const before = (await clerk.get(`/api/items/${itemId}/process`)).body;

    let started = performance.now();
    const saved = await clerk.put(`/api/items/${itemId}/process`, { xml, version: 0 });
    const putMs = performance.now() - started;
    started = performance.now();
    const verified = await clerk.post('/api/process/verify', { itemId, xml });
    const verifyMs = performance.now() - started;
    console.log(
      `PROC-4 2 MB / ~110,000 elements: PUT ${saved.status} in ${putMs.toFixed(0)} ms, ` +
        `verify ${verified.status} in ${verifyMs.toFixed(0)} ms`,
    );

    expect(saved.status).toBe(400);
    expect(saved.body.error.code).toBe('invalid_bpmn');
    expect(saved.body.error.message).toContain('元素过多（超过 10000 个）');
    expect(saved.body.error.details.problems).toEqual([
      { rule: 'county/xml-limits', message: expect.stringContaining('元素过多') },
    ]);
    expect(putMs).toBeLessThan(1000);
    // The check without saving refuses an unreadable file the same way.
    expect(verified.status).toBe(400);
    expect(verified.body.error.code).toBe('invalid_bpmn');
    expect(verified.body.error.details.problems.map((p: { rule: string }) => p.rule)).toEqual([
      'county/xml-limits',
    ]);
    expect(verifyMs).toBeLessThan(1000);
    expect((await clerk.get(`/api/items/${itemId}/process`)).body).toEqual(before);
    expect(await server.models.itemProcesses.countDocuments({ _id: itemId })).toBe(0);
  });

  test('PROC-4 while a slow verification runs, /healthz and another user’s requests are answered all along', async () => {
    const poll = async (until: () => boolean) => {
      const latencies: { health: number[]; items: number[] } = { health: [], items: [] };
      const timed = async (list: number[], request: () => Promise<{ status: number }>) => {
        const at = performance.now();
        const res = await request();
        list.push(performance.now() - at);
        expect(res.status).toBe(200);
      };
      while (!until()) {
        await timed(latencies.health, () => other.get('/healthz'));
        await timed(latencies.items, () => other.get('/api/items?pageSize=20'));
        await new Promise((resolve) => setImmediate(resolve));
      }
      return latencies;
    };
    const max = (xs: number[]) => Math.max(...xs);
    let done = false;
    const started = performance.now();
    const slow = clerk.post('/api/process/verify', { itemId, xml: slowDiagram() }).finally(() => {
      done = true;
    });
    const during = await poll(() => done);
    const res = await slow;
    const jobMs = performance.now() - started;
    const all = [...during.health, ...during.items];
    // The target (under 50 ms) is a figure to read on a quiet machine, printed here; what the test
    // holds is the difference that matters on any machine: on the event loop, the job would hold
    // every request for its whole run (seconds), in the pool none waits for it.
    console.log(
      `PROC-4 slow verification ${jobMs.toFixed(0)} ms; during it ${during.health.length} polls, ` +
        `max /healthz ${max(during.health).toFixed(1)} ms, max /api/items ${max(during.items).toFixed(1)} ms`,
    );
    expect(res.status).toBe(200);
    expect(res.body.problems.length).toBeGreaterThan(200); // capped: 200 and a note
    expect(res.body.problems.at(-1).rule).toBe('county/more-problems');
    expect(jobMs).toBeGreaterThan(1500);
    expect(during.health.length).toBeGreaterThanOrEqual(10);
    for (const ms of all) expect(ms).toBeLessThan(jobMs / 3);
  });

  test('PROC-4 a verification over its time budget is stopped and answered 422; nothing is stored and the pool goes on', async () => {
    const before = (await tightClerk.get(`/api/items/${itemId}/process`)).body;
    const started = performance.now();
    const res = await tightClerk.put(`/api/items/${itemId}/process`, {
      xml: slowDiagram(),
      version: before.version,
    });
    const ms = performance.now() - started;
    console.log(`PROC-4 over budget (${budgetMs} ms): ${res.status} in ${ms.toFixed(0)} ms`);
    expect(res.status).toBe(422);
    expect(res.body.error).toEqual({
      code: 'verification_timeout',
      message: expect.stringContaining(
        `流程图过于复杂，校验超时（超过 ${budgetMs / 1000} 秒）已中止`,
      ),
      details: { budgetMs },
    });
    expect((await tightClerk.get(`/api/items/${itemId}/process`)).body).toEqual(before);
    // The worker was replaced: the next diagram is verified as usual.
    const next = await tightClerk.post('/api/process/verify', {
      itemId,
      xml: template('promised'),
    });
    expect(next.status).toBe(200);
    expect(next.body.problems.length).toBeGreaterThan(0);
  });

  test('PROC-4 with every worker busy and the queue full, the next verification is answered 503 with Retry-After', async () => {
    const xml = slowDiagram();
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => tightClerk.post('/api/process/verify', { itemId, xml })),
    );
    const statuses = answers.map((a) => a.status);
    console.log(`PROC-4 four at once with one thread and a queue of one: ${statuses.join(', ')}`);
    // One runs, one waits (both overrun the budget), the other two are turned away.
    expect(statuses.filter((s) => s === 422)).toHaveLength(2);
    const busy = answers.filter((a) => a.status === 503);
    expect(busy).toHaveLength(2);
    for (const b of busy) {
      expect(b.headers.get('retry-after')).toBe('1');
      expect(b.body.error.code).toBe('verification_busy');
      expect(b.body.error.message).toBe('流程图校验繁忙，请 1 秒后重试');
    }
    // Once the queue has drained, verifications are taken again.
    expect((await tightClerk.post('/api/process/verify', { itemId, xml: 'x' })).status).toBe(400);
  });
});
