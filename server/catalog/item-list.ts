import { subject as asSubject } from '@casl/ability';
import type { Connection } from 'mongoose';
import { pinyin } from 'pinyin-pro';
import type { ItemType } from '../../runtime/catalog/item-types';
import type { AppAbility } from '../access/abilities';
import type { PageQuery } from '../database/paging';
import type { Item, ItemModel, ItemStatus } from './item-model';
import { readRevision, watchItemWrites, type WrittenItems } from './item-revision';
import { itemView } from './item-view';

/** One row of the catalog list: the item without its draft, and what search compares. */
export type ItemListRow = Omit<ReturnType<typeof itemView>, 'draft' | 'comments'> & {
  openComments: number;
};

export interface ItemListFilter {
  q?: string;
  code?: string;
  type?: ItemType;
  departmentId?: string;
  status?: ItemStatus;
}

interface Entry {
  row: ItemListRow;
  /** Lower-case name and code, for a substring search. */
  text: string;
  /** The name's pinyin initials (危险化学品 → wxhxp), for a window clerk typing letters. */
  initials: string;
}

/** Initials in the name's usual reading: pinyin-pro picks 银行 → yh, not yx, from its words. */
export function pinyinInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' })
    .join('')
    .toLowerCase();
}

function entryOf(item: Item): Entry {
  const { draft: _draft, comments, ...rest } = itemView(item);
  const row = { ...rest, openComments: comments.filter((c) => !c.resolved).length };
  return {
    row,
    text: `${row.name}\n${row.code ?? ''}`.toLowerCase(),
    initials: pinyinInitials(row.name),
  };
}

const byNewest = (a: Entry, b: Entry) =>
  b.row.createdAt.getTime() - a.row.createdAt.getTime() || (b.row.id < a.row.id ? -1 : 1);

/**
 * The catalog list, kept in memory and answered there (CAT search). The embedded database parses
 * every whole item for any filter it cannot push down, which is every filter under `$and`
 * (docs/database.md): a search of 10,000 items took over a second there.
 *
 * A revision counter in the database says when the copy is stale: every write of an item bumps
 * it (hooks on the item schema), so a second server process on the same database notices. Writes
 * of this process patch the copy in place when theirs is the only change since it was loaded;
 * anything else reloads it whole.
 */
export class ItemList {
  private entries = new Map<string, Entry>();
  private sorted: Entry[] | null = null;
  /** The database revision the copy reflects; -1 when it must be reloaded. */
  private revision = -1;
  private loading: Promise<void> | null = null;

  constructor(private readonly items: ItemModel) {}

  /** One page of the items `ability` may read that match `filter`, newest first. */
  async page(ability: AppAbility, filter: ItemListFilter, query: PageQuery) {
    await this.fresh();
    const q = filter.q?.toLowerCase();
    // Letters alone may be initials as well as part of a code (CF, XK).
    const letters = q && /^[a-z]+$/.test(q) ? q : undefined;
    const matches = this.inOrder().filter(
      ({ row, text, initials }) =>
        (!filter.code || row.code === filter.code) &&
        (!filter.type || row.type === filter.type) &&
        (!filter.departmentId || row.departmentId === filter.departmentId) &&
        (!filter.status || row.status === filter.status) &&
        (!q || text.includes(q) || (!!letters && initials.includes(letters))) &&
        ability.can('read', asSubject('Item', row)),
    );
    const start = (query.page - 1) * query.pageSize;
    return {
      items: matches.slice(start, start + query.pageSize).map((e) => e.row),
      total: matches.length,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Records a write of this process that made `revision`. */
  changed(written: WrittenItems, revision: number): void {
    if (written === 'unknown' || this.revision < 0 || revision !== this.revision + 1) {
      this.revision = -1;
      return;
    }
    for (const item of written) this.entries.set(String(item._id), entryOf(item));
    this.sorted = null;
    this.revision = revision;
  }

  /** Loads the copy now rather than at the first list. */
  warm(): Promise<void> {
    return this.fresh();
  }

  private async fresh(): Promise<void> {
    const current = await readRevision(this.items.db);
    if (current === this.revision) return;
    this.loading ??= this.load(current).finally(() => (this.loading = null));
    await this.loading;
  }

  private async load(revision: number): Promise<void> {
    const items = await this.items.find({}).select({ draft: 0 }).lean<Item[]>().exec();
    // The few drafts that set 依申请/依职权 against their type are read whole; the rest go by type.
    const overriding = await this.items
      .find({ 'draft.initiation': { $exists: true } })
      .lean<Item[]>()
      .exec();
    const byId = new Map(overriding.map((i) => [String(i._id), i]));
    this.entries = new Map(
      items.map((i) => [String(i._id), entryOf(byId.get(String(i._id)) ?? i)]),
    );
    this.sorted = null;
    this.revision = revision;
  }

  private inOrder(): Entry[] {
    this.sorted ??= [...this.entries.values()].sort(byNewest);
    return this.sorted;
  }
}

const lists = new WeakMap<Connection, ItemList>();

/** The list of the items on this connection; one per connection, shared by its routes. */
export function itemListOf(items: ItemModel): ItemList {
  let list = lists.get(items.db);
  if (!list) {
    const created = new ItemList(items);
    watchItemWrites(items.db, (written, revision) => created.changed(written, revision));
    lists.set(items.db, created);
    list = created;
  }
  return list;
}
