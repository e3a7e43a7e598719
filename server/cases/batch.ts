import { notFound } from '../http/errors';
import type { CaseDoc } from './case-model';
import { nextDoc, versionConflict, type CaseChange, type CaseWriter } from './store';

/**
 * A unit of work for generating many cases at once (the demo seed): the executor runs every
 * command as usual — access, numbers, engine, guard — on cases kept here, and each finished case
 * is then written once. It never reads the database; it holds only the cases it created.
 */
export class BatchCaseStore implements CaseWriter {
  readonly docs = new Map<string, CaseDoc>();

  async load(id: string): Promise<CaseDoc | null> {
    return this.docs.get(id) ?? null;
  }

  fresh(id: string): Promise<CaseDoc | null> {
    return this.load(id);
  }

  async insert(doc: CaseDoc): Promise<boolean> {
    if (this.docs.has(doc._id)) return false;
    this.docs.set(doc._id, doc);
    return true;
  }

  async commit(current: CaseDoc, change: CaseChange): Promise<CaseDoc> {
    const held = this.docs.get(current._id);
    if (!held) throw notFound('办件不存在');
    if (held.version !== current.version) throw versionConflict(current.version);
    const next = nextDoc(current, change, current.updatedAt);
    this.docs.set(next._id, next);
    return next;
  }
}
