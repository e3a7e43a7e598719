import { subject as asSubject } from '@casl/ability';
import { rowVisibleTo, type Actor, type CaseStatus, type WorkQueue } from '../../runtime/cases';
import type { ExOfficioStage } from '../../runtime/process/vocabulary';
import type { AppAbility } from '../access/abilities';
import type { CaseView, ViewRow } from './view';

export const QUEUES: readonly WorkQueue[] = [
  'todo',
  'done',
  'correction',
  'suspended',
  'preReview',
  'acceptance',
  'conclusion',
];

export interface QueueFilter {
  q?: string;
  itemId?: string;
  overdue?: boolean;
  /** Ex officio steps of one stage (RUN-17). */
  stage?: ExOfficioStage;
}

export interface CaseFilter extends QueueFilter {
  /** Only these cases (those with an alert, SUP-1). */
  ids?: ReadonlySet<string>;
  status?: CaseStatus[];
  departmentId?: string;
  channel?: string;
  from?: string;
  to?: string;
}

/** Who looks at a work queue: the engine's own rule decides which rows they see. */
export type QueueReader = Pick<Actor, 'kind' | 'userId' | 'postIds' | 'unitId' | 'departmentId'>;

const add = (map: Map<string, Set<string>>, key: string, id: string) => {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
};
const drop = (map: Map<string, Set<string>>, key: string, id: string) => {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (!set.size) map.delete(key);
};

const LIVE: ReadonlySet<CaseStatus> = new Set([
  'preReview',
  'preReviewReturned',
  'pendingAcceptance',
  'correction',
  'inProgress',
  'suspended',
]);
export const isLiveStatus = (s: CaseStatus) => LIVE.has(s);

function matchesText(v: CaseView, q: string): boolean {
  return [v.caseName, v.caseNo, v.applicationNo, v.itemName, v.itemCode, v.applicantName].some(
    (t) => t?.toLowerCase().includes(q),
  );
}

const newestFirst = (a: CaseView, b: CaseView) =>
  a.appliedAt < b.appliedAt
    ? 1
    : a.appliedAt > b.appliedAt
      ? -1
      : a._id < b._id
        ? 1
        : a._id > b._id
          ? -1
          : 0;

/** Overdue at `now`: a due instant passed while the clock runs (a stopped clock has none). */
export const overdueAt = (dueAt: string | null | undefined, now: string) => !!dueAt && dueAt <= now;

/**
 * Every case's view, in memory, with indexes by the people, posts, departments and numbers that
 * find it: work queues and case lists are answered here. The embedded database parses every
 * document of a collection for any query but a lone `_id` (docs/database.md, docs/cases.md), and
 * a work queue must answer in milliseconds over a county's cases. Loaded from the views stored with
 * the cases at start-up; kept current by the projector as this process writes.
 */
export class CaseIndex {
  private readonly views = new Map<string, CaseView>();
  private readonly byUser = new Map<string, Set<string>>();
  private readonly byPost = new Map<string, Set<string>>();
  private readonly byDepartment = new Map<string, Set<string>>();
  private readonly byCounty = new Map<string, Set<string>>();
  private readonly byApplicant = new Map<string, Set<string>>();
  private readonly byItem = new Map<string, Set<string>>();
  private readonly numbers = new Map<string, string>();
  /**
   * Every case id, oldest application first (new cases are appended, almost always at the end);
   * lists read it backwards. A case's application time never changes.
   */
  private order: string[] = [];

  get size(): number {
    return this.views.size;
  }

  get(id: string): CaseView | undefined {
    return this.views.get(id);
  }

  versionOf(id: string): number {
    return this.views.get(id)?.version ?? 0;
  }

  /** The case holding a 办件编号 or 申请编号 (the numbers' reverse index, RUN-11). */
  caseIdOf(number: string): string | undefined {
    return this.numbers.get(number);
  }

  /** Takes a view unless one as new or newer is held; answers whether it did. */
  apply(view: CaseView): boolean {
    const old = this.views.get(view._id);
    if (old && old.version >= view.version) return false;
    if (old) this.unindex(old);
    else this.order.splice(this.position(view), 0, view._id);
    this.views.set(view._id, view);
    this.index(view);
    return true;
  }

  /** Takes many views at once (start-up): ordered once at the end, not one by one. */
  load(views: Iterable<CaseView>): void {
    for (const view of views) {
      const old = this.views.get(view._id);
      if (old && old.version >= view.version) continue;
      if (old) this.unindex(old);
      this.views.set(view._id, view);
      this.index(view);
    }
    this.order = [...this.views.values()].sort((a, b) => newestFirst(b, a)).map((v) => v._id);
  }

  *all(): IterableIterator<CaseView> {
    yield* this.views.values();
  }

  /** The cases of one county (the wall display's day figures read these). */
  *ofCounty(countyId: string): IterableIterator<CaseView> {
    for (const id of this.byCounty.get(countyId) ?? []) yield this.views.get(id)!;
  }

  /** The cases of one item (the portal's result counts and publicity read these, not all). */
  *ofItem(itemId: string): IterableIterator<CaseView> {
    for (const id of this.byItem.get(itemId) ?? []) yield this.views.get(id)!;
  }

  /** Counts of the reader's rows per queue (待办, 已办, 待补正 …). */
  queueCounts(reader: QueueReader): Record<WorkQueue, number> {
    const counts = Object.fromEntries(QUEUES.map((q) => [q, 0])) as Record<WorkQueue, number>;
    for (const { row } of this.rowsOf(reader)) counts[row.queue] += 1;
    return counts;
  }

  /** The reader's live ex officio work per stage (待立案审批, 调查中 …, RUN-17). */
  stageCounts(reader: QueueReader): Partial<Record<ExOfficioStage, number>> {
    const counts: Partial<Record<ExOfficioStage, number>> = {};
    for (const { row } of this.rowsOf(reader))
      if (row.stage && (row.queue === 'todo' || row.queue === 'suspended'))
        counts[row.stage] = (counts[row.stage] ?? 0) + 1;
    return counts;
  }

  /** The reader's rows of one queue, filtered; live queues by due time, 已办 newest first. */
  queueRows(reader: QueueReader, queue: WorkQueue, filter: QueueFilter, now: string) {
    const q = filter.q?.toLowerCase();
    const rows = [...this.rowsOf(reader)].filter(
      ({ view, row }) =>
        row.queue === queue &&
        (!filter.itemId || view.itemId === filter.itemId) &&
        (!filter.overdue || overdueAt(row.dueAt, now)) &&
        (!filter.stage || row.stage === filter.stage) &&
        (!q || matchesText(view, q)),
    );
    if (queue === 'done') rows.sort((a, b) => (a.row.since < b.row.since ? 1 : -1));
    else {
      const due = (r: ViewRow) => r.dueAt ?? '9999';
      rows.sort(
        (a, b) => due(a.row).localeCompare(due(b.row)) || a.row.since.localeCompare(b.row.since),
      );
    }
    return rows;
  }

  /**
   * Cases `ability` may read, filtered, newest application first. The rows come from the index
   * that matches the reader's rule (their department, or the county for county-wide readers), so
   * the rule is checked row by row only where that index does not already imply it.
   */
  cases(
    ability: AppAbility,
    scope: { countyId: string; departmentId: string },
    filter: CaseFilter,
    now: string,
  ): CaseView[] {
    const countyWide = ability.can(
      'read',
      asSubject('Case', { countyId: scope.countyId, departmentIds: [] }),
    );
    const department = filter.departmentId ?? (countyWide ? undefined : scope.departmentId);
    const implied = countyWide || department === scope.departmentId;
    const members = department
      ? this.byDepartment.get(department)
      : this.byCounty.get(scope.countyId);
    if (!members) return [];
    const q = filter.q?.toLowerCase();
    const statuses = filter.status?.length ? new Set(filter.status) : undefined;
    const out: CaseView[] = [];
    const take = (v: CaseView) => {
      if (filter.ids && !filter.ids.has(v._id)) return;
      if (statuses && !statuses.has(v.status)) return;
      if (filter.itemId && v.itemId !== filter.itemId) return;
      if (filter.channel && v.channel !== filter.channel) return;
      if (filter.from && v.appliedAt < filter.from) return;
      if (filter.to && v.appliedAt >= filter.to) return;
      if (
        filter.overdue &&
        !(isLiveStatus(v.status) && overdueAt(v.deadlines.promised?.dueAt, now))
      )
        return;
      if (q && !matchesText(v, q)) return;
      if (
        !implied &&
        !ability.can(
          'read',
          asSubject('Case', { countyId: v.countyId, departmentIds: v.departmentIds }),
        )
      )
        return;
      out.push(v);
    };
    // A small set is sorted on its own; a large one is read in the order kept for all cases.
    if (members.size * 20 < this.order.length) {
      const views = [...members].map((id) => this.views.get(id)!);
      views.sort(newestFirst);
      views.forEach(take);
    } else {
      for (let i = this.order.length - 1; i >= 0; i--) {
        const id = this.order[i]!;
        if (members.has(id)) take(this.views.get(id)!);
      }
    }
    return out;
  }

  /** An applicant's own cases, newest first. */
  applicantCases(accountId: string): CaseView[] {
    return [...(this.byApplicant.get(accountId) ?? [])]
      .map((id) => this.views.get(id)!)
      .sort(newestFirst);
  }

  /** Where a new case goes in `order`: after every case applied before it or at once. */
  private position(v: CaseView): number {
    let lo = 0;
    let hi = this.order.length;
    // Nearly always the newest: checked first, so the search costs nothing.
    if (!hi || newestFirst(this.views.get(this.order[hi - 1]!)!, v) >= 0) return hi;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (newestFirst(this.views.get(this.order[mid]!)!, v) >= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private *rowsOf(reader: QueueReader): Generator<{ view: CaseView; row: ViewRow }> {
    if (reader.kind !== 'staff') return;
    const ids = new Set(this.byUser.get(reader.userId));
    for (const p of reader.postIds) for (const id of this.byPost.get(p) ?? []) ids.add(id);
    for (const id of ids) {
      const view = this.views.get(id)!;
      for (const row of view.rows) {
        // rowVisibleTo reads only who may see the row, which a view row keeps.
        if (rowVisibleTo(row as Parameters<typeof rowVisibleTo>[0], reader as Actor))
          yield { view, row };
      }
    }
  }

  private index(v: CaseView): void {
    for (const row of v.rows) {
      if (row.userId) add(this.byUser, row.userId, v._id);
      else for (const p of row.postIds) add(this.byPost, p, v._id);
    }
    for (const d of v.departmentIds) add(this.byDepartment, d, v._id);
    add(this.byCounty, v.countyId, v._id);
    add(this.byItem, v.itemId, v._id);
    if (v.applicantAccountId) add(this.byApplicant, v.applicantAccountId, v._id);
    if (v.caseNo) this.numbers.set(v.caseNo, v._id);
    if (v.applicationNo) this.numbers.set(v.applicationNo, v._id);
  }

  private unindex(v: CaseView): void {
    for (const row of v.rows) {
      if (row.userId) drop(this.byUser, row.userId, v._id);
      else for (const p of row.postIds) drop(this.byPost, p, v._id);
    }
    for (const d of v.departmentIds) drop(this.byDepartment, d, v._id);
    drop(this.byCounty, v.countyId, v._id);
    drop(this.byItem, v.itemId, v._id);
    if (v.applicantAccountId) drop(this.byApplicant, v.applicantAccountId, v._id);
  }
}
