import { AsyncLocalStorage } from 'node:async_hooks';
import type { Collection, Db } from 'mongodb';
import { ObjectId } from 'mongodb';
import { KeyedLock } from '../keyed-lock';

/**
 * FerretDB v1 on SQLite carries out an update as read, modify, write back, with nothing stopping a
 * second update of the same document in between: of eight concurrent updates guarded by the same
 * version, several "win" and all but one are lost (tests/integration/database/capabilities.test.ts).
 * The embedded database serves this one process only, so this process orders the writes that could
 * meet (docs/database.md):
 * - a write naming one document by `_id` waits only for earlier writes of that document;
 * - inserts wait for nothing (SQLite inserts a row atomically; a unique index refuses a twin);
 * - any other write (by another filter, many documents, bulk) has its collection to itself.
 * Writes of different documents go to the database together, as they would on MongoDB.
 */
const KEYED = [
  'updateOne',
  'replaceOne',
  'deleteOne',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
] as const;
const INSERTS = ['insertOne', 'insertMany'] as const;
const WHOLE = ['updateMany', 'deleteMany', 'bulkWrite'] as const;

type Mode = 'shared' | 'exclusive';

/** Many shared holders or one exclusive holder, granted in arrival order. */
class CollectionLock {
  private shared = 0;
  private exclusive = false;
  private readonly waiting: { mode: Mode; grant: () => void }[] = [];

  acquire(mode: Mode): Promise<void> {
    if (!this.waiting.length && this.free(mode)) {
      this.take(mode);
      return Promise.resolve();
    }
    return new Promise((grant) => this.waiting.push({ mode, grant }));
  }

  release(mode: Mode): void {
    if (mode === 'shared') this.shared -= 1;
    else this.exclusive = false;
    while (this.waiting.length && this.free(this.waiting[0]!.mode)) {
      const next = this.waiting.shift()!;
      this.take(next.mode);
      next.grant();
    }
  }

  private free(mode: Mode): boolean {
    return mode === 'shared' ? !this.exclusive : !this.exclusive && this.shared === 0;
  }

  private take(mode: Mode): void {
    if (mode === 'shared') this.shared += 1;
    else this.exclusive = true;
  }
}

/** The `_id` a filter names by equality, as a key; undefined when it names none. */
export function documentKey(filter: unknown): string | undefined {
  if (!filter || typeof filter !== 'object') return undefined;
  const id = (filter as Record<string, unknown>)._id;
  if (typeof id === 'string' || typeof id === 'number') return `${typeof id}:${id}`;
  if (id instanceof ObjectId) return `string:${id.toHexString()}`;
  return undefined;
}

class WriteOrder {
  private readonly locks = new Map<string, CollectionLock>();
  private readonly keys = new KeyedLock();
  // The driver carries out insertMany through bulkWrite: a write inside a write must not wait again.
  private readonly inside = new AsyncLocalStorage<true>();

  async run<T>(collection: string, mode: Mode, key: string | undefined, write: () => Promise<T>) {
    if (this.inside.getStore()) return write();
    let lock = this.locks.get(collection);
    if (!lock) this.locks.set(collection, (lock = new CollectionLock()));
    await lock.acquire(mode);
    try {
      const run = () => this.inside.run(true, write);
      return await (key === undefined ? run() : this.keys.run(`${collection}\u0000${key}`, run));
    } finally {
      lock.release(mode);
    }
  }
}

const wrapped = new WeakSet<object>();

function wrap(
  collection: Collection,
  method: string,
  order: WriteOrder,
  how: (args: unknown[]) => { mode: Mode; key?: string },
) {
  const record = collection as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = record[method]!.bind(collection);
  Object.defineProperty(collection, method, {
    value: (...args: unknown[]) => {
      const { mode, key } = how(args);
      return order.run(collection.collectionName, mode, key, () => original(...args));
    },
    configurable: true,
  });
}

function ordered(collection: Collection, order: WriteOrder): Collection {
  if (wrapped.has(collection)) return collection;
  for (const method of KEYED) {
    wrap(collection, method, order, ([filter]) => {
      const key = documentKey(filter);
      return key === undefined ? { mode: 'exclusive' } : { mode: 'shared', key };
    });
  }
  for (const method of INSERTS) wrap(collection, method, order, () => ({ mode: 'shared' }));
  for (const method of WHOLE) wrap(collection, method, order, () => ({ mode: 'exclusive' }));
  wrapped.add(collection);
  return collection;
}

/** Makes every collection this database hands out order its writes as described above. */
export function serializeWrites(db: Db): void {
  if (wrapped.has(db)) return;
  const order = new WriteOrder();
  const collection = db.collection.bind(db);
  Object.defineProperty(db, 'collection', {
    value: (...args: Parameters<Db['collection']>) => ordered(collection(...args), order),
    configurable: true,
  });
  wrapped.add(db);
}
