/**
 * End-to-end task completions over HTTP on the embedded database (issue 6 target: ≥ 300/s with
 * p95 < 100 ms at 32 concurrent clients), and the work-queue query (target p95 < 50 ms).
 *
 * Seeds the demo county, catalog and 300 demo cases (so the collections are not empty), prepares
 * BENCH_TASKS cases each with a claimed 审核 step (through the executor, written once each),
 * then completes them all with BENCH_CLIENTS clients sending POST /api/cases/:id/commands in a
 * loop. Then times GET /api/work-queues and GET /api/work-queues/conclusion for the 科长 with
 * BENCH_QUEUE_CASES synthetic cases added to the in-memory index. Engine-only figures are in
 * bench/engine.ts.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { seedDemoCounty } from '../seeds';
import { ApiClient } from '../seeds/api-client';
import { seedDemoCatalog } from '../seeds/demo-catalog';
import { seedDemoCases } from '../seeds/demo-cases';
import { DEMO_PASSWORD } from '../seeds/demo-county';
import { defineAbilityFor, type Principal } from '../server/access/abilities';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { PersonalDataCipher } from '../server/identity/personal-data';
import type { CaseView } from '../server/cases/view';
import { openBenchDatabase, say } from './embedded';
import { percentile } from './stats';

const TASKS = Number(process.env.BENCH_TASKS ?? 1500);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const QUEUE_CASES = Number(process.env.BENCH_QUEUE_CASES ?? 200_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function main() {
  const config = loadConfig({
    ...process.env,
    PORT: undefined,
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
  });
  const { db, models, close } = await openBenchDatabase(config, 'cases');
  try {
    await seedDemoCounty(models, () => undefined);
    const cipher = new PersonalDataCipher('0'.repeat(64));
    const { app, cases } = createApp({
      config,
      db,
      models,
      cipher,
      logger: pino({ level: 'silent' }),
    });
    await cases.whenReady();
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    let t = performance.now();
    await seedDemoCatalog(base, () => undefined);
    const seeded = await seedDemoCases(base, cases, () => undefined);
    say(`演示数据：目录与 ${seeded} 件办件，${((performance.now() - t) / 1000).toFixed(1)} 秒`);

    // Cases each waiting at a claimed 审核, made through the executor and written once each.
    const officer = new ApiClient(base);
    await officer.login('aj.officer', DEMO_PASSWORD);
    const me = (await officer.get('/api/auth/me')).body.user;
    const principal: Principal = {
      kind: 'staff',
      userId: me.id,
      roles: me.roles,
      unitId: me.unitId,
      departmentId: me.departmentId,
      countyId: me.countyId,
      postIds: me.postIds,
    };
    const caller = {
      kind: 'staff' as const,
      auth: {
        principal,
        ability: defineAbilityFor(principal),
        display: { username: me.username, name: me.name },
        session: { token: 'bench', csrfToken: 'bench', via: 'password' as const },
      },
    };
    const items = (await officer.get('/api/items?status=approved&pageSize=100')).body.items as {
      id: string;
    }[];
    const { executor, held, flush } = cases.batch();
    const clock = Date.now() - 3 * 86_400_000;
    executor.clock = () => new Date(clock);
    const applicant = {
      type: 'organisation' as const,
      name: '瓯江化工有限公司',
      idType: 'creditCode' as const,
      idNumber: '91330303MA2AB1234X',
    };
    const data = {
      applicantType: 'organisation',
      applicantName: '瓯江化工有限公司',
      creditCode: '91330303MA2AB1234X',
      phone: '13857712345',
    };
    let itemId: string | undefined;
    for (const item of items) {
      try {
        const def = await cases.definitions.get(
          item.id,
          (await officer.get(`/api/items/${item.id}`)).body.currentVersion,
        );
        const materials = def.def.materials.map((m) => ({ materialId: m.id }));
        const { doc } = await executor.startAtWindow(caller, {
          itemId: item.id,
          applicant,
          data,
          materials,
        });
        await executor.run(caller, doc._id, { type: 'accept', caseNo: '' });
        itemId = item.id;
        break;
      } catch {
        // Not an item this officer accepts; try the next.
      }
    }
    if (!itemId) throw new Error('没有可供 aj.officer 受理的事项');
    t = performance.now();
    const def = await cases.definitions
      .get(itemId, 2)
      .catch(() => cases.definitions.get(itemId!, 1));
    const materials = def.def.materials.map((m) => ({ materialId: m.id }));
    const ready: { id: string; workItemId: string }[] = [];
    for (let i = 0; i < TASKS; i++) {
      const { doc } = await executor.startAtWindow(caller, { itemId, applicant, data, materials });
      const { doc: accepted } = await executor.run(caller, doc._id, { type: 'accept', caseNo: '' });
      const review = accepted.state.workItems.find((w) => w.status === 'open')!;
      await executor.run(caller, doc._id, { type: 'claim', workItemId: review.id });
      ready.push({ id: doc._id, workItemId: review.id });
    }
    const written = await flush();
    say(
      `准备：${written - 0} 件办件（${held().length} 件未写），${((performance.now() - t) / 1000).toFixed(1)} 秒`,
    );
    executor.clock = () => new Date();

    // The measured part: every request completes one work item, sent by another process.
    const load = await runLoad({
      url: base,
      cookie: officer.cookie!,
      csrfToken: officer.csrfToken!,
      clients: CLIENTS,
      tasks: ready,
    });
    const latencies = load.latencies.sort((a, b) => a - b);
    const { failures } = load;
    console.log(
      `办理（complete）经 HTTP，内置数据库（SQLite synchronous=${config.EMBEDDED_DB_SYNC}），${CLIENTS} 个并发客户端，${latencies.length} 次（失败 ${failures}）：` +
        `${(latencies.length / load.seconds).toFixed(0)} 次/秒，p50 ${ms(percentile(latencies, 50))}，` +
        `p95 ${ms(percentile(latencies, 95))}，p99 ${ms(percentile(latencies, 99))}，最大 ${ms(latencies.at(-1)!)}`,
    );
    if (failures) throw new Error('有办理请求失败，结果无效');

    // Work queues: the 科长 now has every one of those cases in 待办结.
    const chief = new ApiClient(base);
    await chief.login('aj.chief', DEMO_PASSWORD);
    const template = cases.index.get(ready[0]!.id)!;
    const chiefRow = template.rows.find((r) => r.queue === 'conclusion')!;
    const synthetic: CaseView[] = [];
    for (let i = 0; i < QUEUE_CASES; i++) {
      const id = `bench${String(i).padStart(19, '0')}`;
      const view: CaseView = {
        ...template,
        _id: id,
        version: 1,
        caseName: `基准办件 ${i}`,
        rows: [
          // Most cases sit with other posts; one in fifty waits for this 科长.
          i % 50 === 0
            ? { ...chiefRow, key: `${id}:w:conclusion` }
            : { ...chiefRow, key: `${id}:w:todo`, queue: 'todo', postIds: [`post${i % 400}`] },
        ],
      };
      synthetic.push(view);
    }
    cases.index.load(synthetic);
    for (const [label, url] of [
      ['GET /api/work-queues（各队列件数）', '/api/work-queues'],
      ['GET /api/work-queues/conclusion（第 1 页）', '/api/work-queues/conclusion?pageSize=20'],
      ['GET /api/cases（监察人员，全县第 1 页）', '/api/cases?pageSize=20'],
    ] as const) {
      const who = url.startsWith('/api/cases') ? new ApiClient(base) : chief;
      if (url.startsWith('/api/cases')) await who.login('supervisor', DEMO_PASSWORD);
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < QUERIES; i++) {
        const t0 = performance.now();
        const res = await who.get(url);
        times.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`${url} 失败：${JSON.stringify(res.body)}`);
        total = res.body.total ?? res.body.items.length;
      }
      times.sort((a, b) => a - b);
      console.log(
        `${label}，索引中 ${cases.index.size} 件，命中 ${total}：p50 ${ms(percentile(times, 50))}，p95 ${ms(percentile(times, 95))}`,
      );
    }
    server.close();
  } finally {
    await close();
  }
}

/** Runs bench/completion-load.ts in a child process and returns what it measured. */
async function runLoad(input: {
  url: string;
  cookie: string;
  csrfToken: string;
  clients: number;
  tasks: { id: string; workItemId: string }[];
}): Promise<{ latencies: number[]; failures: number; seconds: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'completion-load.ts')],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stdin.end(JSON.stringify(input));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`负载进程退出码 ${code}`);
  return JSON.parse(out) as { latencies: number[]; failures: number; seconds: number };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
