import { z } from 'zod';
import {
  STATISTICS_DIMENSIONS,
  STATISTICS_SORTS,
  type StatisticsQuery,
} from '../../runtime/supervision/statistics';
import { civilDateOf } from '../../runtime/calendar';
import { assertCan } from '../access/query';
import type { CaseService } from '../cases';
import { isLiveStatus, overdueAt } from '../cases/case-index';
import { attachment } from '../catalog/export-routes';
import { XLSX_TYPE } from '../catalog/export-files';
import type { Api, AuthContext } from '../http/api';
import { badRequest } from '../http/errors';
import { objectId, page, pageOf } from '../http/schemas';
import type { SupervisionAlerts } from './alerts';
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

/** The day's figures for the supervision centre's wall display (大屏). */
export function todayRoutes(
  api: Api,
  deps: { cases: CaseService; alerts: SupervisionAlerts; clock: () => Date },
): void {
  api.route({
    method: 'get',
    path: '/api/supervision/today',
    access: 'staff',
    summary: '监察大屏：今日收件、受理、办结，在办与超期件数，今日预警与各部门在办预警',
    tags,
    response: { description: '今日实时数字' },
    async handler({ auth }) {
      assertCan(
        auth.ability,
        'read',
        'SupervisionAlert',
        { countyId: auth.principal.countyId, userIds: [], departmentId: '' },
        '查看监察大屏',
      );
      await Promise.all([deps.cases.whenReady(), deps.alerts.whenLoaded()]);
      const now = deps.clock();
      const nowIso = now.toISOString();
      const today = civilDateOf(now);
      const isToday = (iso?: string) => !!iso && civilDateOf(iso) === today;
      const figures = {
        date: today,
        received: 0,
        accepted: 0,
        concluded: 0,
        open: 0,
        overdue: 0,
        yellow: 0,
        red: 0,
        raisedToday: 0,
      };
      for (const v of deps.cases.index.ofCounty(auth.principal.countyId)) {
        if (isToday(v.appliedAt)) figures.received += 1;
        if (isToday(v.acceptedAt)) figures.accepted += 1;
        if (v.status === 'concluded' && isToday(v.endedAt)) figures.concluded += 1;
        if (isLiveStatus(v.status)) {
          figures.open += 1;
          if (overdueAt(v.deadlines.promised?.dueAt ?? v.deadlines.legal?.dueAt, nowIso))
            figures.overdue += 1;
        }
      }
      const departments = new Map<string, { name: string; yellow: number; red: number }>();
      for (const a of deps.alerts.all()) {
        if (a.countyId !== auth.principal.countyId) continue;
        if (isToday(a.raisedAt)) figures.raisedToday += 1;
        if (a.state !== 'open') continue;
        figures[a.level] += 1;
        const d = departments.get(a.departmentId) ?? { name: a.departmentName, yellow: 0, red: 0 };
        d[a.level] += 1;
        departments.set(a.departmentId, d);
      }
      return {
        ...figures,
        departments: [...departments.entries()]
          .map(([id, d]) => ({ id, ...d }))
          .sort((a, b) => b.red - a.red || b.yellow - a.yellow)
          .slice(0, 10),
      };
    },
  });
}
