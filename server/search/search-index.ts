import type { Connection } from 'mongoose';
import MiniSearch, { type SearchResult } from 'minisearch';
import type { ItemContent } from '../../runtime/catalog/item';
import { ITEM_TYPES, type ItemType } from '../../runtime/catalog/item-types';
import type { Item, ItemModel } from '../catalog/item-model';
import { readRevision, watchItemWrites, type WrittenItems } from '../catalog/item-revision';
import { versionId, type ItemVersion, type ItemVersionModel } from '../catalog/version-model';
import { expansionsFor, type Synonym } from './synonyms';
import { codeTerms, isLetters, pinyinTerms, queryTermsOf, termsOf } from './terms';

/** One published item as the portal shows it: the content of its current approved version. */
export interface PublishedItem {
  id: string;
  countyId: string;
  departmentId: string;
  code: string;
  name: string;
  type: ItemType;
  typeLabel: string;
  /** The subject unit's name (办理主体). */
  subjectName: string;
  version: number;
  conditions: string;
  materials: string;
  faq: string;
  content: string;
  /** Pinyin term → the words of the name it reads. */
  pinyin: Map<string, string>;
}

export const BODY_FIELDS = ['conditions', 'materials', 'faq', 'content'] as const;
const FIELDS = ['name', 'code', 'pinyin', ...BODY_FIELDS];
/** Name matches rank above matches in the guide's text (POR-9). */
const BOOST = { name: 6, code: 4, pinyin: 4, conditions: 1, materials: 1.2, faq: 1, content: 0.7 };

/** Query terms past this are dropped: every term is a walk of the index (bounded work). */
export const MAX_QUERY_TERMS = 40;
const CODE_QUERY = /^[0-9a-z]+(-[0-9a-z]+)+-?$/i;
/** Terms of synonyms weigh less than what the citizen typed. */
const EXPANSION_WEIGHT = 0.7;

/** Published: approved at least once and not retired; a change under review keeps it shown. */
export const isPublished = (i: Pick<Item, 'currentVersion' | 'status'>) =>
  i.currentVersion > 0 && i.status !== 'cancelled';

export function publishedItem(item: Item, version: Pick<ItemVersion, 'content' | 'code' | 'n'>) {
  const c: ItemContent = version.content;
  return {
    id: String(item._id),
    countyId: String(item.countyId),
    departmentId: String(item.departmentId),
    code: version.code,
    name: c.name,
    type: c.type,
    typeLabel: ITEM_TYPES[c.type],
    subjectName: c.subject?.name ?? '',
    version: version.n,
    conditions: c.acceptanceConditions ?? '',
    materials: (c.materials ?? []).map((m) => m.name).join('；'),
    faq: (c.faq ?? []).map((f) => `${f.question} ${f.answer}`).join('\n'),
    content: [
      ...(c.legalBasis ?? []).map((b) => `${b.title}${b.article} ${b.text}`),
      ...(c.serviceForms ?? []).map((f) => `${f.name} ${f.description ?? ''}`),
      c.fee?.basis ?? '',
      c.fee?.standard ?? '',
      c.office?.name ?? '',
      ...(c.penalty?.kinds ?? []),
      c.coercion?.procedure ?? '',
    ]
      .filter(Boolean)
      .join('\n'),
    pinyin: pinyinTerms(c.name),
  } satisfies PublishedItem;
}

function newMiniSearch() {
  return new MiniSearch<PublishedItem>({
    fields: FIELDS,
    idField: 'id',
    extractField: (doc, field) =>
      field === 'pinyin'
        ? [...doc.pinyin.keys()].join(' ')
        : String((doc as unknown as Record<string, unknown>)[field] ?? ''),
    tokenize: (text, field) =>
      field === 'pinyin' ? text.split(' ') : field === 'code' ? codeTerms(text) : termsOf(text),
    processTerm: (term) => term,
  });
}

export interface SearchHit {
  item: PublishedItem;
  score: number;
  /** Words of the item to mark: the terms that matched, pinyin read back into Chinese. */
  words: string[];
}

export interface SearchAnswer {
  total: number;
  page: number;
  pageSize: number;
  hits: SearchHit[];
  /** The synonyms the query used. */
  synonyms: Synonym[];
}

/**
 * The portal's search index (POR-9): the published content of every item in a MiniSearch index,
 * kept in step with the catalog the way the catalog list is (item-list.ts). A revision counter
 * read per request says when it is stale; this process's writes patch it in place (fetching the
 * version an approval made), anything else rebuilds it.
 */
export class SearchIndex {
  private mini = newMiniSearch();
  private docs = new Map<string, PublishedItem>();
  private revision = -1;
  private loading: Promise<void> | null = null;
  /** Patches run one after another, in the order the writes were made. */
  private patching: Promise<void> = Promise.resolve();

  constructor(
    private readonly items: ItemModel,
    private readonly versions: ItemVersionModel,
  ) {}

  async search(
    countyId: string,
    query: string,
    synonyms: readonly Synonym[],
    paging: { page: number; pageSize: number },
  ): Promise<SearchAnswer> {
    await this.fresh();
    const used = expansionsFor(query, synonyms);
    // A code, whole or its start (33030300GS-DL), is one term, not its parts.
    const own = CODE_QUERY.test(query.trim()) ? [query.trim().toLowerCase()] : queryTermsOf(query);
    const terms = [...own];
    for (const s of used)
      for (const e of s.expansions) terms.push(...queryTermsOf(e, { whole: true }));
    const unique = [...new Set(terms)].slice(0, MAX_QUERY_TERMS);
    const ownSet = new Set(own);
    const empty = {
      total: 0,
      page: paging.page,
      pageSize: paging.pageSize,
      hits: [],
      synonyms: used,
    };
    if (!unique.length) return empty;

    const results = this.mini.search(unique.join(' '), {
      tokenize: (q) => q.split(' '),
      processTerm: (t) => t,
      boost: BOOST,
      prefix: (t) => /^[a-z0-9-]{2,}$/.test(t),
      fuzzy: (t) => (isLetters(t) && t.length >= 6 ? 0.2 : false),
      boostTerm: (t) => (ownSet.has(t) ? 1 : EXPANSION_WEIGHT),
      filter: (r) => this.docs.get(r.id as string)?.countyId === countyId,
    });
    const whole = query.trim().toLowerCase();
    const ranked = results
      .map((r) => ({ r, score: r.score * (this.nameHolds(r, whole) ? 2 : 1) }))
      .sort((a, b) => b.score - a.score);
    const start = (paging.page - 1) * paging.pageSize;
    const hits = ranked.slice(start, start + paging.pageSize).map(({ r, score }) => {
      const item = this.docs.get(r.id as string)!;
      return { item, score, words: [...new Set(r.terms.map((t) => item.pinyin.get(t) ?? t))] };
    });
    return { ...empty, total: ranked.length, hits };
  }

  /** The whole query in the name, or as the name's pinyin: such an item goes first. */
  private nameHolds(r: SearchResult, whole: string): boolean {
    const item = this.docs.get(r.id as string)!;
    return whole.length > 0 && (item.name.toLowerCase().includes(whole) || item.pinyin.has(whole));
  }

  /** A published item by its id. */
  async byId(id: string): Promise<PublishedItem | undefined> {
    await this.fresh();
    return this.docs.get(id);
  }

  /** The first `n` published items of a county by code, where nothing better is known. */
  async first(countyId: string, n: number): Promise<PublishedItem[]> {
    await this.fresh();
    return [...this.docs.values()]
      .filter((d) => d.countyId === countyId)
      .sort((a, b) => (a.code < b.code ? -1 : 1))
      .slice(0, n);
  }

  /** A published item by its code, from the index (the portal's guide pages may use it). */
  async byCode(code: string): Promise<PublishedItem | undefined> {
    await this.fresh();
    for (const doc of this.docs.values()) if (doc.code === code) return doc;
    return undefined;
  }

  /** How big the index is, for the rebuild route and the benchmark. */
  stats() {
    return { documents: this.mini.documentCount, terms: this.mini.termCount };
  }

  /** Rebuilds the index from the database now (POST /api/search/rebuild). */
  async rebuild() {
    const t0 = performance.now();
    await this.patching;
    await this.load(await readRevision(this.items.db));
    return { ...this.stats(), ms: Math.round(performance.now() - t0) };
  }

  /** Loads the index now rather than at the first search. */
  warm(): Promise<void> {
    return this.fresh();
  }

  /** Records a write of this process that made `revision`. */
  changed(written: WrittenItems, revision: number): void {
    this.patching = this.patching
      .then(() => this.patch(written, revision))
      .catch(() => {
        this.revision = -1;
      });
  }

  private async patch(written: WrittenItems, revision: number) {
    if (written === 'unknown' || this.revision < 0 || revision !== this.revision + 1) {
      this.revision = -1;
      return;
    }
    for (const item of written) {
      const id = String(item._id);
      const had = this.docs.get(id);
      if (!isPublished(item)) {
        if (had) this.remove(id);
        continue;
      }
      // A change begun or a cancel asked for leaves the published version as it is.
      if (had?.version === item.currentVersion) continue;
      const version = await this.versions
        .findById(versionId(item._id, item.currentVersion))
        .select({ content: 1, code: 1, n: 1 })
        .lean<ItemVersion>()
        .exec();
      if (had) this.remove(id);
      if (version && !version.content.internal) this.put(publishedItem(item, version));
    }
    this.revision = revision;
  }

  private put(doc: PublishedItem) {
    this.docs.set(doc.id, doc);
    this.mini.add(doc);
  }

  private remove(id: string) {
    this.docs.delete(id);
    this.mini.discard(id);
  }

  private async fresh(): Promise<void> {
    await this.patching;
    const current = await readRevision(this.items.db);
    if (current === this.revision) return;
    this.loading ??= this.load(current).finally(() => (this.loading = null));
    await this.loading;
  }

  private async load(revision: number): Promise<void> {
    const items = await this.items
      .find({ currentVersion: { $gt: 0 }, status: { $ne: 'cancelled' } })
      .select({ draft: 0, comments: 0, pendingChange: 0 })
      .lean<Item[]>()
      .exec();
    const byVersion = new Map(items.map((it) => [versionId(it._id, it.currentVersion), it]));
    const docs = new Map<string, PublishedItem>();
    // One pass over the versions: the embedded database answers no $in from an index, so a
    // query per batch of ids would read every version again each time (docs/database.md).
    const cursor = this.versions
      .find({})
      .select({ content: 1, code: 1, n: 1 })
      .lean<ItemVersion>()
      .cursor({ batchSize: 500 });
    let read = 0;
    for await (const v of cursor) {
      const item = byVersion.get(v._id);
      if (item && !v.content.internal) {
        const doc = publishedItem(item, v);
        docs.set(doc.id, doc);
      }
      // Building for 10,000 items takes seconds: let other requests through now and then.
      if (++read % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const mini = newMiniSearch();
    mini.addAll([...docs.values()]);
    this.mini = mini;
    this.docs = docs;
    this.revision = revision;
  }
}

const indexes = new WeakMap<Connection, SearchIndex>();

/** The search index of the items on this connection; one per connection, shared by its routes. */
export function searchIndexOf(items: ItemModel, versions: ItemVersionModel): SearchIndex {
  let index = indexes.get(items.db);
  if (!index) {
    const created = new SearchIndex(items, versions);
    watchItemWrites(items.db, (written, revision) => created.changed(written, revision));
    indexes.set(items.db, created);
    index = created;
  }
  return index;
}
