import type { Connection } from 'mongoose';
import type { Item } from './item-model';

/**
 * A counter in the database that every write of an item bumps, so that copies of the catalog
 * kept in memory (item-list.ts) know when they are stale, in this process or another.
 */
const REVISIONS = 'catalog_revisions';
const REVISION_ID = 'items';

type Revisions = { _id: string; revision: number };

export async function readRevision(db: Connection): Promise<number> {
  const doc = await db.collection<Revisions>(REVISIONS).findOne({ _id: REVISION_ID });
  return doc?.revision ?? 0;
}

async function bumpRevision(db: Connection): Promise<number> {
  const doc = await db
    .collection<Revisions>(REVISIONS)
    .findOneAndUpdate(
      { _id: REVISION_ID },
      { $inc: { revision: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
  return doc?.revision ?? 0;
}

/** The items a write left, as stored, or 'unknown' when the write does not say. */
export type WrittenItems = Item[] | 'unknown';
type Watcher = (written: WrittenItems, revision: number) => void;

// The catalog list and the portal's search index each keep a copy (search/search-index.ts).
const watchers = new WeakMap<Connection, Set<Watcher>>();

/** Calls `watcher` after each write of items on this connection, with the revision it made. */
export function watchItemWrites(db: Connection, watcher: Watcher): void {
  const set = watchers.get(db) ?? new Set<Watcher>();
  set.add(watcher);
  watchers.set(db, set);
}

/** Called by the item schema's hooks after every write. */
export async function itemsWritten(db: Connection, written: WrittenItems): Promise<void> {
  const revision = await bumpRevision(db);
  for (const watcher of watchers.get(db) ?? []) watcher(written, revision);
}
