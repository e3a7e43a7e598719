import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { DEMO_PASSWORD } from '../../../seeds/demo-county';
import { ApiClient } from '../../support/client';
import { testDatabaseUri } from '../../support/database';
import { spawnServer, type ServerProcess } from '../../support/process';

const started = (line: Record<string, unknown>) => typeof line.port === 'number' && 'node' in line;

interface StatusJob {
  name: string;
  runs: number;
  message: string;
}
interface Status {
  leader: string | null;
  nodes: { id: string; self: boolean; leading: boolean }[];
  jobs: { items: StatusJob[] };
}

/**
 * Issue 12 item 2 (OPS-6): two server processes on one database. The database is the tests'
 * embedded FerretDB, reached by both through MONGODB_URI as a second node would reach it.
 */
describe('several server nodes on one database (issue 12)', () => {
  let dataDir: string;
  const dbName = `nodes_${randomBytes(4).toString('hex')}`;
  const uri = () => `${testDatabaseUri().replace(/\/[^/]*$/, '')}/${dbName}`;
  const nodes: ServerProcess[] = [];

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'county-nodes-'));
  });
  afterAll(async () => {
    for (const n of nodes) if (n.child.exitCode === null) n.child.kill('SIGKILL');
    await Promise.all(nodes.map((n) => n.exited));
    const client = await MongoClient.connect(testDatabaseUri());
    await client
      .db(dbName)
      .dropDatabase()
      .catch(() => undefined);
    await client.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  const env = (name: string) => ({
    PORT: '0',
    // Each node its own folder (uploads are another matter, docs/deployment.md); one key for all.
    DATA_DIR: path.join(dataDir, name),
    DATA_KEY: 'ab'.repeat(32),
    MONGODB_URI: uri(),
    SEED_DEMO: 'auto',
    CASE_JOBS_SECONDS: '1',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
  });

  async function start(name: string) {
    const node = spawnServer(env(name));
    nodes.push(node);
    const line = await node.waitForLog(started, 240_000);
    return { node, base: `http://127.0.0.1:${line.port as number}`, id: line.node as string };
  }

  async function signedIn(base: string, username: string) {
    const client = new ApiClient(base);
    const res = await client.login(username, DEMO_PASSWORD);
    if (res.status !== 200) throw new Error(`登录 ${username} 失败：${res.status}`);
    return client;
  }

  const statusOf = async (admin: ApiClient) => {
    const res = await admin.get('/api/operations/status');
    expect(res.status).toBe(200);
    return res.body as unknown as Status;
  };
  const runsOf = (s: Status, job: string) => s.jobs.items.find((j) => j.name === job)?.runs ?? 0;
  /** Asks until the answer satisfies `ok`; fails with the last answer after `ms`. */
  async function until(ask: () => Promise<Status>, ok: (s: Status) => boolean, ms: number) {
    const deadline = Date.now() + ms;
    let last = await ask();
    while (!ok(last) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      last = await ask();
    }
    expect(ok(last) ? 'ok' : JSON.stringify(last.jobs.items)).toBe('ok');
    return last;
  }

  test('a case accepted through one node shows in the other within a second; racing commands: one wins; the tick runs on one node and moves when it dies', async () => {
    const a = await start('a');
    const b = await start('b');
    expect(a.id).not.toBe(b.id);
    const officerA = await signedIn(a.base, 'aj.officer');
    const officerB = await signedIn(b.base, 'aj.officer');

    // A case the officer can take at the window, through node A.
    const items = (await officerA.get('/api/items?status=approved&pageSize=100')).body.items as {
      id: string;
      initiation: string;
    }[];
    const applicant = {
      type: 'organisation',
      name: '瓯江化工有限公司',
      idType: 'creditCode',
      idNumber: '91330303MA2AB1234X',
    };
    const data = {
      applicantType: 'organisation',
      applicantName: '瓯江化工有限公司',
      creditCode: '91330303MA2AB1234X',
      phone: '13857712345',
    };
    const open = async (itemId: string) => {
      const item = (await officerA.get(`/api/items/${itemId}`)).body;
      const materials = item.draft.materials.map((m: { id: string }) => ({ materialId: m.id }));
      return officerA.post('/api/cases', { itemId, applicant, data, materials });
    };
    let itemId: string | undefined;
    let firstCase: string | undefined;
    for (const item of items.filter((i) => i.initiation === 'onApplication')) {
      const res = await open(item.id);
      if (res.status === 201) {
        itemId = item.id;
        firstCase = res.body.id as string;
        break;
      }
    }
    expect(firstCase).toBeDefined();

    // Registered through A: B's 待受理 queue has it within a second.
    const seenIn = async (what: string, found: () => Promise<boolean>) => {
      const t = Date.now();
      while (Date.now() - t < 5000) {
        if (await found()) {
          const after = Date.now() - t;
          process.stdout.write(`[nodes] ${what}：${after} ms\n`);
          return after;
        }
        await new Promise((r) => setTimeout(r, 25));
      }
      return -1;
    };
    const inAcceptance = async (client: ApiClient) =>
      (
        (await client.get(`/api/work-queues/acceptance?pageSize=100`)).body.items as {
          caseId: string;
        }[]
      ).some((r) => r.caseId === firstCase);
    expect(await inAcceptance(officerA)).toBe(true);
    const queued = await seenIn('A 登记的办件出现在 B 的待受理队列', () => inAcceptance(officerB));
    if (queued < 0)
      await fs.writeFile(
        '/tmp/nodes-debug.json',
        JSON.stringify({
          a: a.node.logs,
          b: b.node.logs,
          ae: a.node.stderr(),
          be: b.node.stderr(),
        }),
      );
    expect(queued).toBeGreaterThanOrEqual(0);
    expect(queued).toBeLessThan(1000);

    // Accepted through A; B's 待办 queue has it within a second (the change feed polls every 200 ms).
    const accepted = await officerA.post(`/api/cases/${firstCase}/commands`, { type: 'accept' });
    expect(accepted.status).toBe(200);
    const inQueue = async (client: ApiClient) =>
      (
        (await client.get(`/api/work-queues/todo?pageSize=100`)).body.items as { caseId: string }[]
      ).some((r) => r.caseId === firstCase);
    const t0 = Date.now();
    // Where it lands on the node that wrote it (no feed involved).
    expect(await inQueue(officerA)).toBe(true);
    let seenAfter = -1;
    while (Date.now() - t0 < 5000) {
      if (await inQueue(officerB)) {
        seenAfter = Date.now() - t0;
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    process.stdout.write(`[nodes] B 的待办队列在 ${seenAfter} ms 后出现 A 受理的办件\n`);
    if (seenAfter < 0) process.stdout.write(JSON.stringify(b.node.logs.slice(-30)) + '\n');
    expect(seenAfter).toBeGreaterThanOrEqual(0);
    expect(seenAfter).toBeLessThan(1000);

    // Racing: the same acceptance through both nodes at once, ten times. Never do both win; a
    // round may see both refused when the scheduler's tick moved the case in between.
    let rounds = 0;
    for (let round = 0; round < 10; round++) {
      const created = await open(itemId!);
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      // Both nodes hold the case before the race, as they would after showing it to two clerks.
      expect((await officerB.get(`/api/cases/${id}`)).status).toBe(200);
      const answers = await Promise.all([
        officerA.post(`/api/cases/${id}/commands`, { type: 'accept', opinion: `A${round}` }),
        officerB.post(`/api/cases/${id}/commands`, { type: 'accept', opinion: `B${round}` }),
      ]);
      const won = answers.filter((r) => r.status === 200).length;
      expect(won).toBeLessThanOrEqual(1);
      for (const r of answers) if (r.status !== 200) expect([400, 409]).toContain(r.status);
      const trail = (await officerA.get(`/api/cases/${id}`)).body.trail as { action: string }[];
      expect(trail.filter((e) => e.action === 'accept')).toHaveLength(won);
      rounds += won;
      if (!won)
        process.stdout.write(
          `[nodes] 双方均被拒：${JSON.stringify(answers.map((r) => [r.status, r.body]))}；办件此时：${JSON.stringify(
            await officerA.get(`/api/cases/${id}`).then((r) => ({
              version: r.body.version,
              trail: (r.body.trail as { action: string }[]).map((e) => e.action),
            })),
          )}\n`,
        );
    }
    process.stdout.write(
      `[nodes] 两节点同时受理同一办件 10 轮：${rounds} 轮恰有一方成功，其余双方均被拒\n`,
    );
    expect(rounds).toBeGreaterThanOrEqual(8);

    // The scheduler's tick: on exactly one node (A took the lease first).
    const adminA = await signedIn(a.base, 'admin');
    const adminB = await signedIn(b.base, 'admin');
    await until(
      () => statusOf(adminA),
      (s) => runsOf(s, 'caseJobs') >= 3,
      20_000,
    );
    const [sa, sb] = [await statusOf(adminA), await statusOf(adminB)];
    expect(sa.leader).toBe(a.id);
    expect(sb.leader).toBe(a.id);
    expect(runsOf(sb, 'caseJobs')).toBe(0);
    expect(sb.jobs.items.find((j) => j.name === 'caseJobs')?.message).toContain(a.id);
    expect(sb.nodes.map((n) => n.id).sort()).toEqual([a.id, b.id].sort());
    // Every node writes its own failed projections again.
    expect(runsOf(sb, 'projectionRetry')).toBeGreaterThan(0);

    // A dies without a word: B takes the work once A's term has run out (15 s).
    a.node.child.kill('SIGKILL');
    await a.node.exited;
    const killedAt = Date.now();
    await until(
      () => statusOf(adminB),
      (s) => runsOf(s, 'caseJobs') >= 2,
      40_000,
    );
    process.stdout.write(`[nodes] A 被杀后 ${Date.now() - killedAt} ms，B 接手后台任务\n`);
    expect((await statusOf(adminB)).leader).toBe(b.id);
  }, 420_000);
});
