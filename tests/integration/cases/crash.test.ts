import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import type { CaseStatus } from '../../../runtime/cases';
import { verifyTrail, type TrailAction } from '../../../runtime/trail';
import { DEMO_PASSWORD } from '../../../seeds/demo-county';
import { caseOfStored, viewOfStored, type StoredCase } from '../../../server/cases/case-model';
import type { StoredEvent } from '../../../server/cases/event-model';
import { PersonalText } from '../../../server/cases/personal-text';
import { PersonalDataCipher } from '../../../server/identity/personal-data';
import { ApiClient } from '../../support/client';
import { isAlive, spawnServer, waitUntil, type ServerProcess } from '../../support/process';

const started = (line: Record<string, unknown>) =>
  typeof line.port === 'number' && 'databasePid' in line;

/** The statuses a case may be in right after each kind of trail entry (state and trail agree). */
const AFTER: Partial<Record<TrailAction, CaseStatus[]>> = {
  apply: ['preReview', 'pendingAcceptance'],
  push: ['pendingAcceptance'],
  preReview: ['preReviewReturned', 'pendingAcceptance'],
  accept: ['inProgress', 'concluded'],
  refuse: ['refused'],
  requestCorrection: ['correction'],
  supplyCorrection: ['pendingAcceptance', 'inProgress'],
  claim: ['pendingAcceptance', 'inProgress'],
  complete: ['inProgress', 'concluded'],
  return: ['inProgress'],
  suspend: ['suspended'],
  resume: ['inProgress'],
  conclude: ['concluded'],
  withdraw: ['withdrawn'],
  terminate: ['terminated'],
};

/**
 * Issue 6, consistency: a server killed outright in the middle of a load of commands restarts
 * with every case consistent with its trail, every chain verifying, nothing acknowledged lost
 * and no projection written twice — the projections rebuilt from the cases.
 */
describe('a server killed with SIGKILL under load (RUN-7)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'county-crash-'));
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  const env = () => ({
    PORT: '0',
    DATA_DIR: dataDir,
    MONGODB_URI: undefined,
    FERRETDB_BIN: process.env.TEST_FERRETDB_BIN,
    SEED_DEMO: 'auto',
    // The load runs from one address; logins must not be limited by it.
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
  });

  async function signedIn(base: string, username: string) {
    const client = new ApiClient(base);
    const res = await client.login(username, DEMO_PASSWORD);
    if (res.status !== 200) throw new Error(`登录 ${username} 失败`);
    return client;
  }

  test('every case verifies and agrees with its trail, and views and events are rebuilt without duplicates', async () => {
    const first: ServerProcess = spawnServer(env());
    const line = await first.waitForLog(started, 180_000);
    const base = `http://127.0.0.1:${line.port as number}`;
    const officer = await signedIn(base, 'aj.officer');
    const chief = await signedIn(base, 'aj.chief');

    // Items the officer accepts and whose limits the calendar covers today.
    const items = (await officer.get('/api/items?status=approved&pageSize=100')).body.items as {
      id: string;
    }[];
    const usable: string[] = [];
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
    const start = async (itemId: string) => {
      const materials = (await officer.get(`/api/items/${itemId}`)).body.draft.materials.map(
        (m: { id: string }) => ({ materialId: m.id }),
      );
      return officer.post('/api/cases', { itemId, applicant, data, materials });
    };
    for (const item of items) {
      const res = await start(item.id);
      if (res.status !== 201) continue;
      const accepted = await officer.post(`/api/cases/${res.body.id}/commands`, { type: 'accept' });
      if (accepted.status === 200) usable.push(item.id);
    }
    expect(usable.length).toBeGreaterThan(0);

    // The load: each worker takes cases from the window to 办结, over and over.
    const acknowledged = new Map<string, number>();
    let stop = false;
    let commands = 0;
    type Answer = Awaited<ReturnType<ApiClient['post']>>;
    const ack = (res: Answer): Answer => {
      if (res.status >= 200 && res.status < 300 && res.body.id) {
        acknowledged.set(
          res.body.id,
          Math.max(acknowledged.get(res.body.id) ?? 0, res.body.version!),
        );
        commands += 1;
      }
      return res;
    };
    const cmd = (who: ApiClient, id: string, body: object) =>
      who.post(`/api/cases/${id}/commands`, body).then(ack);
    const worker = async (w: number) => {
      for (let n = 0; !stop; n++) {
        const created = ack(await start(usable[(w + n) % usable.length]!));
        if (created.status !== 201) continue;
        const id = created.body.id as string;
        const accepted = await cmd(officer, id, { type: 'accept', opinion: '予以受理' });
        if (accepted.status !== 200) continue;
        const review = accepted.body.workItems[0];
        if (!review) continue;
        await cmd(officer, id, { type: 'claim', workItemId: review.id });
        const done = await cmd(officer, id, {
          type: 'complete',
          workItemId: review.id,
          outcome: 'approve',
          opinion: '符合条件',
        });
        const decide = done.body.workItems?.find(
          (x: { nodeId: string }) => x.nodeId !== review.nodeId,
        );
        if (!decide) continue;
        await cmd(chief, id, { type: 'claim', workItemId: decide.id });
        await cmd(chief, id, {
          type: 'conclude',
          workItemId: decide.id,
          decision: { result: 'granted', text: '准予许可' },
        });
      }
    };
    const load = Promise.all(Array.from({ length: 6 }, (_, w) => worker(w).catch(() => undefined)));
    await waitUntil(() => commands >= 60, 60_000);
    first.child.kill('SIGKILL');
    stop = true;
    await first.exited;
    await load;
    await waitUntil(() => !isAlive(line.databasePid as number), 5000);

    const second = spawnServer(env());
    const again = await second.waitForLog(started, 120_000);
    try {
      const dbLine = second.logs.find((l) => String(l.msg).startsWith('内置数据库已启动'));
      const dbPort = /端口 (\d+)/.exec(String(dbLine?.msg))?.[1];
      const rebuiltLine = second.logs.find((l) => String(l.msg).startsWith('办件索引已载入'));
      expect(rebuiltLine).toBeDefined();
      const client = await MongoClient.connect(`mongodb://127.0.0.1:${dbPort}/`);
      try {
        const db = client.db('county');
        const stored = await db.collection<StoredCase>('cases').find({}).toArray();
        const key = (await fs.readFile(path.join(dataDir, 'data-key'), 'utf8')).trim();
        const personal = new PersonalText(new PersonalDataCipher(key));
        const cases = stored.map((s) => caseOfStored(s, personal));
        const views = stored.map(viewOfStored);
        const events = await db
          .collection<StoredEvent>('events')
          .find({}, { projection: { _id: 1 } })
          .toArray();
        const viewOf = new Map(views.map((v) => [v._id, v]));
        const eventIds = new Set(events.map((e) => e._id));
        expect(eventIds.size).toBe(events.length);

        const problems: string[] = [];
        for (const c of cases) {
          // State and trail were written together: the chain verifies up to the head the state names.
          const verified = verifyTrail(c._id, c.trail, { head: c.trailHead });
          if (!verified.ok) problems.push(`${c._id}: ${verified.message}`);
          if (JSON.stringify(c.state.trailHead) !== JSON.stringify(c.trailHead))
            problems.push(`${c._id}: 状态所载末端与办件不符`);
          const last = c.trail.at(-1)!;
          const allowed = AFTER[last.action];
          if (allowed && !allowed.includes(c.state.status))
            problems.push(`${c._id}: 最后一条痕迹为 ${last.action}，状态却是 ${c.state.status}`);
          // The view went with the case; every event the case owed was written at restart.
          const view = viewOf.get(c._id);
          if (view?.version !== c.version || view.status !== c.state.status)
            problems.push(`${c._id}: 视图 ${view?.version} 与办件 ${c.version} 不符`);
          for (const e of c.outbox)
            if (!eventIds.has(e.id)) problems.push(`${c._id}: 缺少事件 ${e.id}`);
          // Nothing acknowledged before the crash was lost.
          if (c.version < (acknowledged.get(c._id) ?? 0))
            problems.push(
              `${c._id}: 已确认到第 ${acknowledged.get(c._id)} 版，库中只有 ${c.version} 版`,
            );
        }
        expect(problems).toEqual([]);
        const ids = new Set(cases.map((c) => c._id));
        expect([...acknowledged.keys()].filter((id) => !ids.has(id))).toEqual([]);
        expect(views).toHaveLength(cases.length);
        const rowKeys = views.flatMap((v) => v.rows.map((r) => r.key));
        expect(new Set(rowKeys).size).toBe(rowKeys.length);
        const numbers = cases.flatMap((c) => (c.caseNo ? [c.caseNo] : []));
        expect(new Set(numbers).size).toBe(numbers.length);
        expect(acknowledged.size).toBeGreaterThan(5);
        process.stderr.write(
          `[crash] ${commands} 个操作得到确认后 SIGKILL；重启：${String(rebuiltLine?.msg)}；共 ${cases.length} 件，${events.length} 个事件\n`,
        );
      } finally {
        await client.close();
      }
      // The restarted server answers from the rebuilt index.
      const base2 = `http://127.0.0.1:${again.port as number}`;
      const officer2 = await signedIn(base2, 'aj.officer');
      const queues = await officer2.get('/api/work-queues');
      expect(queues.status).toBe(200);
      const some = [...acknowledged.keys()][0]!;
      const verify = await officer2.get(`/api/cases/${some}/trail/verify`);
      expect(verify.body.ok).toBe(true);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 400_000);
});
