import type { Connection, Types } from 'mongoose';
import { SEED_SYNONYMS, type SearchSynonym, type SearchSynonymModel } from './synonym-model';

export interface Synonym {
  term: string;
  expansions: string[];
}

/** The synonyms whose term occurs in the query, longest first (上户口 before 户口). */
export function expansionsFor(query: string, list: readonly Synonym[]): Synonym[] {
  const q = query.toLowerCase();
  return list
    .filter((s) => s.term && q.includes(s.term.toLowerCase()))
    .sort((a, b) => b.term.length - a.term.length);
}

const SEEDED = 'search_settings';
/** How long another process's change to the list may take to be seen here. */
const TTL_MS = 30_000;

/**
 * Each county's synonym list, read from the database at most every 30 s and at once after a
 * change through this process. The seed goes in once per county, marked so that a list staff
 * emptied on purpose stays empty.
 */
export class SynonymLists {
  private cache = new Map<string, { at: number; list: Synonym[] }>();

  private ready: Promise<unknown> | undefined;

  constructor(private readonly synonyms: SearchSynonymModel) {}

  /** The collection and its unique index (term per county), made on first use. */
  private prepare() {
    this.ready ??= this.synonyms
      .createCollection()
      .catch((err: { codeName?: string }) => {
        if (err.codeName !== 'NamespaceExists') throw err;
      })
      .then(() => this.synonyms.createIndexes())
      .catch((err: unknown) => {
        this.ready = undefined;
        throw err;
      });
    return this.ready;
  }

  async of(countyId: Types.ObjectId | string): Promise<Synonym[]> {
    const key = String(countyId);
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.list;
    await this.seed(countyId);
    const docs = await this.synonyms
      .find({ countyId })
      .select({ term: 1, expansions: 1 })
      .lean<SearchSynonym[]>()
      .exec();
    const list = docs.map((d) => ({ term: d.term, expansions: d.expansions }));
    this.cache.set(key, { at: Date.now(), list });
    return list;
  }

  /** Forgets a county's list after a change, so the next search reads it again. */
  changed(countyId: Types.ObjectId | string): void {
    this.cache.delete(String(countyId));
  }

  /** Inserts the seed list the first time a county's list is read. */
  async seed(countyId: Types.ObjectId | string): Promise<void> {
    await this.prepare();
    const db: Connection = this.synonyms.db;
    const marker = `synonyms-seeded:${String(countyId)}`;
    const found = await db.collection<{ _id: string }>(SEEDED).findOne({ _id: marker });
    if (found) return;
    const now = new Date();
    await this.synonyms
      .insertMany(
        SEED_SYNONYMS.map(([term, expansions]) => ({
          countyId,
          term,
          expansions,
          version: 0,
          createdAt: now,
          updatedAt: now,
        })),
        { ordered: false },
      )
      // A term staff or another process already added stays as it is.
      .catch((err: { code?: number; writeErrors?: unknown[] }) => {
        if (err.code !== 11000 && !err.writeErrors) throw err;
      });
    await db
      .collection<{ _id: string; at: Date }>(SEEDED)
      .updateOne({ _id: marker }, { $setOnInsert: { at: now } }, { upsert: true });
  }
}
