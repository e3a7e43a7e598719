import ExcelJS from 'exceljs';
import type { Collection, Connection } from 'mongoose';
import type { Logger } from 'pino';
import {
  aggregateStatistics,
  caseFacts,
  rankRows,
  type CaseAlertCounts,
  type CaseFacts,
  type StatisticsQuery,
  type StatisticsRow,
  type StatisticsSort,
} from '../../runtime/supervision/statistics';
import type { InternalProcess } from '../../runtime/catalog/item';
import type { CaseService } from '../cases';
import { caseOfStored, type CaseDoc } from '../cases/case-model';
import type { CaseEventHandler } from '../cases/projector';
import type { StoredEvent } from '../cases/event-model';
import type { SupervisionAlerts } from './alerts';

const BATCH = 200;

/**
 * Facts as stored: JSON text beside the fields a query needs, as the cases are stored
 * (case-model.ts): the embedded database reads a text many times faster than nested documents.
 */
export interface StoredFacts {
  _id: string;
  countyId: string;
  version: number;
  json: string;
}

export const storedFacts = (f: CaseFacts): StoredFacts => ({
  _id: f._id,
  countyId: f.countyId,
  version: f.version,
  json: JSON.stringify(f),
});

/**
 * Performance statistics (SUP-6), kept current from case events: every event names a case whose
 * facts (runtime/supervision/statistics.ts) are derived again from its trail and replaced, in the
 * `case_statistics` collection and in memory; figures are aggregated from the facts per query. A
 * rebuild derives every case's facts afresh from the stored trails.
 */
export class SupervisionStatistics implements CaseEventHandler {
  readonly name = 'statistics';
  private readonly coll: Collection<StoredFacts>;
  private readonly facts = new Map<string, CaseFacts>();
  /** The same facts by county: every query reads one county's. */
  private readonly byCounty = new Map<string, Map<string, CaseFacts>>();
  private loaded: Promise<void> | null = null;

  constructor(
    connection: Connection,
    private readonly deps: { cases: CaseService; alerts: SupervisionAlerts; logger: Logger },
  ) {
    this.coll = connection.collection<StoredFacts>(
      'case_statistics',
    ) as unknown as Collection<StoredFacts>;
  }

  private stored: Promise<void> | null = null;

  /** The facts as stored; what a handler needs (it may run while the case index still loads). */
  private whenStored(): Promise<void> {
    this.stored ??= (async () => {
      for await (const d of this.coll.find({})) this.keep(JSON.parse(d.json) as CaseFacts);
    })().catch((err: unknown) => {
      this.stored = null;
      throw err;
    });
    return this.stored;
  }

  /** The stored facts, then any case written while no handler ran (a crash, an old version). */
  whenLoaded(): Promise<void> {
    this.loaded ??= (async () => {
      await this.whenStored();
      await this.deps.cases.whenReady();
      const behind = [...this.deps.cases.index.all()]
        .filter((v) => this.facts.get(v._id)?.version !== v.version)
        .map((v) => v._id);
      for (let i = 0; i < behind.length; i += BATCH)
        await this.refreshMany(behind.slice(i, i + BATCH), true);
      if (behind.length)
        this.deps.logger.info({ cases: behind.length }, `统计数据补算 ${behind.length} 件`);
    })().catch((err: unknown) => {
      this.loaded = null;
      throw err;
    });
    return this.loaded;
  }

  private keep(f: CaseFacts): void {
    this.facts.set(f._id, f);
    let county = this.byCounty.get(f.countyId);
    if (!county) this.byCounty.set(f.countyId, (county = new Map()));
    county.set(f._id, f);
  }

  async handle(events: readonly StoredEvent[]): Promise<void> {
    await this.whenStored();
    await this.refreshMany([...new Set(events.map((e) => e.caseId))], false);
  }

  private async factsOf(doc: CaseDoc): Promise<CaseFacts> {
    const { cases } = this.deps;
    const s = doc.state;
    const department = await cases.units.get(doc.handlingDepartmentId);
    const due = s.deadlines.promised ?? s.deadlines.legal;
    const { def } = await cases.definitions.get(doc.itemId, doc.itemVersion);
    return caseFacts(
      {
        caseId: doc._id,
        version: doc.version,
        countyId: doc.countyId,
        itemId: s.itemId,
        itemCode: s.itemCode,
        itemName: s.itemName,
        departmentId: doc.handlingDepartmentId,
        departmentName: department?.name ?? s.handlingUnit.name,
        trail: doc.trail,
        ...(due ? { dueAt: due.dueAt } : {}),
        pauses: s.pauses,
        ...(def.internal ? { internal: def.internal } : {}),
        ...(doc.trial ? { trial: true } : {}),
        ...(s.target ? { target: s.target.unit } : {}),
      },
      await cases.calendars.of(doc.countyId),
    );
  }

  /** Cases another node changed (it stores their facts): derived here for this node's figures. */
  async remoteChanged(ids: string[]): Promise<void> {
    await this.whenStored();
    await this.refreshMany(ids, true, false);
  }

  /** Derives and stores the facts of these cases; `fresh` reads them past this process's cache. */
  private async refreshMany(ids: string[], fresh: boolean, keep = true): Promise<void> {
    const { store } = this.deps.cases;
    const writes = [];
    for (const id of ids) {
      // Never `load`: it caches what it read, and a late read could displace a newer version.
      const doc = fresh ? await store.fresh(id) : await store.peek(id);
      if (!doc) continue;
      const held = this.facts.get(id);
      if (held && held.version >= doc.version) continue;
      let f: CaseFacts;
      try {
        f = await this.factsOf(doc);
      } catch (err) {
        // One case the derivation cannot read must not take the county's figures down with it.
        this.deps.logger.error({ err, caseId: id }, '办件统计数据计算失败');
        continue;
      }
      this.keep(f);
      writes.push({
        replaceOne: { filter: { _id: id }, replacement: storedFacts(f), upsert: true },
      });
    }
    if (writes.length && keep) await this.coll.bulkWrite(writes, { ordered: false });
  }

  /** Drops every fact and derives them again from the stored cases; answers how many and how long. */
  async rebuild(): Promise<{ cases: number; ms: number }> {
    const t0 = Date.now();
    await this.whenLoaded();
    await this.coll.deleteMany({});
    this.facts.clear();
    this.byCounty.clear();
    const cases = this.deps.cases.store.collection;
    let batch: StoredFacts[] = [];
    let n = 0;
    const flush = async () => {
      if (batch.length) await this.coll.insertMany(batch);
      batch = [];
    };
    for await (const doc of cases.find({})) {
      const f = await this.factsOf(caseOfStored(doc, this.deps.cases.store.personal));
      this.keep(f);
      batch.push(storedFacts(f));
      n += 1;
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    return { cases: n, ms: Date.now() - t0 };
  }

  /** The facts of one case as held (tests compare them with an independent reading). */
  get(caseId: string): CaseFacts | undefined {
    return this.facts.get(caseId);
  }

  get size(): number {
    return this.facts.size;
  }

  /** The county's 督办 or complaints, newest first (SUP-8 records). */
  async internalCases(countyId: string, kind: InternalProcess): Promise<CaseFacts[]> {
    await this.whenLoaded();
    return [...(this.byCounty.get(countyId)?.values() ?? [])]
      .filter((f) => f.internal === kind)
      .sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0));
  }

  /** The county's alerts per case, counted in one pass over the alerts (far fewer than cases). */
  private alertCounts(countyId: string): Map<string, CaseAlertCounts> {
    const out = new Map<string, CaseAlertCounts>();
    for (const a of this.deps.alerts.all()) {
      if (a.countyId !== countyId) continue;
      let counts = out.get(a.caseId);
      if (!counts) out.set(a.caseId, (counts = { yellow: 0, red: 0, byNode: new Map() }));
      // A card escalated to red was yellow first: it counts in both.
      const yellow = a.level === 'yellow' || a.escalatedAt ? 1 : 0;
      const red = a.level === 'red' ? 1 : 0;
      counts.yellow += yellow;
      counts.red += red;
      if (a.nodeId) {
        const c = counts.byNode.get(a.nodeId) ?? { yellow: 0, red: 0 };
        c.yellow += yellow;
        c.red += red;
        counts.byNode.set(a.nodeId, c);
      }
    }
    return out;
  }

  async query(
    countyId: string,
    q: StatisticsQuery,
    sort: StatisticsSort,
    now: Date,
  ): Promise<{ rows: StatisticsRow[]; total: StatisticsRow }> {
    await Promise.all([this.whenLoaded(), this.deps.alerts.whenLoaded()]);
    const alerts = this.alertCounts(countyId);
    const { rows, total } = aggregateStatistics(
      this.byCounty.get(countyId)?.values() ?? [],
      q,
      (id) => alerts.get(id),
      now.toISOString(),
    );
    return { rows: rankRows(rows, sort), total };
  }
}

const COLUMNS: { key: keyof StatisticsRow; header: string; width: number }[] = [
  { key: 'received', header: '收件', width: 8 },
  { key: 'accepted', header: '受理', width: 8 },
  { key: 'refused', header: '不予受理', width: 10 },
  { key: 'concluded', header: '办结', width: 8 },
  { key: 'granted', header: '准予', width: 8 },
  { key: 'denied', header: '不予', width: 8 },
  { key: 'onTime', header: '按时办结', width: 10 },
  { key: 'onTimeRate', header: '按时办结率', width: 12 },
  { key: 'overdue', header: '超期', width: 8 },
  { key: 'meanDays', header: '平均用时（工作日）', width: 18 },
  { key: 'p90Days', header: '90%用时（工作日）', width: 18 },
  { key: 'returned', header: '退回', width: 8 },
  { key: 'urged', header: '催办', width: 8 },
  { key: 'yellow', header: '黄牌', width: 8 },
  { key: 'red', header: '红牌', width: 8 },
  { key: 'orders', header: '督办', width: 8 },
  { key: 'complaints', header: '投诉', width: 8 },
];

export const DIMENSION_LABELS = {
  department: '部门',
  item: '事项',
  period: '期间',
  step: '环节',
  post: '岗位',
} as const;

/** The figures as a workbook: one row per group, ranked, with the total last. */
export async function statisticsXlsx(
  title: string,
  by: StatisticsQuery['by'],
  rows: StatisticsRow[],
  total: StatisticsRow,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('绩效统计', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = [
    { key: 'rank', width: 6 },
    { key: 'name', width: 36 },
    ...COLUMNS.map((c) => ({ key: c.key, width: c.width })),
  ];
  sheet.addRow([title]).font = { bold: true, size: 13 };
  const header = sheet.addRow(['名次', DIMENSION_LABELS[by], ...COLUMNS.map((c) => c.header)]);
  header.font = { bold: true };
  const cells = (r: StatisticsRow) =>
    COLUMNS.map((c) => {
      const v = r[c.key];
      return v === null || v === undefined ? '—' : v;
    });
  rows.forEach((r, i) => {
    const name =
      r.departmentName && by !== 'department' ? `${r.name}（${r.departmentName}）` : r.name;
    sheet.addRow([i + 1, name, ...cells(r)]);
  });
  sheet.addRow(['', total.name, ...cells(total)]).font = { bold: true };
  const rate = COLUMNS.findIndex((c) => c.key === 'onTimeRate') + 3;
  sheet.getColumn(rate).numFmt = '0%';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
