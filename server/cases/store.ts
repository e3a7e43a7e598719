import type { Collection, UpdateFilter } from 'mongodb';
import { GroupCommit } from '../database/group-commit';
import type { CaseState } from '../../runtime/cases';
import type { TrailEntry, TrailHead } from '../../runtime/trail';
import { AppError, notFound } from '../http/errors';
import {
  caseOfStored,
  storedCase,
  type CaseDoc,
  type CaseModel,
  type OutboxEvent,
  type StoredCase,
} from './case-model';
import { KeyedLock } from '../database/keyed-lock';
import type { PersonalText } from './personal-text';
import type { CaseView } from './view';
import { isDuplicateKey } from '../database/unique';

/** What one command changes on a case, written in one update. */
export interface CaseChange {
  state: CaseState;
  trail: TrailEntry[];
  trailHead: TrailHead | null;
  outbox: OutboxEvent[];
  projectedVersion: number;
  departmentIds: string[];
  caseNo?: string;
  applicationNo?: string;
  /** The view of the case after the change, written with it. */
  view: CaseView;
  /** See CaseDoc.recordsSince: null after a command that changed the case itself. */
  recordsSince: number | null;
}

const CACHE_SIZE = 2_000;

interface PendingUpdate {
  id: string;
  /** The version the update applies to. */
  version: number;
  /** Set by the update: how a partly applied bulk write tells which of its updates applied. */
  token: string;
  update: UpdateFilter<StoredCase>;
}

let tokens = 0;
/** Unique per write across nodes and restarts. */
const writeToken = () => `${process.pid}.${Date.now().toString(36)}.${(tokens++).toString(36)}`;

/** Hears of each case this process writes (the change feed, so other nodes hear of it too). */
export type CaseWritten = (caseId: string, version: number) => void;

/** What the executor needs of a place cases are kept: read, create, change under a guard. */
export interface CaseWriter {
  load(id: string): Promise<CaseDoc | null>;
  fresh(id: string): Promise<CaseDoc | null>;
  insert(doc: CaseDoc, view: CaseView): Promise<boolean>;
  commit(current: CaseDoc, change: CaseChange): Promise<CaseDoc>;
}

/** The case after `change`: what a guarded update leaves in the database. */
export function nextDoc(current: CaseDoc, change: CaseChange, now: Date): CaseDoc {
  const { view: _view, ...fields } = change;
  return {
    ...current,
    ...fields,
    trail: [...current.trail, ...change.trail],
    version: current.version + 1,
    updatedAt: now,
  };
}

export const versionConflict = (expected: number) =>
  new AppError(
    409,
    'version_conflict',
    '办件刚被他人办理或修改，您看到的已不是最新状态，请刷新后重试',
    { expectedVersion: expected },
  );

/**
 * The cases collection. Every change is one update of one document that applies only to the
 * version the command was decided on, and bumps it (architecture.md: no transactions).
 *
 * The guard is the filter `{ _id, version }`, which the database enforces: MongoDB always, our
 * build of FerretDB since it makes each update one step for every connection and looks the case
 * up by `_id` (ferretdb-binary.ts). On the embedded database the guard is also checked first under
 * a per-case lock against the copy this process holds, recent cases are kept in memory, and
 * concurrent updates share one bulk write (FerretDB spends less per update so). Another node's
 * write makes the held copy stale: the database refuses the update (409) and the change feed
 * drops the copy (`forget`).
 */
export class CaseStore implements CaseWriter {
  readonly collection: Collection<StoredCase>;
  private readonly locks = new KeyedLock();
  private readonly cache = new Map<string, CaseDoc>();
  /** Embedded: the updates of concurrent commands go to the database in one bulk write. */
  private readonly updates = new GroupCommit<PendingUpdate>((all) => this.updateAll(all), 64);
  /** Set by the change feed (several nodes). */
  written: CaseWritten = () => undefined;

  constructor(
    model: CaseModel,
    private readonly embedded: boolean,
    /** Seals personal numbers in what goes to the database (issue 12, item 7). */
    readonly personal: PersonalText,
  ) {
    this.collection = model.collection as unknown as Collection<StoredCase>;
  }

  /** The case as this process last wrote or read it (embedded), else from the database. */
  async load(id: string): Promise<CaseDoc | null> {
    const hit = this.embedded ? this.cache.get(id) : undefined;
    if (hit) {
      this.remember(hit);
      return hit;
    }
    const doc = await this.fresh(id);
    if (doc && this.embedded) this.remember(doc);
    return doc;
  }

  /**
   * The case as held, else from the database without keeping it: for readers outside the commands
   * (statistics), whose late copy must never replace a newer one in the cache.
   */
  async peek(id: string): Promise<CaseDoc | null> {
    return (this.embedded ? this.cache.get(id) : undefined) ?? this.fresh(id);
  }

  /** Straight from the database: what verification and replay must read. */
  async fresh(id: string): Promise<CaseDoc | null> {
    const stored = await this.collection.findOne({ _id: id });
    return stored && caseOfStored(stored, this.personal);
  }

  /** Writes a new case; false when a case with this id exists (a repeated push). */
  async insert(doc: CaseDoc, view: CaseView): Promise<boolean> {
    try {
      await this.collection.insertOne(storedCase(doc, view, this.personal));
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
    if (this.embedded) this.remember(doc);
    this.written(doc._id, doc.version);
    return true;
  }

  /** Writes new cases made elsewhere (the demo seed's batch), 50 to an insert. */
  async insertMany(docs: { doc: CaseDoc; view: CaseView }[]): Promise<void> {
    for (let i = 0; i < docs.length; i += 50) {
      const part = docs.slice(i, i + 50);
      await this.collection.insertMany(
        part.map(({ doc, view }) => storedCase(doc, view, this.personal)),
      );
      if (this.embedded) for (const { doc } of part) this.remember(doc);
      for (const { doc } of part) this.written(doc._id, doc.version);
    }
  }

  /** Applies `change` if the case is still at `current.version`; else 409. */
  async commit(current: CaseDoc, change: CaseChange): Promise<CaseDoc> {
    const now = new Date();
    const next = nextDoc(current, change, now);
    const update = {
      $set: {
        state: this.personal.seal(JSON.stringify(change.state)),
        trailHead: change.trailHead,
        outbox: JSON.stringify(change.outbox),
        view: JSON.stringify(change.view),
        projectedVersion: change.projectedVersion,
        recordsSince: change.recordsSince,
        departmentIds: change.departmentIds,
        ...(change.caseNo ? { caseNo: change.caseNo } : {}),
        ...(change.applicationNo ? { applicationNo: change.applicationNo } : {}),
        updatedAt: now,
      },
      ...(change.trail.length
        ? {
            $push: {
              trail: { $each: change.trail.map((e) => this.personal.seal(JSON.stringify(e))) },
            },
          }
        : {}),
      $inc: { version: 1 },
    };
    if (!this.embedded) {
      const res = await this.collection.updateOne(
        { _id: current._id, version: current.version },
        update,
      );
      if (res.matchedCount === 1) {
        this.written(next._id, next.version);
        return next;
      }
      if (!(await this.collection.countDocuments({ _id: current._id }, { limit: 1 })))
        throw notFound('办件不存在');
      throw versionConflict(current.version);
    }
    return this.locks.run(current._id, async () => {
      const held = this.cache.get(current._id) ?? (await this.fresh(current._id));
      if (!held) throw notFound('办件不存在');
      if (held.version !== current.version) {
        this.remember(held);
        throw versionConflict(current.version);
      }
      const token = writeToken();
      const guarded = { ...update, $set: { ...update.$set, writeToken: token } };
      try {
        await this.updates.add([
          { id: current._id, version: current.version, token, update: guarded },
        ]);
      } catch (err) {
        this.cache.delete(current._id);
        throw err;
      }
      this.remember(next);
      this.written(next._id, next.version);
      return next;
    });
  }

  /**
   * One bulk write for the updates of many cases (each checked against its version beforehand,
   * under its lock): FerretDB spends less per update so, and the driver makes one round trip.
   * Should any not apply (a case removed behind the server's back, a refused write), each case's
   * version says which did.
   */
  private async updateAll(all: PendingUpdate[]): Promise<void | unknown[]> {
    let failure: unknown;
    try {
      const res = await this.collection.bulkWrite(
        all.map(({ id, version, update }) => ({
          updateOne: { filter: { _id: id, version }, update },
        })),
        { ordered: false },
      );
      if (res.matchedCount === all.length) return;
    } catch (err) {
      failure = err;
    }
    return Promise.all(
      all.map(async ({ id, version, token }) => {
        const stored = await this.collection.findOne(
          { _id: id },
          { projection: { version: 1, writeToken: 1 } },
        );
        if (!stored) return notFound('办件不存在');
        if (stored.writeToken === token) return undefined;
        // Another node moved the case on first; else the write itself failed.
        if (stored.version !== version) return versionConflict(version);
        return failure ?? new Error(`办件 ${id} 未能写入`);
      }),
    );
  }

  /** Forgets the copy of a case, so the next load reads the database. */
  forget(id: string): void {
    this.cache.delete(id);
  }

  private remember(doc: CaseDoc): void {
    this.cache.delete(doc._id);
    this.cache.set(doc._id, doc);
    if (this.cache.size > CACHE_SIZE) {
      this.cache.delete(this.cache.keys().next().value!);
    }
  }
}
