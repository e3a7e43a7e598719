/**
 * Catalog search and import on the embedded database (CAT-9 target: search p95 under 50 ms).
 * Seeds the demo county, inserts 10,000 approved items directly, times 200 sequential
 * GET /api/items per kind of query, then the import of a generated 1,000-row sheet.
 */
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import pino from 'pino';
import { seedDemoCounty } from '../seeds';
import { ApiClient } from '../seeds/api-client';
import { DEMO_PASSWORD } from '../seeds/demo-county';
import { createApp } from '../server/app';
import { CATALOG_COLUMNS } from '../server/catalog/catalog-table';
import { loadConfig } from '../server/config';
import { PersonalDataCipher } from '../server/identity/personal-data';
import type { Models } from '../server/models';
import type { Unit } from '../server/organisation/unit-model';
import { benchContent, benchName, type BenchDepartment } from './catalog-data';
import { openBenchDatabase } from './embedded';
import { percentile } from './stats';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);

async function departments(models: Models): Promise<BenchDepartment[]> {
  const units = await models.units.find({}).lean<Unit[]>().exec();
  return units
    .filter((u) => u.kind === 'department' && u.deptCode)
    .map((d) => {
      const office = units.find((u) => String(u.departmentId) === String(d._id) && u !== d)!;
      return {
        _id: d._id,
        countyId: d.countyId!,
        name: d.name,
        deptCode: d.deptCode!,
        officeId: office._id,
        officeName: office.name,
      };
    });
}

async function insertItems(models: Models, depts: BenchDepartment[]) {
  const serials = new Map<string, number>();
  let batch: object[] = [];
  for (let n = 0; n < ITEMS; n++) {
    const d = depts[n % depts.length]!;
    const { type, name } = benchName(n);
    const subjectCode = `33030300${d.deptCode}`;
    const serial = (serials.get(`${subjectCode}-${type}`) ?? 0) + 1;
    serials.set(`${subjectCode}-${type}`, serial);
    batch.push({
      countyId: d.countyId,
      departmentId: d._id,
      subjectCode,
      name,
      type,
      status: 'approved',
      code: `${subjectCode}-${type}-${String(serial).padStart(4, '0')}`,
      draft: benchContent(type, name, d),
      currentVersion: 1,
      comments: [],
    });
    if (batch.length === 500 || n === ITEMS - 1) {
      await models.items.insertMany(batch);
      batch = [];
    }
  }
}

async function timeQueries(client: ApiClient, label: string, paths: string[]) {
  const times: number[] = [];
  let total = -1;
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    const res = await client.get(paths[i % paths.length]!);
    times.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${label}: ${res.status} ${JSON.stringify(res.body)}`);
    total = res.body.total;
  }
  times.sort((a, b) => a - b);
  const p95 = percentile(times, 95);
  console.log(
    `GET /api/items ${label.padEnd(14)} ${REQUESTS} requests: p50 ${percentile(times, 50).toFixed(1)} ms, ` +
      `p95 ${p95.toFixed(1)} ms, max ${times[times.length - 1]!.toFixed(1)} ms (last total ${total})` +
      (p95 > 50 ? '  ← over 50 ms' : ''),
  );
}

async function importSheet(rows: number, department: string) {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('事项目录');
  ws.addRow([...CATALOG_COLUMNS]);
  for (let n = 0; n < rows; n++) {
    const { type, name } = benchName(n);
    const row: Partial<Record<(typeof CATALOG_COLUMNS)[number], string>> = {
      事项类型: type,
      事项名称: `${name}（导入）`,
      行使依据: '《浙江省行政程序办法》第二十条：依据条文。',
      办理主体: department,
      主体性质: '法定机关',
      申报材料: '申请表（原件1份）\n营业执照（复印件1份）',
      收费: '不收费',
      法定期限: '20个工作日',
      承诺期限: '10个工作日',
      办理科室: '综合科',
      办件类型: '承诺件',
    };
    ws.addRow(CATALOG_COLUMNS.map((c) => row[c] ?? ''));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function main() {
  const config = loadConfig({ ...process.env, PORT: undefined, LOG_LEVEL: 'silent' });
  const { db, models, close } = await openBenchDatabase(config, 'catalog');
  try {
    await seedDemoCounty(models, () => undefined);
    const depts = await departments(models);
    let t0 = performance.now();
    await insertItems(models, depts);
    console.log(`inserted ${ITEMS} items in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const cipher = new PersonalDataCipher('0'.repeat(64));
    const { app } = createApp({ config, db, models, cipher, logger: pino({ level: 'silent' }) });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    const reviewer = new ApiClient(baseUrl);
    await reviewer.login('reviewer', DEMO_PASSWORD);

    // The first list loads the catalog into memory (server/catalog/item-list.ts); later ones reuse it.
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    t0 = performance.now();
    await reviewer.get('/api/items');
    console.log(
      `first GET /api/items (loads ${ITEMS} items into memory): ${(performance.now() - t0).toFixed(0)} ms`,
    );
    global.gc?.();
    console.log(
      `heap grew by ${((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(1)} MiB` +
        (global.gc ? '' : ' (run with NODE_OPTIONS=--expose-gc for a settled figure)'),
    );

    const samples = Array.from({ length: 50 }, (_, i) => benchName((i * 7919) % ITEMS));
    const codes = await models.items
      .find({ status: 'approved' })
      .select({ code: 1 })
      .limit(50)
      .lean()
      .exec();
    await timeQueries(
      reviewer,
      '?q=',
      samples.map((s) => `/api/items?q=${encodeURIComponent(s.name.slice(2, 6))}`),
    );
    await timeQueries(
      reviewer,
      '?type=',
      samples.map((s) => `/api/items?type=${s.type}`),
    );
    await timeQueries(
      reviewer,
      '?departmentId=',
      depts.map((d) => `/api/items?departmentId=${String(d._id)}`),
    );
    await timeQueries(
      reviewer,
      '?code=',
      codes.map((c) => `/api/items?code=${c.code}`),
    );

    const aj = depts.find((d) => d.deptCode === 'AJ')!;
    const clerk = new ApiClient(baseUrl);
    await clerk.login('aj.clerk', DEMO_PASSWORD);
    const sheet = await importSheet(1000, aj.name);
    t0 = performance.now();
    const res = await fetch(`${baseUrl}/api/catalog/import`, {
      method: 'POST',
      headers: {
        Cookie: clerk.cookie!,
        'X-CSRF-Token': clerk.csrfToken!,
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      body: sheet,
    });
    const report = (await res.json()) as { created: unknown[]; refused: unknown[] };
    console.log(
      `POST /api/catalog/import, 1000 rows (${(sheet.length / 1024).toFixed(0)} KiB): ` +
        `${((performance.now() - t0) / 1000).toFixed(2)} s, status ${res.status}, ` +
        `${report.created?.length} created, ${report.refused?.length} refused`,
    );
    server.close();
  } finally {
    await close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
