import {
  DISCRETION_LEVELS,
  EX_OFFICIO_PROCEDURES,
  initiationOf,
  type DiscretionBenchmark,
  HANDLING_KINDS,
  LIMIT_UNIT_LABELS,
  type ItemContent,
  type TimeLimit,
} from '../../runtime/catalog/item';
import { ITEM_TYPES, type ItemType } from '../../runtime/catalog/item-types';
import { CASE_STATUS_LABELS } from '../../runtime/cases/state';
import type { CompiledProcess } from '../../runtime/process/compiled';
import { FINAL_STATES } from '../../runtime/trail/entry';
import type { CaseView } from '../cases/view';
import type { PortalUnit, PublishedItem } from './catalog';
import { html, layout, Safe, searchForm } from './layout';
import type { Announcement, Consultation, Theme } from './models';

/**
 * The portal's pages (POR-1 … POR-12): plain functions from data to escaped HTML, no script.
 * Each page is one `layout` with one h1; lists are tables with a caption and scoped headers.
 */

export const shanghai = (iso: string | Date | undefined) =>
  iso
    ? new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')
    : '';

const limitText = (l: TimeLimit | undefined) =>
  l && l.value > 0 ? `${l.value} ${LIMIT_UNIT_LABELS[l.unit]}` : '无';

const qs = (params: Record<string, string | number | undefined>) => {
  const parts = Object.entries(params).filter(([, v]) => v !== undefined && v !== '');
  return parts.length
    ? `?${parts.map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&')}`
    : '';
};

function pager(page: number, pages: number, params: Record<string, string | undefined>) {
  return html`<nav aria-label="分页">
    <span>第 ${page} / ${pages} 页</span>
    ${page > 1 ? html`<a href="${qs({ ...params, page: page - 1 })}" rel="prev">上一页</a>` : ''}
    ${page < pages ? html`<a href="${qs({ ...params, page: page + 1 })}" rel="next">下一页</a>` : ''}
  </nav>`;
}

/** 首页: the column's entry points (POR-1). */
export function homePage(p: {
  site: string;
  departments: PortalUnit[];
  themes: Theme[];
  itemCount: number;
}): string {
  const main = html`${searchForm()}
    <p>
      本专栏公开本区 ${p.itemCount}
      项政务服务事项的办事指南、表格下载、网上咨询、办件结果查询与公示。
    </p>
    <section aria-labelledby="by-theme">
      <h2 id="by-theme">按主题办事</h2>
      ${themeLists(p.themes)}
    </section>
    <section aria-labelledby="by-dept">
      <h2 id="by-dept">按部门办事</h2>
      <ul>
        ${p.departments.map(
          (d) => html`<li><a href="/portal/items?department=${d.id}">${d.name}</a></li>`,
        )}
      </ul>
    </section>
    <section aria-labelledby="by-type">
      <h2 id="by-type">按事项类型</h2>
      <ul>
        ${Object.entries(ITEM_TYPES).map(
          ([code, label]) => html`<li><a href="/portal/items?type=${code}">${label}</a></li>`,
        )}
      </ul>
    </section>
    <section aria-labelledby="services">
      <h2 id="services">便民服务</h2>
      <ul>
        <li><a href="/portal/query">办件结果查询</a>（凭办件编号和申请人证件号码）</li>
        <li><a href="/portal/results">办件结果公示</a></li>
        <li><a href="/portal/announcements">事项目录变更公告</a></li>
      </ul>
    </section>`;
  return layout({ title: p.site, site: p.site, main });
}

function themeLists(themes: Theme[]) {
  const group = (audience: Theme['audience'], label: string) =>
    html`<h3>${label}</h3>
      <ul>
        ${themes
          .filter((t) => t.audience === audience)
          .map((t) => html`<li><a href="/portal/items?theme=${t._id}">${t.name}</a></li>`)}
      </ul>`;
  return html`${group('person', '个人办事')}${group('business', '法人办事')}`;
}

/** 事项列表 with its navigation by department, theme and type (POR-2). */
export function itemsPage(p: {
  site: string;
  items: PublishedItem[];
  total: number;
  page: number;
  pageSize: number;
  filter: { department?: string; theme?: string; type?: string };
  departments: PortalUnit[];
  themes: Theme[];
  heading: string;
}): string {
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  const current = (on: boolean) => (on ? new Safe(' aria-current="page"') : '');
  const main = html`${searchForm()}
    <nav aria-label="按部门">
      <h2>部门</h2>
      <ul>
        <li>
          <a
            href="/portal/items"
            ${current(!p.filter.department && !p.filter.theme && !p.filter.type)}
            >全部事项</a
          >
        </li>
        ${p.departments.map(
          (d) =>
            html`<li>
              <a href="/portal/items?department=${d.id}" ${current(p.filter.department === d.id)}
                >${d.name}</a
              >
            </li>`,
        )}
      </ul>
    </nav>
    <nav aria-label="按主题">
      <h2>主题</h2>
      <ul>
        ${p.themes.map(
          (t) =>
            html`<li>
              <a href="/portal/items?theme=${t._id}" ${current(p.filter.theme === t._id)}
                >${t.name}</a
              >
            </li>`,
        )}
      </ul>
    </nav>
    <nav aria-label="按类型">
      <h2>事项类型</h2>
      <ul>
        ${Object.entries(ITEM_TYPES).map(
          ([code, label]) =>
            html`<li>
              <a href="/portal/items?type=${code}" ${current(p.filter.type === code)}>${label}</a>
            </li>`,
        )}
      </ul>
    </nav>
    <section aria-labelledby="list-title">
      <h2 id="list-title">${p.heading}（共 ${p.total} 项）</h2>
      ${
        p.items.length
          ? html`<table>
              <caption>
                事项列表
              </caption>
              <thead>
                <tr>
                  <th scope="col">事项编码</th>
                  <th scope="col">事项名称</th>
                  <th scope="col">实施部门</th>
                </tr>
              </thead>
              <tbody>
                ${p.items.map(
                  (i) =>
                    html`<tr>
                      <td><code>${i.code}</code></td>
                      <td><a href="/portal/items/${i.code}">${i.name}</a></td>
                      <td>${i.departmentName}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>这里暂时没有事项。</p>`
      }
      ${pager(p.page, pages, p.filter)}
    </section>`;
  return layout({ title: '办事指南', site: p.site, main });
}

/** The flowchart as an image: the compiled graph's steps from the start, top to bottom. */
export function flowchartSvg(process: CompiledProcess | undefined): Safe {
  if (!process) return html`<p>暂无流程图。</p>`;
  const nodes = new Map(process.nodes.map((n) => [n.id, n]));
  const flows = new Map(process.flows.map((f) => [f.id, f]));
  const seen = new Set<string>();
  const order: { name: string; kind: string }[] = [];
  const queue = [process.startNodeId];
  while (queue.length && order.length < 60) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = nodes.get(id);
    if (!node) continue;
    const label =
      node.kind === 'start'
        ? '申请'
        : node.kind === 'end'
          ? node.name || '办结'
          : node.kind === 'userTask' || node.kind === 'serviceTask'
            ? node.name
            : '';
    if (label && !(node.kind === 'end' && order.some((o) => o.kind === 'end'))) {
      order.push({ name: label, kind: node.kind });
    }
    for (const f of node.outgoing) {
      const target = flows.get(f)?.target;
      if (target) queue.push(target);
    }
  }
  const boxH = 40;
  const gap = 28;
  const width = 320;
  const height = order.length * (boxH + gap);
  const parts = order.map((o, i) => {
    const y = i * (boxH + gap);
    const round = o.kind === 'start' || o.kind === 'end' ? 20 : 4;
    const arrow =
      i < order.length - 1
        ? html`<line
            x1="160"
            y1="${y + boxH}"
            x2="160"
            y2="${y + boxH + gap - 4}"
            stroke="#333"
            stroke-width="2"
            marker-end="url(#arrow)"
          />`
        : '';
    return html`<g>
      <rect
        x="10"
        y="${y}"
        width="300"
        height="${boxH}"
        rx="${round}"
        fill="#fff"
        stroke="#333"
        stroke-width="1.5"
      />
      <text x="160" y="${y + 26}" text-anchor="middle" font-size="15" fill="#1f1f1f"
        >${o.name}</text
      >
      ${arrow}
    </g>`;
  });
  const described = order.map((o) => o.name).join(' → ');
  return html`<figure class="steps">
    <svg
      xmlns="http://www.w3.org/2000/svg"
      role="img"
      aria-labelledby="flow-title"
      width="${width}"
      height="${height}"
      viewBox="0 0 ${width} ${height}"
    >
      <title id="flow-title">办理流程：${described}</title>
      <defs>
        <marker id="arrow" markerWidth="8" markerHeight="8" refX="6" refY="4" orient="auto">
          <path d="M0,0 L8,4 L0,8 z" fill="#333" />
        </marker>
      </defs>
      ${parts}
    </svg>
    <figcaption>办理流程图（${order.length} 个环节）</figcaption>
  </figure>`;
}

const ORIGINAL_COPY = { original: '原件', copy: '复印件', both: '原件和复印件' } as const;
const MEDIUM = { paper: '纸质', electronic: '电子', both: '纸质和电子' } as const;

/** 办事指南: every field of the guide, from the approved version (or a draft in 门户预览). */
export function guideSection(c: ItemContent, code: string, process?: CompiledProcess): Safe {
  const field = (label: string, value: Safe | string | undefined) =>
    html`<dt>${label}</dt>
      <dd>${value === undefined || value === '' ? '无' : value}</dd>`;
  return html`<section aria-labelledby="guide">
    <h2 id="guide">办事指南</h2>
    <dl class="guide">
      ${field('事项编码', html`<code>${code}</code>`)} ${field('事项名称', c.name)}
      ${field('事项类型', ITEM_TYPES[c.type])} ${field('实施主体', c.subject.name)}
      ${
        exOfficio(c)
          ? field(
              '办理方式',
              `依职权（${c.procedure ? EX_OFFICIO_PROCEDURES[c.procedure] : '由执法部门立案办理'}）`,
            )
          : field('办件类型', HANDLING_KINDS[c.handlingKind])
      }
      ${field('受理（承办）机构', c.office?.name)}
      ${field(
        '设定依据',
        c.legalBasis.length
          ? html`<ol>
              ${c.legalBasis.map(
                (b) => html`<li><strong>${b.title}</strong> ${b.article}<br />${b.text}</li>`,
              )}
            </ol>`
          : undefined,
      )}
      ${exOfficio(c) ? '' : field('受理条件', c.acceptanceConditions)}
      ${c.penalty ? field('处罚种类', c.penalty.kinds.join('、') || undefined) : ''}
      ${c.penalty?.discretion.length ? field('自由裁量基准', discretionTable(c.penalty.discretion)) : ''}
      ${field(
        '申请材料',
        c.materials.length
          ? html`<table>
              <caption>
                申请材料
              </caption>
              <thead>
                <tr>
                  <th scope="col">材料名称</th>
                  <th scope="col">原件/复印件</th>
                  <th scope="col">份数</th>
                  <th scope="col">形式</th>
                  <th scope="col">必要</th>
                </tr>
              </thead>
              <tbody>
                ${c.materials.map(
                  (m) =>
                    html`<tr>
                      <td>${m.name}${m.format ? html`<br /><small>${m.format}</small>` : ''}</td>
                      <td>${ORIGINAL_COPY[m.originalOrCopy]}</td>
                      <td>${m.count}</td>
                      <td>${MEDIUM[m.medium]}</td>
                      <td>${m.required ? '是' : '否'}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : undefined,
      )}
      ${field(
        '收费',
        c.fee.charged
          ? html`收费。标准：${c.fee.standard ?? '见依据'}；依据：${c.fee.basis ?? '无'}`
          : '不收费',
      )}
      ${field(exOfficio(c) ? '法定办案期限' : '法定办结时限', limitText(c.legalLimit))}
      ${exOfficio(c) ? '' : field('承诺办结时限', limitText(c.promisedLimit))}
      ${field('办理地点', c.address)} ${field('咨询电话', c.phone)}
      ${field('监督投诉电话', c.supervisionPhone)}
    </dl>
    <h3>办理流程</h3>
    ${flowchartSvg(process)}
    <h3>常见问题</h3>
    ${
      c.faq.length
        ? html`<dl class="guide">
            ${c.faq.map(
              (f) =>
                html`<dt>问：${f.question}</dt>
                  <dd>答：${f.answer}</dd>`,
            )}
          </dl>`
        : html`<p>暂无常见问题。</p>`
    }
  </section>`;
}

/** 依职权 (RUN-17): opened by the department, never applied for. */
const exOfficio = (c: ItemContent) => initiationOf(c) === 'exOfficio';

/** 自由裁量基准 (CAT-2): published with the guide, so a party knows the range before a decision. */
function discretionTable(rows: DiscretionBenchmark[]): Safe {
  return html`<table>
    <caption>
      自由裁量基准
    </caption>
    <thead>
      <tr>
        <th scope="col">违法行为</th>
        <th scope="col">情节</th>
        <th scope="col">处罚</th>
        <th scope="col">罚款幅度</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (b) =>
          html`<tr>
            <td>${b.violation ?? '—'}</td>
            <td>${b.level ? `${DISCRETION_LEVELS[b.level]}：` : ''}${b.circumstance}</td>
            <td>${b.penalty}</td>
            <td>${b.fineRange ? `${b.fineRange.min}–${b.fineRange.max} 元` : '—'}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

const subNav = () =>
  html`<nav aria-label="本事项栏目">
    <ul>
      <li><a href="#guide">办事指南</a></li>
      <li><a href="#consult">网上咨询</a></li>
      <li><a href="#forms">表格下载</a></li>
      <li><a href="#apply">网上申请</a></li>
      <li><a href="#feedback">结果反馈</a></li>
    </ul>
  </nav>`;

/** 事项页面: the five sub-columns (POR-3, POR-4). */
export function itemPage(p: {
  site: string;
  code: string;
  content: ItemContent;
  process?: CompiledProcess;
  consultations: Consultation[];
  /** Where downloads come from: the public route, or the staff preview's. */
  fileUrl: (fileId: string) => string;
  preview?: boolean;
  asked?: boolean;
  results: { concluded: number; granted: number; denied: number };
}): string {
  const c = p.content;
  const forms = c.serviceForms;
  const main = html`${
      p.preview
        ? html`<p class="notice" role="note">门户预览：以下内容来自草稿，尚未发布。</p>`
        : ''
    }
    ${subNav()} ${guideSection(c, p.code, p.process)}
    <section aria-labelledby="consult">
      <h2 id="consult">网上咨询</h2>
      ${p.asked ? html`<p class="notice" role="status">您的咨询已提交，部门答复后将在此公开。</p>` : ''}
      ${
        p.consultations.length
          ? html`<dl class="guide">
              ${p.consultations.map(
                (q) =>
                  html`<dt>问（${shanghai(q.askedAt)}）：${q.question}</dt>
                    <dd>答：${q.answer}</dd>`,
              )}
            </dl>`
          : html`<p>暂无已答复的咨询。</p>`
      }
      ${
        p.preview
          ? ''
          : html`<form method="post" action="/portal/items/${p.code}/consultations">
              <label for="question">您的问题（不要填写身份证号、电话等个人信息）</label>
              <textarea
                id="question"
                name="question"
                rows="4"
                cols="40"
                maxlength="1000"
                required
              ></textarea>
              <p><button type="submit">提交咨询</button></p>
            </form>`
      }
    </section>
    <section aria-labelledby="forms">
      <h2 id="forms">表格下载</h2>
      ${
        forms.length
          ? html`<table>
              <caption>
                服务表格
              </caption>
              <thead>
                <tr>
                  <th scope="col">编号</th>
                  <th scope="col">表格名称与说明</th>
                  <th scope="col">下载</th>
                </tr>
              </thead>
              <tbody>
                ${forms.map(
                  (f, i) =>
                    html`<tr>
                      <td>${f.number ?? String(i + 1)}</td>
                      <td>
                        <strong>${f.name}</strong>
                        ${f.description ? html`<br />${f.description}` : ''}
                        ${f.instructions ? html`<br /><small>填写说明：${f.instructions}</small>` : ''}
                      </td>
                      <td>
                        ${f.fileId ? html`<a href="${p.fileUrl(f.fileId)}" download>下载「${f.name}」</a>` : '暂无文件'}
                        ${f.exampleFileId ? html`<br /><a href="${p.fileUrl(f.exampleFileId)}" download>下载样表</a>` : ''}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>本事项没有需要下载的表格。</p>`
      }
    </section>
    <section aria-labelledby="apply">
      <h2 id="apply">网上申请</h2>
      <p>
        ${
          exOfficio(c)
            ? EX_OFFICIO_NOTE
            : c.onlineUrl
              ? html`<a href="${c.onlineUrl}" rel="noopener">前往在线办理</a>`
              : html`<a href="/portal/apply/${p.code}">网上申请本事项</a>`
        }
      </p>
    </section>
    <section aria-labelledby="feedback">
      <h2 id="feedback">结果反馈</h2>
      <p>
        ${
          exOfficio(c)
            ? html`本事项已结案 ${p.results.concluded} 件。`
            : html`本事项已办结 ${p.results.concluded} 件，其中准予 ${p.results.granted} 件、不予
              ${p.results.denied} 件。`
        }
      </p>
      <p><a href="/portal/query">凭办件编号查询办理结果</a></p>
    </section>`;
  return layout({ title: c.name, site: p.site, main });
}

export const EX_OFFICIO_NOTE =
  '本事项为依职权事项，由执法部门依法立案办理，不受理申请。如需反映违法行为，请拨打监督投诉电话。';

/** 网上申请 of an ex officio item: there is nothing to apply for (RUN-17). */
export function notApplicablePage(p: { site: string; code: string; name: string }): string {
  const main = html`<p>「${p.name}」：${EX_OFFICIO_NOTE}</p>
    <p><a href="/portal/items/${p.code}">返回办事指南</a></p>`;
  return layout({ title: '网上申请', site: p.site, main });
}

export function applyPage(p: { site: string; code: string; name: string }): string {
  const main = html`<p>
    「${p.name}」的网上申请即将开通。现在可以先阅读
    <a href="/portal/items/${p.code}">办事指南</a>、下载表格，到窗口办理。
  </p>`;
  return layout({ title: '网上申请', site: p.site, main });
}

/** 结果查询 (POR-7): the form, and the answer when there is one. */
export function queryPage(p: {
  site: string;
  answer?:
    { kind: 'found'; view: CaseView } | { kind: 'none' } | { kind: 'locked'; minutes: number };
  unitName: (id: string) => string;
}): string {
  const a = p.answer;
  const answer = !a
    ? ''
    : a.kind === 'none'
      ? html`<p class="notice" role="status">
          未查到与所填办件编号和证件号码相符的办件。请核对后重试；同一办件编号连续查询错误 5
          次将暂停查询。
        </p>`
      : a.kind === 'locked'
        ? html`<p class="notice" role="status">
            该办件编号查询错误次数过多，已暂停查询，请 ${a.minutes} 分钟后再试。
          </p>`
        : caseAnswer(a.view, p.unitName);
  const main = html`${answer}
    <form method="post" action="/portal/query">
      <label for="caseNo">办件编号</label>
      <input id="caseNo" name="caseNo" required maxlength="64" autocomplete="off" />
      <label for="idNumber">申请人证件号码（身份证号或统一社会信用代码）</label>
      <input id="idNumber" name="idNumber" required maxlength="64" autocomplete="off" />
      <p><button type="submit">查询</button></p>
    </form>
    <p>无需登录。为保护个人信息，查询结果不显示申请人姓名和证件号码。</p>`;
  return layout({ title: '办件结果查询', site: p.site, main });
}

function caseAnswer(v: CaseView, unitName: (id: string) => string) {
  const concluded = v.status === 'concluded' && v.result;
  return html`<section aria-labelledby="found">
    <h2 id="found">查询结果</h2>
    <table>
      <caption>
        办件 ${v.caseNo}
      </caption>
      <tbody>
        <tr>
          <th scope="row">办件编号</th>
          <td>${v.caseNo}</td>
        </tr>
        <tr>
          <th scope="row">事项</th>
          <td>${v.itemName}</td>
        </tr>
        <tr>
          <th scope="row">${v.channel === 'exOfficio' ? '立案时间' : '受理时间'}</th>
          <td>${shanghai(v.acceptedAt) || '尚未受理'}</td>
        </tr>
        <tr>
          <th scope="row">办理时间</th>
          <td>
            ${v.endedAt ? `${shanghai(v.endedAt)} 办结` : v.deadlines.promised?.dueAt ? `承诺 ${shanghai(v.deadlines.promised.dueAt)} 前办结` : '办理中'}
          </td>
        </tr>
        <tr>
          <th scope="row">办理部门</th>
          <td>${v.handlingUnit.name || unitName(v.handlingDepartmentId)}</td>
        </tr>
        <tr>
          <th scope="row">状态</th>
          <td>${CASE_STATUS_LABELS[v.status]}</td>
        </tr>
        ${
          concluded
            ? html`<tr>
                <th scope="row">办理结果</th>
                <td>
                  ${
                    v.channel === 'exOfficio'
                      ? `行政处罚决定：${v.penalty ?? '结案'}`
                      : (FINAL_STATES[v.result as keyof typeof FINAL_STATES] ?? v.result)
                  }
                </td>
              </tr>`
            : ''
        }
      </tbody>
    </table>
  </section>`;
}

export interface PublicResult {
  caseNo: string;
  itemName: string;
  itemCode: string;
  applicant: string;
  result: string;
  at: string;
}

/** 结果公示 (POR-8): applicants masked before they reach this function. */
export function resultsPage(p: {
  site: string;
  rows: PublicResult[];
  total: number;
  page: number;
  pageSize: number;
}): string {
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  const main = html`<p>
      依法公示行政许可、具有一定社会影响的行政处罚决定及其他应当公开的事项的办结结果。申请人、当事人姓名已作脱敏处理。
    </p>
    ${
      p.rows.length
        ? html`<table>
            <caption>
              办结结果（共 ${p.total} 件，最新在前）
            </caption>
            <thead>
              <tr>
                <th scope="col">办件编号</th>
                <th scope="col">事项</th>
                <th scope="col">申请人（当事人）</th>
                <th scope="col">结果</th>
                <th scope="col">办结日期</th>
              </tr>
            </thead>
            <tbody>
              ${p.rows.map(
                (r) =>
                  html`<tr>
                    <td><code>${r.caseNo}</code></td>
                    <td><a href="/portal/items/${r.itemCode}">${r.itemName}</a></td>
                    <td>${r.applicant}</td>
                    <td>${r.result}</td>
                    <td>${r.at.slice(0, 10)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p>暂无公示的办结结果。</p>`
    }
    ${pager(p.page, pages, {})}`;
  return layout({ title: '办件结果公示', site: p.site, main });
}

export const CHANGE_LABELS = {
  new: '新增',
  change: '变更',
  cancel: '取消',
  delegate: '下放',
  split: '拆分',
} as const;

/** 目录变更公告 (POR-11). */
export function announcementsPage(p: {
  site: string;
  rows: Announcement[];
  total: number;
  page: number;
  pageSize: number;
}): string {
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  const main = html`${
    p.rows.length
      ? html`<table>
          <caption>
            事项目录变更（共 ${p.total} 条，最新在前）
          </caption>
          <thead>
            <tr>
              <th scope="col">日期</th>
              <th scope="col">变更</th>
              <th scope="col">事项</th>
              <th scope="col">部门</th>
            </tr>
          </thead>
          <tbody>
            ${p.rows.map(
              (r) =>
                html`<tr>
                  <td>${shanghai(r.at).slice(0, 10)}</td>
                  <td>${CHANGE_LABELS[r.kind]}</td>
                  <td>
                    ${r.itemCode && r.kind !== 'cancel' ? html`<a href="/portal/items/${r.itemCode}">${r.itemName}</a>` : r.itemName}
                    ${r.itemCode ? html`<br /><code>${r.itemCode}</code>` : ''}
                    ${r.reason ? html`<br /><small>${r.reason}</small>` : ''}
                  </td>
                  <td>${r.departmentName}</td>
                </tr>`,
            )}
          </tbody>
        </table>`
      : html`<p>暂无目录变更公告。</p>`
  }
  ${pager(p.page, pages, {})}`;
  return layout({ title: '事项目录变更公告', site: p.site, main });
}

export function notFoundPage(site: string, message: string): string {
  return layout({
    title: '未找到',
    site,
    main: html`<p>${message}</p>
      <p><a href="/portal/items">返回办事指南</a></p>`,
  });
}

export const typeLabel = (t: string) => ITEM_TYPES[t as ItemType];
