import type { Logger } from 'pino';
import type { Collection } from 'mongodb';
import { viewOfStored, type CaseDoc, type OutboxEvent } from './case-model';
import type { CaseIndex } from './case-index';
import type { EventModel, StoredEvent } from './event-model';
import type { CaseStore } from './store';
import type { CaseView } from './view';
import { GroupCommit } from '../database/group-commit';
import { isDuplicateKey } from '../database/unique';

/** insertMany reports every duplicate of an unordered insert; only those are expected here. */
function onlyDuplicates(err: unknown): boolean {
  const e = err as { code?: number; writeErrors?: { code?: number }[] };
  if (e?.writeErrors?.length) return e.writeErrors.every((w) => w.code === 11000);
  return isDuplicateKey(err);
}

export interface ProjectorDeps {
  store: CaseStore;
  index: CaseIndex;
  events: EventModel;
  logger: Logger;
}

/**
 * Work that follows from a case's events once they are written (documents, notifications,
 * supervision). Called at least once per event: again after a failure (the periodic retry) and
 * after a crash (start-up), so `handle` must be idempotent, keyed by the events' stable `_id`s.
 * A handler that throws keeps the case's events unconfirmed until every handler has succeeded.
 */
export interface CaseEventHandler {
  name: string;
  handle(events: readonly StoredEvent[]): Promise<void>;
}

/**
 * What follows from a case change, after the case is written. Its view went into the same update
 * as the case (store.ts), so here it only reaches the in-memory index. Its events are inserted by
 * their stable ids, so writing them again after a crash, or twice, changes nothing; the case keeps
 * them in its `outbox` until they are confirmed, so they can always be written from the case.
 * Concurrent commands' events share one insert (GroupCommit); no command waits for it.
 */
export class Projector {
  private readonly eventsColl: Collection<StoredEvent>;
  private readonly group: GroupCommit<StoredEvent>;
  /** The highest version whose events are known to be written, per case (this process's knowledge). */
  private readonly persisted = new Map<string, number>();
  /** Cases whose events failed to be written here; the periodic job tries them again. */
  private readonly retry = new Set<string>();
  private readonly handlers: CaseEventHandler[] = [];
  /** Events being written and handled now, for settled(). */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: ProjectorDeps) {
    this.eventsColl = deps.events.collection as unknown as Collection<StoredEvent>;
    this.group = new GroupCommit(async (rows) => {
      try {
        await this.eventsColl.insertMany(rows, { ordered: false });
      } catch (err) {
        if (!onlyDuplicates(err)) throw err;
      }
    });
  }

  /** Adds work to do after each case's events are written (before they count as confirmed). */
  addHandler(handler: CaseEventHandler): void {
    this.handlers.push(handler);
  }

  /** Work not yet done (OPS-1 queue lag): cases whose events are in flight or wait for a retry. */
  backlog(): { inFlight: number; retry: number } {
    return { inFlight: this.inFlight.size, retry: this.retry.size };
  }

  /** The highest version of a case whose events are known to be written. */
  confirmed(caseId: string): number {
    return this.persisted.get(caseId) ?? 0;
  }

  /**
   * Projects a case just written: its view into the index at once, its events on their way to the
   * database without holding up the command (the case keeps them in its outbox until they are
   * written); a failure is logged and left to the periodic job.
   */
  afterWrite(doc: CaseDoc, view: CaseView): void {
    this.deps.index.apply(view);
    const run = this.writeEvents(doc)
      .catch((err: unknown) => {
        this.retry.add(doc._id);
        this.deps.logger.error({ err, caseId: doc._id }, '办件事件写入失败，稍后重试');
      })
      .finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  private async writeEvents(doc: CaseDoc): Promise<void> {
    if (doc.outbox.length) {
      const rows = doc.outbox.map((e) => eventRow(doc, e));
      await this.group.add(rows);
      for (const handler of this.handlers) {
        try {
          await handler.handle(rows);
        } catch (err) {
          this.deps.logger.error(
            { err, caseId: doc._id, handler: handler.name },
            '办件事件处理失败',
          );
          throw err;
        }
      }
    }
    this.persisted.set(doc._id, Math.max(doc.version, this.confirmed(doc._id)));
    this.retry.delete(doc._id);
  }

  /**
   * At start-up: every case's view into memory, and the events of any case whose last events may
   * not have been written (a crash between the case and its events) written again. A case records
   * on itself only the events confirmed before its last command, so for each case whose outbox is
   * not empty the last event is looked up by its id: found, the rest were written too (the outbox
   * holds every event not confirmed when the case was written, and goes in one insert, which is
   * confirmed only when all of it is in).
   */
  async load(): Promise<{ views: number; rebuilt: number }> {
    const cursor = this.deps.store.collection.find(
      {},
      { projection: { view: 1, version: 1, projectedVersion: 1, outbox: 1 } },
    );
    const views: CaseView[] = [];
    const unsure: { id: string; lastEvent: string }[] = [];
    for await (const head of cursor) {
      if (typeof head.view !== 'string') {
        throw new Error(
          `办件 ${head._id} 是旧版本的存储格式，本版本无法读取：请删除数据目录后重新启动（演示数据会重新生成）`,
        );
      }
      const view = viewOfStored(head);
      views.push(view);
      this.persisted.set(head._id, head.version);
      const outbox = JSON.parse(head.outbox) as OutboxEvent[];
      if (head.projectedVersion < head.version && outbox.length) {
        unsure.push({ id: head._id, lastEvent: outbox.at(-1)!.id });
      }
    }
    this.deps.index.load(views);
    let rebuilt = 0;
    for (const { id, lastEvent } of unsure) {
      // Written events may still be unhandled: with handlers, every unsure case is run again.
      if (
        !this.handlers.length &&
        (await this.eventsColl.findOne({ _id: lastEvent }, { projection: { _id: 1 } }))
      )
        continue;
      const doc = await this.deps.store.fresh(id);
      if (!doc) continue;
      await this.writeEvents(doc);
      rebuilt += 1;
    }
    return { views: views.length, rebuilt };
  }

  /** The periodic job: cases whose events failed to be written in this process. */
  async retryFailed(): Promise<number> {
    let done = 0;
    for (const id of [...this.retry]) {
      const doc = await this.deps.store.fresh(id);
      if (!doc) {
        this.retry.delete(id);
        continue;
      }
      await this.writeEvents(doc);
      done += 1;
    }
    return done;
  }

  /**
   * Resolves when every event handed over so far is written and handled, and so is whatever the
   * handlers caused in turn (a notice recorded on its case writes events of its own).
   */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
    await this.group.settled();
  }
}

const eventRow = (doc: CaseDoc, { id, ...e }: OutboxEvent): StoredEvent => ({
  ...e,
  _id: id,
  countyId: doc.countyId,
  departmentIds: doc.departmentIds,
  itemId: doc.itemId,
});
