import { z } from 'zod';
import { ITEM_TYPES, ITEM_TYPE_CODES, type ItemType } from '../../runtime/catalog/item-types';
import type { Api } from '../http/api';
import { objectId } from '../http/schemas';
import { catalogFilter } from './catalog-scope';
import type { CatalogDeps } from './deps';
import { ITEM_STATUSES, type Item, type ItemStatus } from './item-model';

type StatusCounts = Record<ItemStatus, number>;
const noStatuses = (): StatusCounts =>
  Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as StatusCounts;

/** 共 N 项；其中行政许可 N 项，行政处罚 N 项。— nonzero types only, in CAT-3 order. */
export function summarySentence(counts: Partial<Record<ItemType, number>>): string {
  const parts = ITEM_TYPE_CODES.filter((t) => (counts[t] ?? 0) > 0).map(
    (t) => `${ITEM_TYPES[t]} ${counts[t]} 项`,
  );
  const total = ITEM_TYPE_CODES.reduce((sum, t) => sum + (counts[t] ?? 0), 0);
  return parts.length ? `共 ${total} 项；其中${parts.join('，')}。` : `共 ${total} 项。`;
}

/** Counts per type and status of the items the caller may read (CAT-9). */
export async function catalogSummary(deps: CatalogDeps, filter: ReturnType<typeof catalogFilter>) {
  // Counted in code: the embedded database computes one accumulator per $group, and an
  // aggregation's $match would not cast the access rule's string ids.
  const rows = filter
    ? await deps.items.find(filter).select({ type: 1, status: 1 }).lean<Item[]>().exec()
    : [];
  const byType = new Map<ItemType, StatusCounts>();
  const byStatus = noStatuses();
  for (const { type, status } of rows) {
    const counts = byType.get(type) ?? noStatuses();
    counts[status] += 1;
    byType.set(type, counts);
    byStatus[status] += 1;
  }
  const approved = Object.fromEntries([...byType].map(([t, c]) => [t, c.approved]));
  return {
    total: rows.length,
    byStatus,
    byType: ITEM_TYPE_CODES.filter((t) => byType.has(t)).map((t) => ({
      type: t,
      typeLabel: ITEM_TYPES[t],
      total: Object.values(byType.get(t)!).reduce((a, b) => a + b, 0),
      byStatus: byType.get(t)!,
    })),
    // The published catalog is what the sentence counts.
    approved: byStatus.approved,
    sentence: summarySentence(approved),
  };
}

export function summaryRoutes(api: Api, deps: CatalogDeps): void {
  api.route({
    method: 'get',
    path: '/api/catalog/summary',
    access: 'staff',
    summary: '事项目录汇总（按类型、状态计数，及“共 N 项；其中……”的说明）',
    tags: ['事项目录'],
    query: z.object({ departmentId: objectId.optional() }).strict(),
    response: { description: '汇总' },
    async handler({ query, auth }) {
      const filter = catalogFilter(auth.ability, query.departmentId);
      return { departmentId: query.departmentId, ...(await catalogSummary(deps, filter)) };
    },
  });
}
