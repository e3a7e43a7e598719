import { z } from 'zod';
import {
  STATISTICS_DIMENSIONS,
  STATISTICS_SORTS,
  type StatisticsQuery,
} from '../../runtime/supervision/statistics';
import { assertCan } from '../access/query';
import { attachment } from '../catalog/export-routes';
import { XLSX_TYPE } from '../catalog/export-files';
import type { Api, AuthContext } from '../http/api';
import { badRequest } from '../http/errors';
import { objectId, page, pageOf } from '../http/schemas';
import { DIMENSION_LABELS, statisticsXlsx, type SupervisionStatistics } from './statistics';

const tags = ['电子监察'];

const civilDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
      new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    '不是有效的日期',
  );

const statisticsQuery = z
  .object({
    by: z.enum(STATISTICS_DIMENSIONS).default('department'),
    from: civilDate.optional(),
    to: civilDate.optional(),
    departmentId: objectId.optional(),
    itemId: objectId.optional(),
    granularity: z.enum(['month', 'day']).default('month'),
    sort: z.enum(STATISTICS_SORTS).default('received'),
  })
  .strict();

type Query = z.infer<typeof statisticsQuery>;

/** Performance statistics (SUP-6): figures, rankings, the workbook, and a rebuild from the trails. */
export function statisticsRoutes(
  api: Api,
  deps: { statistics: SupervisionStatistics; clock: () => Date },
): void {
  const { statistics } = deps;

  async function figures(auth: AuthContext, query: Query) {
    assertCan(
      auth.ability,
      'read',
      'SupervisionStatistics',
      { countyId: auth.principal.countyId },
      '查看绩效统计',
    );
    if (query.from && query.to && query.from > query.to)
      throw badRequest('开始日期不能晚于结束日期', { field: 'from' });
    const q: StatisticsQuery = {
      by: query.by,
      granularity: query.granularity,
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
      ...(query.departmentId ? { departmentId: query.departmentId } : {}),
      ...(query.itemId ? { itemId: query.itemId } : {}),
    };
    return statistics.query(auth.principal.countyId, q, query.sort, deps.clock());
  }

  api.route({
    method: 'get',
    path: '/api/supervision/statistics',
    access: 'staff',
    summary:
      '绩效统计：按部门、事项、期间、环节或岗位的收件、受理、办结、按时办结率、平均与90%用时（工作日）、超期、黄牌红牌，按所选指标排名',
    tags,
    query: statisticsQuery.extend(page),
    response: { description: '各组的统计数字（已排名）与合计' },
    async handler({ query, auth }) {
      const { page: p, pageSize, ...rest } = query;
      const { rows, total } = await figures(auth, rest);
      return {
        ...pageOf(
          rows.slice((p - 1) * pageSize, p * pageSize).map((r, i) => ({
            ...r,
            rank: (p - 1) * pageSize + i + 1,
          })),
          rows.length,
          { page: p, pageSize },
        ),
        totals: total,
      };
    },
  });

  api.route({
    method: 'get',
    path: '/api/supervision/statistics.xlsx',
    access: 'staff',
    summary: '导出绩效统计（Excel）',
    tags,
    query: statisticsQuery,
    response: { description: 'XLSX 文件' },
    async handler({ query, auth, res }) {
      const { rows, total } = await figures(auth, query);
      const period = query.from || query.to ? `（${query.from ?? '…'} 至 ${query.to ?? '…'}）` : '';
      const title = `绩效统计：按${DIMENSION_LABELS[query.by]}${period}`;
      attachment(
        res,
        XLSX_TYPE,
        title,
        'xlsx',
        await statisticsXlsx(title, query.by, rows, total),
        'statistics',
      );
    },
  });

  api.route({
    method: 'post',
    path: '/api/supervision/statistics/rebuild',
    access: 'staff',
    summary: '从办件操作痕迹重新计算全部统计数据',
    tags,
    response: { description: '重算的办件数与耗时' },
    async handler({ auth }) {
      assertCan(
        auth.ability,
        'update',
        'SupervisionStatistics',
        { countyId: auth.principal.countyId },
        '重算绩效统计',
      );
      return statistics.rebuild();
    },
  });
}
