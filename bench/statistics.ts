/**
 * The statistics query at county scale (SUP-6, issue 15): 200,000 cases' facts (a county's year
 * and more) stored in `case_statistics`, loaded by the server as at start-up, then
 * `GET /api/supervision/statistics` asked by a supervisor for each dimension and for a month.
 * Target: p95 under 100 ms.
 */
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { civilDateOf } from '../runtime/calendar';
import type { CaseFacts } from '../runtime/supervision/statistics';
import { seedDemoCounty } from '../seeds';
import { ApiClient } from '../seeds/api-client';
import { DEMO_PASSWORD } from '../seeds/demo-county';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { PersonalDataCipher } from '../server/identity/personal-data';
import { storedFacts, type StoredFacts } from '../server/supervision/statistics';
import { openBenchDatabase, say } from './embedded';
import { percentile } from './stats';

const CASES = Number(process.env.BENCH_CASES ?? 200_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 100);
const DAY = 86_400_000;
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function main() {
  const config = loadConfig({
    ...process.env,
    PORT: undefined,
    LOG_LEVEL: 'silent',
    STUDIO_BUILD: 'skip',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
  });
  const { db, models, close } = await openBenchDatabase(config, 'statistics');
  try {
    await seedDemoCounty(models, () => undefined);
    const { app, cases, supervision, sandbox } = createApp({
      config,
      db,
      models,
      cipher: new PersonalDataCipher('0'.repeat(64)),
      logger: pino({ level: 'silent' }),
    });
    await cases.whenReady();
    const county = await models.units.findOne({ kind: 'county' }).lean().orFail();
    const departments = await models.units.find({ kind: 'department' }).lean();
    const start = new Date('2025-12-01T01:00:00Z').getTime();

    // A year of cases over the county's departments, 3,000 items, three steps each.
    let t = performance.now();
    const coll = db.connection.collection<StoredFacts>('case_statistics');
    let batch: StoredFacts[] = [];
    for (let i = 0; i < CASES; i++) {
      const dept = departments[i % departments.length]!;
      const received = start + (i % 365) * DAY + (i % 480) * 60_000;
      const concluded = i % 10 !== 0;
      const days = i % 13;
      const accepted = new Date(received + 3_600_000).toISOString();
      const ended = new Date(received + (days + 1) * DAY).toISOString();
      const step = (n: number, post: number) => ({
        nodeId: `s${n}`,
        stepName: ['受理', '审核', '决定'][n]!,
        postId: `post${post}`,
        postName: `岗位 ${post}`,
        departmentId: String(dept._id),
        departmentName: dept.name,
        userId: `user${i % 400}`,
        startedAt: accepted,
        endedAt: ended,
        days: n === 0 ? 0 : Math.floor(days / 2),
      });
      const receivedAt = new Date(received).toISOString();
      const facts: CaseFacts = {
        _id: `bench${String(i).padStart(19, '0')}`,
        version: 5,
        countyId: String(county._id),
        itemId: `item${i % 3000}`,
        itemCode: `CODE${i % 3000}`,
        itemName: `基准事项 ${i % 3000}`,
        departmentId: String(dept._id),
        departmentName: dept.name,
        receivedAt,
        receivedDay: civilDateOf(receivedAt),
        acceptedAt: accepted,
        ...(concluded ? { endedAt: ended, finalState: 'granted' as const, days } : {}),
        concluded,
        dueAt: new Date(received + 10 * DAY).toISOString(),
        steps: concluded ? [step(0, i % 60), step(1, 60 + (i % 60)), step(2, 120 + (i % 30))] : [],
        returns: i % 50 === 0 ? ['s1'] : [],
        urges: i % 200 === 0 ? 1 : 0,
      };
      batch.push(storedFacts(facts));
      if (batch.length === 2_000) {
        await coll.insertMany(batch);
        batch = [];
      }
    }
    if (batch.length) await coll.insertMany(batch);
    say(`准备：写入 ${CASES} 件办件的统计数据，${((performance.now() - t) / 1000).toFixed(1)} 秒`);

    t = performance.now();
    await supervision.statistics.whenLoaded();
    const heap = () => `${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`;
    console.log(
      `载入统计数据（启动时一次）：${supervision.statistics.size} 件，${ms(performance.now() - t)}，堆 ${heap()}`,
    );

    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const supervisor = new ApiClient(base);
    await supervisor.login('supervisor', DEMO_PASSWORD);
    for (const [label, url] of [
      ['按部门', '/api/supervision/statistics?by=department'],
      ['按事项（第 1 页，按时办结率排名）', '/api/supervision/statistics?by=item&sort=onTimeRate'],
      ['按月份', '/api/supervision/statistics?by=period'],
      ['按环节', '/api/supervision/statistics?by=step'],
      ['按岗位', '/api/supervision/statistics?by=post'],
      ['按部门，一个月', '/api/supervision/statistics?by=department&from=2026-03-01&to=2026-03-31'],
    ] as const) {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < QUERIES; i++) {
        const t0 = performance.now();
        const res = await supervisor.get(url);
        times.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`${url} 失败：${JSON.stringify(res.body)}`);
        total = res.body.totals.received;
      }
      times.sort((a, b) => a - b);
      console.log(
        `绩效统计 ${label}：${CASES} 件中统计 ${total} 件，p50 ${ms(percentile(times, 50))}，p95 ${ms(percentile(times, 95))}`,
      );
    }
    server.close();
    await sandbox.close();
  } finally {
    await close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
