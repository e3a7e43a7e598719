import fs from 'node:fs';
import path from 'node:path';
import Docxtemplater from 'docxtemplater';
import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import { civilDateOf } from '../../runtime/calendar';
import { FAULT_CLASSES, spanText, type FaultTargets } from '../../runtime/operations/faults';
import type { MonthlyReport } from './report';

const TEMPLATE = path.join(
  __dirname,
  '..',
  '..',
  'templates',
  'reports',
  'monthly-operation-report.docx',
);
let template: Buffer | undefined;

/** 2026-11-03 09:30 in Shanghai's time. */
export const shanghaiText = (iso: string) =>
  iso
    ? `${civilDateOf(iso)} ${new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16)}`
    : '—';

export const rateText = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
const numText = (n: number | null) => (n === null ? '—' : String(n));
export const metText = (v: boolean | null) => (v === true ? '达标' : v === false ? '超时' : '—');

export const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;

export const targetsText = (targets: FaultTargets) =>
  FAULT_CLASSES.map(
    (c) => `${c}类响应${spanText(targets[c].respond)}内、恢复${spanText(targets[c].resolve)}内`,
  ).join('；');

/**
 * The report as the template's placeholders want it: flat names (docxtemplater's default parser
 * reads no dotted paths) and every figure already written as text.
 */
function templateData(r: MonthlyReport, targets: FaultTargets) {
  const lastDay = civilDateOf(new Date(Date.parse(r.to) - 1));
  return {
    countyName: r.countyName,
    monthLabel: monthLabel(r.month),
    periodText: `${civilDateOf(r.from)} 至 ${lastDay}`,
    generatedText: shanghaiText(r.generatedAt),
    generatedDate: civilDateOf(r.generatedAt),
    departments: r.departments.map((d) => ({ ...d, onTimeRateText: rateText(d.onTimeRate) })),
    totalReceived: r.total.received,
    totalAccepted: r.total.accepted,
    totalConcluded: r.total.concluded,
    totalOnTime: r.total.onTime,
    totalOnTimeRate: rateText(r.total.onTimeRate),
    totalOverdue: r.total.overdue,
    loginSuccesses: r.logins.successes,
    activeUsers: r.logins.activeUsers,
    loginFailures: r.logins.failures,
    lockouts: r.logins.lockouts,
    operations: r.logins.operations,
    loginDays: r.logins.days,
    apiNote: r.api.note,
    apiSince: shanghaiText(r.api.since),
    apiRequests: r.api.requests,
    apiClientErrors: r.api.clientErrors,
    apiServerErrors: r.api.serverErrors,
    apiMean: r.api.meanMs === null ? '—' : `${r.api.meanMs} 毫秒`,
    apiWithin: rateText(r.api.withinHalfSecond),
    apiRoutes: r.api.routes.map((a) => ({ ...a, meanText: numText(a.meanMs) })),
    targetsText: targetsText(targets),
    faultClasses: r.faults.byClass.map((c) => ({
      ...c,
      meanResponseText: numText(c.meanResponseMinutes),
      meanResolutionText: numText(c.meanResolutionMinutes),
    })),
    faults: r.faults.items.map((f) => ({
      number: f.number,
      faultClass: f.faultClass,
      title: f.title,
      reportedText: shanghaiText(f.reportedAt),
      responseText: numText(f.responseMinutes),
      responseMetText: metText(f.responseMet),
      resolutionText: numText(f.resolutionMinutes),
      resolutionMetText: metText(f.resolutionMet),
      cause: f.cause ?? '',
    })),
  };
}

/**
 * Filled in this process, not the sandbox's workers: the template is our own file, not an upload,
 * and the data is bounded (a county's departments, a month's days, faults and 15 routes).
 */
export function reportDocx(r: MonthlyReport, targets: FaultTargets): Buffer {
  template ??= fs.readFileSync(TEMPLATE);
  const doc = new Docxtemplater(new PizZip(template), {
    paragraphLoop: true,
    linebreaks: true,
    nullGetter: () => '',
  });
  doc.render(templateData(r, targets));
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  columns: { header: string; width: number }[],
  rows: (string | number | null)[][],
) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = columns.map((c) => ({ width: c.width }));
  ws.addRow([title]).font = { bold: true, size: 13 };
  ws.addRow(columns.map((c) => c.header)).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((v) => (v === null ? '—' : v)));
  return ws;
}

/** The same report as a workbook: one sheet per part, numbers as numbers. */
export async function reportXlsx(r: MonthlyReport, targets: FaultTargets): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const title = `${r.countyName}政务服务平台运行报告（${monthLabel(r.month)}）`;
  const d = sheet(
    wb,
    '部门办件',
    `${title}：本月收件按部门`,
    [
      { header: '部门', width: 36 },
      { header: '收件', width: 8 },
      { header: '受理', width: 8 },
      { header: '办结', width: 8 },
      { header: '按时办结', width: 10 },
      { header: '按时办结率', width: 12 },
      { header: '超期', width: 8 },
    ],
    [...r.departments, { ...r.total, name: '合计' }].map((x) => [
      x.name,
      x.received,
      x.accepted,
      x.concluded,
      x.onTime,
      x.onTimeRate,
      x.overdue,
    ]),
  );
  d.getColumn(6).numFmt = '0.0%';
  d.lastRow!.font = { bold: true };
  const logins = sheet(
    wb,
    '登录',
    `登录成功 ${r.logins.successes} 次，活跃用户 ${r.logins.activeUsers} 人，登录失败 ${r.logins.failures} 次，锁定 ${r.logins.lockouts} 次，操作日志 ${r.logins.operations} 条`,
    [
      { header: '日期', width: 14 },
      { header: '登录次数', width: 10 },
      { header: '登录人数', width: 10 },
    ],
    r.logins.days.map((x) => [x.date, x.logins, x.users]),
  );
  logins.addRow(['合计', r.logins.successes, r.logins.activeUsers]).font = { bold: true };
  const api = sheet(
    wb,
    '接口',
    `自 ${shanghaiText(r.api.since)} 起：请求 ${r.api.requests} 次，4xx ${r.api.clientErrors}，5xx ${r.api.serverErrors}，平均 ${numText(r.api.meanMs)} 毫秒，0.5 秒内 ${rateText(r.api.withinHalfSecond)}`,
    [
      { header: '方法', width: 8 },
      { header: '接口', width: 48 },
      { header: '请求数', width: 10 },
      { header: '5xx', width: 8 },
      { header: '平均响应（毫秒）', width: 16 },
    ],
    r.api.routes.map((x) => [x.method, x.route, x.requests, x.errors, x.meanMs]),
  );
  api.addRow([]);
  api.addRow([r.api.note]);
  sheet(
    wb,
    '故障统计',
    `达标要求：${targetsText(targets)}（均自报告时起算）`,
    [
      { header: '等级', width: 22 },
      { header: '故障数', width: 8 },
      { header: '已恢复', width: 8 },
      { header: '响应达标', width: 10 },
      { header: '响应超时', width: 10 },
      { header: '恢复达标', width: 10 },
      { header: '恢复超时', width: 10 },
      { header: '平均响应（分钟）', width: 16 },
      { header: '平均恢复（分钟）', width: 16 },
      { header: '停机合计（分钟）', width: 16 },
    ],
    r.faults.byClass.map((c) => [
      c.label,
      c.count,
      c.resolved,
      c.responseMet,
      c.responseMissed,
      c.resolutionMet,
      c.resolutionMissed,
      c.meanResponseMinutes,
      c.meanResolutionMinutes,
      c.outageMinutes,
    ]),
  );
  sheet(
    wb,
    '故障明细',
    '本月报告的故障',
    [
      { header: '编号', width: 16 },
      { header: '等级', width: 6 },
      { header: '故障', width: 30 },
      { header: '影响范围', width: 20 },
      { header: '发生时间', width: 18 },
      { header: '报告时间', width: 18 },
      { header: '响应时间', width: 18 },
      { header: '响应（分钟）', width: 12 },
      { header: '响应', width: 8 },
      { header: '恢复时间', width: 18 },
      { header: '恢复（分钟）', width: 12 },
      { header: '恢复', width: 8 },
      { header: '原因', width: 30 },
      { header: '处理结果', width: 30 },
    ],
    r.faults.items.map((f) => [
      f.number,
      f.faultClass,
      f.title,
      f.affected,
      shanghaiText(f.occurredAt),
      shanghaiText(f.reportedAt),
      f.respondedAt ? shanghaiText(f.respondedAt) : null,
      f.responseMinutes,
      metText(f.responseMet),
      f.resolvedAt ? shanghaiText(f.resolvedAt) : null,
      f.resolutionMinutes,
      metText(f.resolutionMet),
      f.cause ?? null,
      f.resolution ?? null,
    ]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
