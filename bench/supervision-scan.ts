/**
 * The supervision's timeliness scan at county scale (SUP-2, issue 15): 200,000 open cases in the
 * case index, each with a legal and a promised limit and a step limit, one in a hundred overdue;
 * (1 % of cases a new alert a day, about what a county sees) the scan is run cold (every limit counted on the calendar), warm (the same day: counted limits
 * reused) and on the next day (counted again). Target: a full scan under 2 s.
 */
import pino from 'pino';
import { seedDemoCounty } from '../seeds';
import { createApp } from '../server/app';
import type { CaseView } from '../server/cases/view';
import { loadConfig } from '../server/config';
import { PersonalDataCipher } from '../server/identity/personal-data';
import { openBenchDatabase, say } from './embedded';

const CASES = Number(process.env.BENCH_CASES ?? 200_000);
const DAY = 86_400_000;

async function main() {
  const config = loadConfig({ STUDIO_BUILD: 'skip', DATA_KEY: '11'.repeat(32) });
  const { db, models, close } = await openBenchDatabase(config, 'supervision-scan');
  try {
    await seedDemoCounty(models, () => undefined);
    const { cases, supervision, sandbox } = createApp({
      config,
      db,
      models,
      cipher: new PersonalDataCipher(config.DATA_KEY!),
      logger: pino({ level: 'silent' }),
    });
    await cases.whenReady();
    const county = await models.units.findOne({ kind: 'county' }).lean().orFail();
    const dept = await models.units.findOne({ kind: 'department' }).lean().orFail();
    const now = new Date('2026-11-16T02:00:00Z');
    cases.executor.clock = () => now;
    const views: CaseView[] = [];
    for (let i = 0; i < CASES; i++) {
      const late = i % 100 === 0;
      const started = new Date(now.getTime() - (late ? 40 : 1 + (i % 5)) * DAY).toISOString();
      // Steps began within the last working day, except on the late cases.
      const stepStarted = late
        ? started
        : new Date(now.getTime() - (i % 8) * 3_600_000).toISOString();
      const unit = { id: String(dept._id), name: dept.name };
      const id = `scan${String(i).padStart(20, '0')}`;
      views.push({
        _id: id,
        version: 1,
        countyId: String(county._id),
        departmentIds: [String(dept._id)],
        handlingDepartmentId: String(dept._id),
        itemId: `item${i % 3000}`,
        itemVersion: 1,
        itemCode: `CODE${i % 3000}`,
        itemName: `基准事项 ${i % 3000}`,
        caseNo: `NO${i}`,
        caseName: `基准办件 ${i}`,
        applicantName: '张*',
        status: 'inProgress',
        channel: 'window',
        acceptingUnit: unit,
        handlingUnit: unit,
        appliedAt: started,
        acceptedAt: started,
        deadlines: {
          legal: { limit: { value: 20, unit: 'workingDays' }, startedAt: started, dueAt: null },
          promised: { limit: { value: 10, unit: 'workingDays' }, startedAt: started, dueAt: null },
        },
        pauses: [],
        rows: [
          {
            key: `${id}:w1:todo`,
            queue: 'todo',
            workItemId: `w${i}`,
            nodeId: 'review',
            stepName: '审核',
            postIds: [],
            unitId: String(dept._id),
            unitBound: false,
            since: stepStarted,
            dueAt: null,
            limit: { value: 3, unit: 'workingDays' },
            startedAt: stepStarted,
          },
        ],
      });
    }
    cases.index.load(views);
    const heap = () => `${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`;
    say(`准备：索引中 ${cases.index.size} 件在办办件，堆 ${heap()}`);
    const run = async (label: string) => {
      const r = await supervision.watch.scan();
      console.log(
        `时效扫描（${label}）：${r.cases} 件办件、${r.limits} 个时限，新发或升级 ${r.raised} 条预警，用时 ${r.ms} ms`,
      );
      return r;
    };
    await run('首次，逐个按日历计算');
    await run('同一天再扫，沿用已算的时限');
    await run('同一天第三次');
    now.setTime(now.getTime() + DAY);
    await run('次日，重新计算');
    await run('次日再扫');
    console.log(`堆内存 ${heap()}`);
    await sandbox.close();
  } finally {
    await close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
