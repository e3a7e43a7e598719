/**
 * The public portal at county scale (POR-9, issue 14): 10,000 published items (each with its
 * approved version) and 100,000 cases written straight into the embedded database, then 200
 * sequential requests per page: the item list and guide pages when the server has them, and
 * search (targets: pages p95 under 20 ms, search p95 under 50 ms), and the search index's memory.
 * Times are measured at the client over loopback, so they include HTTP on top of server time.
 */
import type { AddressInfo } from 'node:net';
import { Types } from 'mongoose';
import pino from 'pino';
import { seedDemoCounty } from '../seeds';
import { createApp } from '../server/app';
import { versionId } from '../server/catalog/version-model';
import { loadConfig } from '../server/config';
import { PersonalDataCipher } from '../server/identity/personal-data';
import type { Models } from '../server/models';
import type { Unit } from '../server/organisation/unit-model';
import { searchIndexOf } from '../server/search/search-index';
import { pinyinTerms } from '../server/search/terms';
import { benchContent, benchName, type BenchDepartment } from './catalog-data';
import { openBenchDatabase } from './embedded';
import { percentile } from './stats';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
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

interface Inserted {
  id: Types.ObjectId;
  code: string;
  name: string;
  countyId: Types.ObjectId;
  departmentId: Types.ObjectId;
}

/** Published items: the item and its first approved version, as an approval leaves them. */
async function insertItems(models: Models, depts: BenchDepartment[]): Promise<Inserted[]> {
  const serials = new Map<string, number>();
  const inserted: Inserted[] = [];
  let items: object[] = [];
  let versions: object[] = [];
  for (let n = 0; n < ITEMS; n++) {
    const d = depts[n % depts.length]!;
    const { type, name } = benchName(n);
    const subjectCode = `33030300${d.deptCode}`;
    const serial = (serials.get(`${subjectCode}-${type}`) ?? 0) + 1;
    serials.set(`${subjectCode}-${type}`, serial);
    const code = `${subjectCode}-${type}-${String(serial).padStart(4, '0')}`;
    const content = benchContent(type, name, d);
    const id = new Types.ObjectId();
    const scope = { countyId: d.countyId, departmentId: d._id };
    items.push({ _id: id, ...scope, subjectCode, name, type, status: 'approved', code });
    Object.assign(items[items.length - 1]!, { draft: content, currentVersion: 1, comments: [] });
    versions.push({
      _id: versionId(id, 1),
      itemId: id,
      ...scope,
      n: 1,
      content,
      process: {},
      forms: [],
      code,
      approvedBy: 'bench',
      approvedByName: '基准测试',
      approvedAt: new Date(),
    });
    inserted.push({ id, code, name, ...scope });
    if (items.length === 500 || n === ITEMS - 1) {
      await models.items.insertMany(items);
      await models.itemVersions.insertMany(versions);
      items = [];
      versions = [];
    }
  }
  return inserted;
}

/**
 * Concluded cases as rows: the fields lists, access and counts read, and a small state. They
 * are not cases the engine could continue; the portal reads no case of them but counts.
 */
async function insertCases(models: Models, items: Inserted[]) {
  const collection = models.cases.collection;
  let batch: object[] = [];
  for (let n = 0; n < CASES; n++) {
    const item = items[(n * 7919) % items.length]!;
    const id = new Types.ObjectId().toHexString();
    const at = new Date(Date.UTC(2026, 0, 1) + n * 60_000);
    const caseNo = `330303${String(n).padStart(12, '0')}`;
    batch.push({
      _id: id,
      countyId: String(item.countyId),
      departmentIds: [String(item.departmentId)],
      handlingDepartmentId: String(item.departmentId),
      itemId: String(item.id),
      itemVersion: 1,
      caseNo,
      state: JSON.stringify({
        caseId: id,
        itemId: String(item.id),
        itemVersion: 1,
        itemCode: item.code,
        itemName: item.name,
        status: 'concluded',
        caseNo,
        appliedAt: at.toISOString(),
      }),
      trail: [],
      trailHead: null,
      outbox: '[]',
      // What the case index and the results page read of a concluded case.
      view: JSON.stringify({
        _id: id,
        version: 1,
        countyId: String(item.countyId),
        departmentIds: [String(item.departmentId)],
        handlingDepartmentId: String(item.departmentId),
        itemId: String(item.id),
        itemVersion: 1,
        itemCode: item.code,
        itemName: item.name,
        caseNo,
        caseName: item.name,
        applicantName: n % 2 ? '温州瓯江化工有限公司' : '张三',
        status: 'concluded',
        channel: 'window',
        acceptingUnit: { id: String(item.departmentId), name: '' },
        handlingUnit: { id: String(item.departmentId), name: '' },
        appliedAt: at.toISOString(),
        acceptedAt: at.toISOString(),
        endedAt: new Date(at.getTime() + 3 * 86_400_000).toISOString(),
        result: n % 5 ? 'granted' : 'denied',
        deadlines: {},
        pauses: [],
        rows: [],
      }),
      version: 1,
      projectedVersion: 1,
      createdAt: at,
      updatedAt: at,
    });
    if (batch.length === 2000 || n === CASES - 1) {
      await collection.insertMany(batch as never[]);
      batch = [];
    }
  }
}

let address = 0;
/** Each request from its own address, so the portal's per-address rate limit does not apply. */
async function time(baseUrl: string, label: string, paths: string[], target: number) {
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}${paths[i % paths.length]!}`, {
      headers: {
        'X-Forwarded-For': `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address++ & 255}`,
      },
    });
    const body = await res.text();
    times.push(performance.now() - t0);
    if (res.status !== 200)
      throw new Error(`${label}: ${res.status} ${paths[i % paths.length]} ${body.slice(0, 300)}`);
  }
  times.sort((a, b) => a - b);
  const p95 = percentile(times, 95);
  console.log(
    `${label.padEnd(28)} ${REQUESTS} requests: p50 ${percentile(times, 50).toFixed(1)} ms, ` +
      `p95 ${p95.toFixed(1)} ms, max ${times[times.length - 1]!.toFixed(1)} ms` +
      (p95 > target ? `  ← over ${target} ms` : ''),
  );
}

async function main() {
  const config = loadConfig({ ...process.env, PORT: undefined, LOG_LEVEL: 'silent' });
  const { db, models, close } = await openBenchDatabase(config, 'portal');
  try {
    await seedDemoCounty(models, () => undefined);
    const depts = await departments(models);
    let t0 = performance.now();
    const items = await insertItems(models, depts);
    console.log(
      `inserted ${ITEMS} published items in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    t0 = performance.now();
    await insertCases(models, items);
    console.log(`inserted ${CASES} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const cipher = new PersonalDataCipher('0'.repeat(64));
    const { app } = createApp({ config, db, models, cipher, logger: pino({ level: 'silent' }) });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    t0 = performance.now();
    const index = searchIndexOf(models.items, models.itemVersions);
    await index.warm();
    const built = performance.now() - t0;
    global.gc?.();
    const heap = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    const { documents, terms } = index.stats();
    console.log(
      `search index: ${documents} items, ${terms} terms, built in ${(built / 1000).toFixed(1)} s, ` +
        `heap grew by ${heap.toFixed(1)} MiB` +
        (global.gc ? '' : ' (run with NODE_OPTIONS=--expose-gc for a settled figure)'),
    );

    const sample = Array.from({ length: 50 }, (_, i) => items[(i * 7919) % items.length]!);
    const probe = await fetch(`${baseUrl}/portal/items`, {
      headers: { 'X-Forwarded-For': '10.255.255.1' },
    });
    await probe.text();
    if (probe.status === 200) {
      // The other portal pages are another part's work: a failure there is printed, not fatal.
      try {
        const depts = await models.units.find({ kind: 'department' }).lean<Unit[]>().exec();
        await time(
          baseUrl,
          'GET /portal/items',
          [
            '/portal/items',
            '/portal/items?page=40',
            ...depts.map((d) => `/portal/items?department=${String(d._id)}`),
          ],
          20,
        );
        await time(
          baseUrl,
          'GET /portal/items/<code>',
          sample.map((s) => `/portal/items/${s.code}`),
          20,
        );
      } catch (err) {
        console.log(`portal pages: ${(err as Error).message}`);
      }
    } else {
      console.log(
        `GET /portal/items answered ${probe.status}: item list and guide pages not measured`,
      );
    }

    const q = (s: string) => `/portal/search?q=${encodeURIComponent(s)}`;
    await time(
      baseUrl,
      'search: whole name',
      sample.map((s) => q(s.name.slice(0, 50))),
      50,
    );
    await time(
      baseUrl,
      'search: part of a name',
      sample.map((s) => q(s.name.slice(2, 6))),
      50,
    );
    await time(
      baseUrl,
      'search: pinyin initials',
      sample.map((s) =>
        q([...pinyinTerms(s.name).keys()].find((k) => k.length >= 3 && k.length <= 6) ?? 'yyzz'),
      ),
      50,
    );
    await time(
      baseUrl,
      'search: synonym',
      ['开店', '办证', '生孩子', '上户口', '低保', '补办'].map(q),
      50,
    );
    await time(
      baseUrl,
      'search: code',
      sample.map((s) => q(s.code)),
      50,
    );
    await time(baseUrl, 'search: nothing found', ['量子纠缠', 'zzzzqqq', '火星移民'].map(q), 50);
    server.closeAllConnections();
    server.close();
  } finally {
    await close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
