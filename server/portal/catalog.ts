import { initiationOf, type ItemContent } from '../../runtime/catalog/item';
import type { ItemType } from '../../runtime/catalog/item-types';
import type { Item, ItemModel } from '../catalog/item-model';
import { readRevision } from '../catalog/item-revision';
import type { ItemVersion, ItemVersionModel } from '../catalog/version-model';
import { versionId } from '../catalog/version-model';
import type { Unit, UnitModel } from '../organisation/unit-model';
import type { ThemeModel } from './themes';

/** One published item as lists show it: from its approved version, never from the draft. */
export interface PublishedItem {
  itemId: string;
  code: string;
  name: string;
  type: ItemType;
  departmentId: string;
  departmentName: string;
  version: number;
  /** Publicity of results: 行政许可, 行政处罚 and items marked so (POR-8). */
  publishResults: boolean;
  /** 依职权 (RUN-17): opened by the department, never applied for online. */
  exOfficio: boolean;
}

export interface PortalUnit {
  id: string;
  name: string;
  kind: string;
  phone?: string;
}

/** Types whose results are always published (POR-8). */
const ALWAYS_PUBLISHED: ReadonlySet<ItemType> = new Set(['XK', 'CF']);

export const publishesResults = (content: ItemContent): boolean =>
  ALWAYS_PUBLISHED.has(content.type) ||
  !!content.publishResults ||
  !!content.penalty?.publishResults ||
  !!content.reward?.publishResults;

/**
 * What the portal shows of the catalog: the approved version of every item that has one and is
 * not cancelled, kept in memory and reloaded when the catalog's revision counter moves (the same
 * counter the studio's list watches, item-revision.ts).
 */
export class PublishedCatalog {
  private revision = -1;
  private loading: Promise<void> | null = null;
  private byCode = new Map<string, PublishedItem>();
  private byId = new Map<string, PublishedItem>();
  private ordered: PublishedItem[] = [];
  private units = new Map<string, PortalUnit>();
  private countyTitle = '政务服务专栏';

  constructor(
    private readonly deps: {
      items: ItemModel;
      itemVersions: ItemVersionModel;
      units: UnitModel;
      themes: ThemeModel;
    },
  ) {}

  async fresh(): Promise<void> {
    const current = await readRevision(this.deps.items.db);
    if (current === this.revision) return;
    this.loading ??= this.load(current).finally(() => (this.loading = null));
    await this.loading;
  }

  /** The column's title from the county unit and its city: 温州市龙湾区政务服务专栏. */
  get title(): string {
    return this.countyTitle;
  }

  all(): readonly PublishedItem[] {
    return this.ordered;
  }

  byItemCode(code: string): PublishedItem | undefined {
    return this.byCode.get(code);
  }

  byItemId(id: string): PublishedItem | undefined {
    return this.byId.get(id);
  }

  /** Published items whose concluded cases are made public (POR-8). */
  publishingItemIds(): string[] {
    return this.ordered.filter((i) => i.publishResults).map((i) => i.itemId);
  }

  unit(id: string): PortalUnit | undefined {
    return this.units.get(id);
  }

  /** Departments and townships that have at least one published item, in their sort order. */
  departments(): PortalUnit[] {
    const used = new Set(this.ordered.map((i) => i.departmentId));
    return [...this.units.values()].filter((u) => used.has(u.id));
  }

  /** The approved version a guide is rendered from. */
  async version(item: PublishedItem): Promise<ItemVersion | null> {
    return this.deps.itemVersions
      .findById(versionId(item.itemId, item.version))
      .lean<ItemVersion>()
      .exec();
  }

  async themes() {
    return this.deps.themes.find({}).sort({ sortOrder: 1 }).lean().exec();
  }

  private async load(revision: number): Promise<void> {
    const [items, units] = await Promise.all([
      this.deps.items
        .find({ currentVersion: { $gt: 0 } })
        .select({ draft: 0, comments: 0 })
        .lean<Item[]>()
        .exec(),
      this.deps.units.find({}).sort({ sortOrder: 1, name: 1 }).lean<Unit[]>().exec(),
    ]);
    const live = items.filter((i) => i.status !== 'cancelled');
    const versions = await this.deps.itemVersions
      .find({ _id: { $in: live.map((i) => versionId(i._id, i.currentVersion)) } })
      .select({ process: 0, forms: 0 })
      .lean<ItemVersion[]>()
      .exec();
    this.units = new Map(
      units
        .filter((u) => u.status !== 'inactive')
        .map((u) => [
          String(u._id),
          {
            id: String(u._id),
            name: u.name,
            kind: u.kind,
            ...(u.phone ? { phone: u.phone } : {}),
          },
        ]),
    );
    const county = units.find((u) => u.kind === 'county');
    const city = county?.parentId && units.find((u) => String(u._id) === String(county.parentId));
    if (county) this.countyTitle = `${city ? city.name : ''}${county.name}政务服务专栏`;
    // 督办 and complaint processes are the platform's own, not services (PROC-6, SUP-4).
    const published = versions
      .filter((v) => !v.content.internal)
      .map((v) => ({
        itemId: String(v.itemId),
        code: v.code,
        name: v.content.name,
        type: v.content.type,
        departmentId: String(v.departmentId),
        departmentName: this.units.get(String(v.departmentId))?.name ?? '',
        version: v.n,
        publishResults: publishesResults(v.content),
        exOfficio: initiationOf(v.content) === 'exOfficio',
      }));
    published.sort((a, b) => a.code.localeCompare(b.code));
    this.ordered = published;
    this.byCode = new Map(published.map((p) => [p.code, p]));
    this.byId = new Map(published.map((p) => [p.itemId, p]));
    this.revision = revision;
  }
}
