import { AsyncLocalStorage } from 'node:async_hooks';
import type { Collection, Db } from 'mongodb';

/**
 * FerretDB v1 on SQLite carries out an update as read, modify, write back, with nothing stopping a
 * second update of the same document in between: of eight concurrent updates guarded by the same
 * version, several "win" and all but one are lost (tests/integration/database/capabilities.test.ts).
 * The embedded database serves this one process only, so sending it one write at a time restores
 * the single-document atomicity the code relies on (docs/database.md). Reads stay concurrent.
 */
const WRITES = [
  'insertOne',
  'insertMany',
  'updateOne',
  'updateMany',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
  'bulkWrite',
] as const;

class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  // The driver carries out insertMany through bulkWrite: a write inside a write must not queue again.
  private readonly inside = new AsyncLocalStorage<true>();

  run<T>(write: () => Promise<T>): Promise<T> {
    if (this.inside.getStore()) return write();
    const run = () => this.inside.run(true, write);
    const result = this.tail.then(run, run);
    // The queue moves on whether this write succeeds or fails.
    this.tail = result.catch(() => undefined);
    return result;
  }
}

const wrapped = new WeakSet<object>();

function serialize(collection: Collection, queue: WriteQueue): Collection {
  if (wrapped.has(collection)) return collection;
  for (const method of WRITES) {
    const original = (collection[method] as (...args: unknown[]) => Promise<unknown>).bind(
      collection,
    );
    Object.defineProperty(collection, method, {
      value: (...args: unknown[]) => queue.run(() => original(...args)),
      configurable: true,
    });
  }
  wrapped.add(collection);
  return collection;
}

/** Makes every collection this database hands out send its writes one at a time. */
export function serializeWrites(db: Db): void {
  if (wrapped.has(db)) return;
  const queue = new WriteQueue();
  const collection = db.collection.bind(db);
  Object.defineProperty(db, 'collection', {
    value: (...args: Parameters<Db['collection']>) => serialize(collection(...args), queue),
    configurable: true,
  });
  wrapped.add(db);
}
