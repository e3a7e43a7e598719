/**
 * Writes the monthly operation report's DOCX template (OPS-2) beside this script:
 * `npx tsx templates/reports/build.ts`. A minimal WordprocessingML package, as the documents'
 * templates (templates/documents/build.ts); docxtemplater fills its {placeholders} and repeats each
 * table row holding a {#list}…{/list} pair once per entry (server/operations/report-files.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const font = '<w:rFonts w:ascii="SimSun" w:hAnsi="SimSun" w:eastAsia="SimSun"/>';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Style {
  bold?: boolean;
  /** Half-points, as Word counts. */
  size?: number;
  align?: 'center' | 'right';
}

const run = (text: string, o: Style = {}) =>
  `<w:r><w:rPr>${font}${o.bold ? '<w:b/>' : ''}<w:sz w:val="${o.size ?? 24}"/></w:rPr><w:t xml:space="preserve">${escape(text)}</w:t></w:r>`;

const para = (text: string, o: Style = {}) =>
  `<w:p>${o.align ? `<w:pPr><w:jc w:val="${o.align}"/></w:pPr>` : ''}${run(text, o)}</w:p>`;

const border = (side: string) =>
  `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
const borders = `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders>`;

/** Twentieths of a point across the page's text width (A4 less 2 × 1440 margins). */
const TEXT_WIDTH = 9026;

/**
 * A table: a header row, one row repeated per entry of `list` (its cells' placeholders), and
 * optionally a last row (the total).
 */
function table(headers: string[], list: string, cells: string[], last?: string[]): string {
  const width = Math.floor(TEXT_WIDTH / headers.length);
  const grid = `<w:tblGrid>${headers.map(() => `<w:gridCol w:w="${width}"/>`).join('')}</w:tblGrid>`;
  const cell = (text: string, bold = false) =>
    `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>${para(text, { size: 20, bold })}</w:tc>`;
  const row = (texts: string[], bold = false) =>
    `<w:tr>${texts.map((t) => cell(t, bold)).join('')}</w:tr>`;
  const looped = cells.map((c, i) =>
    i === 0 ? `{#${list}}${c}` : i === cells.length - 1 ? `${c}{/${list}}` : c,
  );
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${TEXT_WIDTH}" w:type="dxa"/>${borders}</w:tblPr>${grid}` +
    row(headers, true) +
    row(looped) +
    (last ? row(last, true) : '') +
    '</w:tbl>'
  );
}

const heading = (text: string) => para(text, { bold: true, size: 28 });

const BODY = [
  para('{countyName}政务服务平台', { bold: true, size: 32, align: 'center' }),
  para('运行报告（{monthLabel}）', { bold: true, size: 40, align: 'center' }),
  para('统计期间：{periodText}    生成时间：{generatedText}', { align: 'center', size: 20 }),
  para(''),
  heading('一、平台使用情况（按部门）'),
  para(
    '    本月收件的办件按处理部门统计（与电子监察“绩效统计”同口径）：共收件{totalReceived}件，受理{totalAccepted}件，办结{totalConcluded}件，按时办结率{totalOnTimeRate}，超期{totalOverdue}件。',
  ),
  table(
    ['部门', '收件', '受理', '办结', '按时办结', '按时办结率', '超期'],
    'departments',
    [
      '{name}',
      '{received}',
      '{accepted}',
      '{concluded}',
      '{onTime}',
      '{onTimeRateText}',
      '{overdue}',
    ],
    [
      '合计',
      '{totalReceived}',
      '{totalAccepted}',
      '{totalConcluded}',
      '{totalOnTime}',
      '{totalOnTimeRate}',
      '{totalOverdue}',
    ],
  ),
  para(''),
  heading('二、登录与操作'),
  para(
    '    本月登录成功{loginSuccesses}次，活跃用户{activeUsers}人；登录失败{loginFailures}次，触发锁定{lockouts}次；经接口所做的修改（操作日志）{operations}条。',
  ),
  table(['日期', '登录次数', '登录人数'], 'loginDays', ['{date}', '{logins}', '{users}']),
  para(''),
  heading('三、接口请求量与响应时间'),
  para('    {apiNote}'),
  para(
    '    统计起点：{apiSince}；接口请求{apiRequests}次，其中客户端错误（4xx）{apiClientErrors}次、服务器错误（5xx）{apiServerErrors}次；平均响应时间{apiMean}；0.5 秒内响应的比例{apiWithin}。',
  ),
  table(['方法', '接口', '请求数', '5xx', '平均响应（毫秒）'], 'apiRoutes', [
    '{method}',
    '{route}',
    '{requests}',
    '{errors}',
    '{meanText}',
  ]),
  para(''),
  heading('四、故障情况'),
  para('    达标要求：{targetsText}。响应与恢复时间均自报告时起算。'),
  table(
    [
      '等级',
      '故障数',
      '已恢复',
      '响应达标',
      '响应超时',
      '恢复达标',
      '恢复超时',
      '平均响应（分钟）',
      '平均恢复（分钟）',
    ],
    'faultClasses',
    [
      '{label}',
      '{count}',
      '{resolved}',
      '{responseMet}',
      '{responseMissed}',
      '{resolutionMet}',
      '{resolutionMissed}',
      '{meanResponseText}',
      '{meanResolutionText}',
    ],
  ),
  para(''),
  para('{^faults}    本月无故障记录。{/faults}'),
  table(
    ['编号', '等级', '故障', '报告时间', '响应（分钟）', '响应', '恢复（分钟）', '恢复', '原因'],
    'faults',
    [
      '{number}',
      '{faultClass}',
      '{title}',
      '{reportedText}',
      '{responseText}',
      '{responseMetText}',
      '{resolutionText}',
      '{resolutionMetText}',
      '{cause}',
    ],
  ),
  para(''),
  para('{countyName}政务服务平台运维', { align: 'right' }),
  para('{generatedDate}', { align: 'right' }),
];

const document = (body: string[]) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  `<w:document xmlns:w="${W}"><w:body>${body.join('')}` +
  '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>' +
  '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992" w:gutter="0"/>' +
  '</w:sectPr></w:body></w:document>';

const contentTypes =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '</Types>';

const rels =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '</Relationships>';

export const MONTHLY_TEMPLATE = path.join(__dirname, 'monthly-operation-report.docx');

export function buildMonthlyTemplate(): Buffer {
  const zip = new PizZip();
  zip.file('[Content_Types].xml', contentTypes);
  zip.file('_rels/.rels', rels);
  zip.file('word/document.xml', document(BODY));
  // A fixed date, so building again gives the same bytes.
  for (const f of Object.values(zip.files)) f.date = new Date('2026-01-01T00:00:00Z');
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

if (require.main === module) {
  fs.writeFileSync(MONTHLY_TEMPLATE, buildMonthlyTemplate());
  console.log(`wrote ${path.relative(process.cwd(), MONTHLY_TEMPLATE)}`);
}
