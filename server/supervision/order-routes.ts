import { z } from 'zod';
import { INTERNAL_PROCESSES, type InternalProcess } from '../../runtime/catalog/item';
import { CASE_STATUS_LABELS } from '../../runtime/cases/state';
import { assertCan } from '../access/query';
import type { CaseService } from '../cases';
import type { ItemModel } from '../catalog/item-model';
import type { Api } from '../http/api';
import { page, pageOf } from '../http/schemas';
import type { SupervisionStatistics } from './statistics';

const tags = ['电子监察'];

/**
 * 督办 and complaint records (SUP-8): the supervising department, the unit supervised, the matter
 * (item name and code, the case concerned), who watches it, start and end, status and result —
 * read from the cases themselves, which run on the engine like any other.
 */
export function orderRoutes(
  api: Api,
  deps: { cases: CaseService; statistics: SupervisionStatistics; items: ItemModel },
): void {
  api.route({
    method: 'get',
    path: '/api/supervision/orders',
    access: 'staff',
    summary: '督办与投诉记录：督办部门、被督办单位、事项名称和编码、监控人员、起止时间、状态、结果',
    tags,
    query: z
      .object({
        kind: z
          .enum(Object.keys(INTERNAL_PROCESSES) as [InternalProcess])
          .default('supervisionOrder'),
        ...page,
      })
      .strict(),
    response: { description: '记录列表' },
    async handler({ query, auth }) {
      assertCan(
        auth.ability,
        'read',
        'SupervisionAlert',
        { countyId: auth.principal.countyId, userIds: [], departmentId: '' },
        '查看督办与投诉记录',
      );
      const all = await deps.statistics.internalCases(auth.principal.countyId, query.kind);
      const slice = all.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
      const items = [];
      for (const f of slice) {
        const doc = await deps.cases.store.peek(f._id);
        if (!doc) continue;
        const s = doc.state;
        const form = s.forms.find((x) => x.key === 'application')?.values ?? {};
        const text = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : undefined);
        const initiator = doc.trail.find((e) => e.action === 'accept') ?? doc.trail[0];
        items.push({
          id: doc._id,
          caseNo: s.caseNo ?? s.applicationNo,
          caseName: s.caseName,
          department: s.handlingUnit,
          target: s.target?.unit,
          itemName: text('itemName'),
          itemCode: text('itemCode'),
          relatedCaseNo: text('relatedCaseNo'),
          staff: initiator?.actor.name,
          startedAt: s.appliedAt,
          endedAt: s.endedAt,
          status: s.status,
          statusLabel: CASE_STATUS_LABELS[s.status],
          result: s.decision?.text ?? text('conclusion') ?? s.result?.opinion,
        });
      }
      // The county's processes of this kind, to start one from the records page.
      const processes = await deps.items
        .find(
          {
            countyId: auth.principal.countyId,
            'draft.internal': query.kind,
            currentVersion: { $gt: 0 },
            status: { $ne: 'cancelled' },
          },
          { name: 1 },
        )
        .lean()
        .exec();
      return {
        ...pageOf(items, all.length, query),
        processes: processes.map((p) => ({ id: String(p._id), name: p.name })),
      };
    },
  });
}
