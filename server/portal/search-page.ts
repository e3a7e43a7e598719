import type { SearchAnswer, SearchHit } from '../search/search-index';
import { BODY_FIELDS } from '../search/search-index';
import type { Synonym } from '../search/synonyms';
import { escapeHtml, html, layout, Safe } from './layout';

export const QUERY_MAX = 50;
const SNIPPET_BEFORE = 20;
const SNIPPET_LENGTH = 90;

/**
 * `text` escaped, with every occurrence of `words` in <mark>. Overlapping and adjacent matches
 * merge into one mark; the text between them is escaped like any other value.
 */
export function highlight(text: string, words: readonly string[]): Safe {
  const lower = text.toLowerCase();
  const marked = new Array<boolean>(text.length).fill(false);
  for (const word of words) {
    const w = word.toLowerCase();
    if (!w) continue;
    for (let at = lower.indexOf(w); at >= 0; at = lower.indexOf(w, at + 1)) {
      marked.fill(true, at, at + w.length);
    }
  }
  let out = '';
  let i = 0;
  while (i < text.length) {
    let j = i;
    while (j < text.length && marked[j] === marked[i]) j++;
    const part = escapeHtml(text.slice(i, j));
    out += marked[i] ? `<mark>${part}</mark>` : part;
    i = j;
  }
  return new Safe(out);
}

const FIELD_LABELS: Record<(typeof BODY_FIELDS)[number], string> = {
  conditions: '受理条件',
  materials: '申请材料',
  faq: '常见问题',
  content: '设定依据等',
};

/** The first part of the guide's text where a matched word occurs, with its field's label. */
function snippet(hit: SearchHit): { label: string; text: string } | undefined {
  const words = hit.words.filter((w) => w.length > 1 || /\p{Script=Han}/u.test(w));
  for (const field of BODY_FIELDS) {
    const text = hit.item[field].replace(/\s+/g, ' ');
    const lower = text.toLowerCase();
    const at = Math.min(
      ...words.map((w) => lower.indexOf(w.toLowerCase())).filter((n) => n >= 0),
      Infinity,
    );
    if (at === Infinity) continue;
    const start = Math.max(0, at - SNIPPET_BEFORE);
    const cut = text.slice(start, start + SNIPPET_LENGTH);
    return {
      label: FIELD_LABELS[field],
      text: `${start > 0 ? '…' : ''}${cut}${start + SNIPPET_LENGTH < text.length ? '…' : ''}`,
    };
  }
  return undefined;
}

const itemHref = (code: string) => `/portal/items/${encodeURIComponent(code)}`;

export interface SearchHelp {
  /** Items most applied for, for the page that found nothing. */
  popular: { code: string; name: string }[];
  departments: { id: string; name: string }[];
  /** A few of the county's synonyms, as examples of what may be typed. */
  synonyms: Synonym[];
  phone?: string;
}

function searchForm(q: string) {
  return html`<form action="/portal/search" method="get" role="search">
    <label for="q">搜索事项</label>
    <input
      id="q"
      name="q"
      type="search"
      value="${q}"
      maxlength="${QUERY_MAX}"
      placeholder="事项名称、编码、拼音或常用说法，如：开店、yyzz"
    />
    <button type="submit">搜索</button>
  </form>`;
}

function resultList(answer: SearchAnswer) {
  return html`<ol class="results" start="${(answer.page - 1) * answer.pageSize + 1}">
    ${answer.hits.map((hit) => {
      const s = snippet(hit);
      return html`<li>
        <h2><a href="${itemHref(hit.item.code)}">${highlight(hit.item.name, hit.words)}</a></h2>
        <p>
          <span>事项编码：<code>${highlight(hit.item.code, hit.words)}</code></span>
          <span> · ${hit.item.typeLabel} · ${hit.item.subjectName}</span>
        </p>
        ${s ? html`<p>${s.label}：${highlight(s.text, hit.words)}</p>` : ''}
      </li>`;
    })}
  </ol>`;
}

function pager(q: string, answer: SearchAnswer) {
  const pages = Math.max(1, Math.ceil(answer.total / answer.pageSize));
  const href = (p: number) => `/portal/search?q=${encodeURIComponent(q)}&page=${p}`;
  return html`<nav aria-label="分页">
    ${answer.page > 1 ? html`<a href="${href(answer.page - 1)}" rel="prev">上一页</a>` : ''}
    <span>第 ${answer.page} / ${pages} 页</span>
    ${answer.page < pages ? html`<a href="${href(answer.page + 1)}" rel="next">下一页</a>` : ''}
  </nav>`;
}

function nothingFound(q: string, help: SearchHelp) {
  const examples = help.synonyms.slice(0, 12);
  return html`<section aria-labelledby="none-title">
    <h2 id="none-title">没有找到与“${q}”相关的事项</h2>
    <ul>
      <li>换一个说法或少输几个字试试，例如只输入“营业执照”中的“营业”。</li>
      <li>可以输入事项编码，或名称的拼音、拼音首字母（如 yyzz）。</li>
      ${
        examples.length
          ? html`<li>
              常用说法也能搜到：${examples.map(
                (s, i) =>
                  html`${i ? '、' : ''}<a href="/portal/search?q=${encodeURIComponent(s.term)}"
                      >${s.term}</a
                    >`,
              )}
            </li>`
          : ''
      }
    </ul>
    ${
      help.popular.length
        ? html`<h2>热门事项</h2>
            <ul>
              ${help.popular.map((p) => html`<li><a href="${itemHref(p.code)}">${p.name}</a></li>`)}
            </ul>`
        : ''
    }
    <h2>按主题或部门浏览</h2>
    <ul>
      <li><a href="/portal/items">全部事项（按部门、主题、类型浏览）</a></li>
      ${help.departments.map(
        (d) =>
          html`<li>
            <a href="/portal/items?department=${encodeURIComponent(d.id)}">${d.name}</a>
          </li>`,
      )}
    </ul>
    <h2>咨询</h2>
    <p>
      仍找不到要办的事？可在事项页面的“网上咨询”栏目留言${
        help.phone
          ? html`，或拨打政务服务咨询电话 <a href="tel:${help.phone}">${help.phone}</a>`
          : ''
      }。
    </p>
  </section>`;
}

/** /portal/search (POR-9): the form, the ranked results with matched words marked, or help. */
export function searchPage(p: { q: string; answer?: SearchAnswer; help?: SearchHelp }): string {
  const { q, answer } = p;
  const used = answer?.synonyms ?? [];
  const main = html`${searchForm(q)}
  ${
    used.length
      ? html`<p>
          已按常用说法一并搜索：${used.map(
            (s, i) => html`${i ? '；' : ''}${s.term} → ${s.expansions.join('、')}`,
          )}
        </p>`
      : ''
  }
  ${
    !answer
      ? html`<p>请输入要办理的事项，可用名称中的几个字、事项编码、拼音或常用说法。</p>`
      : answer.total
        ? html`<p role="status">找到 ${answer.total} 个事项</p>
            ${resultList(answer)} ${pager(q, answer)}`
        : nothingFound(q, p.help ?? { popular: [], departments: [], synonyms: [] })
  }`;
  return layout({ title: q ? `搜索：${q}` : '搜索事项', main });
}
