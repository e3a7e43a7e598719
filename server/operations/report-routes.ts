import { z } from 'zod';
import type { FaultTargets } from '../../runtime/operations/faults';
import { civilDateOf } from '../../runtime/calendar';
import { assertCanAny } from '../access/query';
import { attachment } from '../catalog/export-routes';
import { DOCX_TYPE, XLSX_TYPE } from '../catalog/export-files';
import type { Api, AuthContext } from '../http/api';
import { badRequest } from '../http/errors';
import { monthlyReport, type ReportDeps } from './report';
import { monthLabel, reportDocx, reportXlsx } from './report-files';

const tags = ['运行维护'];

const monthQuery = z
  .object({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM，如 2026-11'),
    format: z.enum(['json', 'docx', 'xlsx']).default('json'),
  })
  .strict();

/** The monthly operation report (OPS-2) as JSON, Word or Excel; administrators only. */
export function reportRoutes(
  api: Api,
  deps: ReportDeps & { targets: FaultTargets; clock(): Date },
): void {
  async function report(auth: AuthContext, month: string) {
    assertCanAny(auth.ability, 'read', 'SystemStatus', '运行报告');
    const now = deps.clock();
    if (month > civilDateOf(now).slice(0, 7))
      throw badRequest('月份不能晚于本月', { field: 'month' });
    return monthlyReport(deps, auth.principal.countyId, month, now);
  }

  async function answer(
    auth: AuthContext,
    res: Parameters<typeof attachment>[0],
    month: string,
    format: 'json' | 'docx' | 'xlsx',
  ) {
    const r = await report(auth, month);
    if (format === 'json') return r;
    const name = `${r.countyName}政务服务平台运行报告（${monthLabel(month)}）`;
    const ascii = `operation-report-${month}`;
    if (format === 'docx')
      attachment(res, DOCX_TYPE, name, 'docx', reportDocx(r, deps.targets), ascii);
    else attachment(res, XLSX_TYPE, name, 'xlsx', await reportXlsx(r, deps.targets), ascii);
    return undefined;
  }

  api.route({
    method: 'get',
    path: '/api/operations/reports/monthly',
    access: 'staff',
    summary:
      '月度运行报告：各部门收件、受理、办结与按时办结率，登录与活跃用户，接口请求量与响应时间，故障及其响应、恢复是否达标；format=docx 或 xlsx 下载文件',
    tags,
    query: monthQuery,
    response: { description: '报告数字，或 Word / Excel 文件' },
    handler: ({ query, auth, res }) => answer(auth, res, query.month, query.format),
  });

  for (const format of ['docx', 'xlsx'] as const) {
    api.route({
      method: 'get',
      path: `/api/operations/reports/monthly.${format}`,
      access: 'staff',
      summary: `月度运行报告（${format === 'docx' ? 'Word' : 'Excel'}）`,
      tags,
      query: monthQuery.omit({ format: true }),
      response: { description: `${format.toUpperCase()} 文件` },
      handler: ({ query, auth, res }) => answer(auth, res, query.month, format),
    });
  }
}
