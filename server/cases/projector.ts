import type { Collection } from 'mongodb';
import type { Logger } from 'pino';
import type { CaseDoc, OutboxEvent } from './case-model';
import type { CaseIndex } from './case-index';
import type { CaseDefinitions } from './definitions';
import type { EventModel, StoredEvent } from './event-model';
import { KeyedLock } from './keyed-lock';
import type { CaseStore } from './store';
import { viewOf, type CaseView } from './view';
import type { CaseViewModel } from './view-model';
import { isDuplicateKey } from '../database/unique';

/** insertMany reports every duplicate of an unordered insert; only those are expected here. */
function onlyDuplicates(err: unknown): boolean {
  const e = err as { code?: number; writeErrors?: { code?: number }[] };
  if (e?.writeErrors?.length) return e.writeErrors.every((w) => w.code === 11000);
  return isDuplicateKey(err);
}

export interface ProjectorDeps {
  store: CaseStore;
  definitions: CaseDefinitions;
  index: CaseIndex;
  views: CaseViewModel;
  events: EventModel;
  embedded: boolean;
  logger: Logger;
}

/**
 * Writes what follows from a case change, after the case: its events (by their stable ids) and
 * its view (one document per case, only ever replaced by a newer version). Both are idempotent,
 * so writing them again after a crash, or twice, changes nothing; and both follow from the case
 * document alone (its `outbox` keeps the events until they are confirmed), so they can always be
 * rebuilt from the cases.
 */
export class Projector {
  private readonly viewsColl: Collection<CaseView>;
  private readonly eventsColl: Collection<StoredEvent>;
  private readonly locks = new KeyedLock();
  /** The view version known to be in the database, per case (this process's knowledge). */
  private readonly persisted = new Map<string, number>();
  /** Cases whose projection failed here; the periodic job tries them again. */
  private readonly retry = new Set<string>();

  constructor(private readonly deps: ProjectorDeps) {
    this.viewsColl = deps.views.collection as unknown as Collection<CaseView>;
    this.eventsColl = deps.events.collection as unknown as Collection<StoredEvent>;
  }

  /** The highest version of a case whose events and view are known to be written. */
  confirmed(caseId: string): number {
    return this.persisted.get(caseId) ?? 0;
  }

  /** Projects a case just written; a failure is logged and left to the periodic job. */
  async afterWrite(doc: CaseDoc): Promise<void> {
    try {
      await this.project(doc);
    } catch (err) {
      this.retry.add(doc._id);
      this.deps.logger.error({ err, caseId: doc._id }, '办件投影写入失败，稍后重试');
    }
  }

  async project(doc: CaseDoc): Promise<void> {
    const { def } = await this.deps.definitions.get(doc.itemId, doc.itemVersion);
    const view = viewOf(doc, def);
    // Memory first: the next list sees the change even before the database has the view.
    this.deps.index.apply(view);
    await this.writeEvents(doc, doc.outbox);
    await this.writeView(view);
    this.retry.delete(doc._id);
  }

  private async writeEvents(doc: CaseDoc, events: OutboxEvent[]): Promise<void> {
    if (!events.length) return;
    const rows: StoredEvent[] = events.map(({ id, ...e }) => ({
      ...e,
      _id: id,
      countyId: doc.countyId,
      departmentIds: doc.departmentIds,
      itemId: doc.itemId,
    }));
    try {
      await this.eventsColl.insertMany(rows, { ordered: false });
    } catch (err) {
      if (!onlyDuplicates(err)) throw err;
    }
  }

  private async writeView(view: CaseView): Promise<void> {
    if (!this.deps.embedded) {
      // Replaces only an older view; a newer one makes the upsert collide, which is fine.
      try {
        await this.viewsColl.replaceOne({ _id: view._id, version: { $lt: view.version } }, view, {
          upsert: true,
        });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      this.persisted.set(view._id, Math.max(view.version, this.confirmed(view._id)));
      return;
    }
    await this.locks.run(view._id, async () => {
      if (this.confirmed(view._id) >= view.version) return;
      await this.viewsColl.replaceOne({ _id: view._id }, view, { upsert: true });
      this.persisted.set(view._id, view.version);
    });
  }

  /** Loads every stored view into memory: what lists are answered from. */
  async loadViews(): Promise<number> {
    const views = await this.viewsColl.find({}).toArray();
    this.deps.index.load(views);
    for (const v of views) this.persisted.set(v._id, v.version);
    return views.length;
  }

  /**
   * Rebuilds what a crash may have left unwritten (run at start-up, after loadViews): every case
   * whose projections were not confirmed on it (`projectedVersion < version`) and whose view is
   * behind it is projected again from the case itself. Two scans, not one read per case: each
   * read by `_id` scans the whole collection on the embedded database.
   */
  async rebuild(): Promise<{ checked: number; rebuilt: number }> {
    const heads = await this.deps.store.collection
      .find({}, { projection: { version: 1, projectedVersion: 1 } })
      .toArray();
    const behind = heads
      .filter((h) => h.projectedVersion < h.version && this.confirmed(h._id) < h.version)
      .map((h) => h._id);
    let rebuilt = 0;
    for (let i = 0; i < behind.length; i += 200) {
      const docs = await this.deps.store.collection
        .find({ _id: { $in: behind.slice(i, i + 200) } })
        .toArray();
      for (const doc of docs) {
        await this.project(doc);
        rebuilt += 1;
      }
    }
    return { checked: heads.length, rebuilt };
  }

  /** The periodic job: cases whose projection failed in this process. */
  async retryFailed(): Promise<number> {
    let done = 0;
    for (const id of [...this.retry]) {
      const doc = await this.deps.store.fresh(id);
      if (!doc) {
        this.retry.delete(id);
        continue;
      }
      await this.project(doc);
      done += 1;
    }
    return done;
  }
}
