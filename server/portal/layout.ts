/**
 * The public portal's pages (政务服务专栏), rendered on the server as plain HTML: no JavaScript
 * needed, every value escaped. `html` is a tagged template whose values are escaped unless they
 * are Safe (made by `html` itself), so a page cannot forget to escape.
 */

export class Safe {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

type Part = Safe | string | number | null | undefined | readonly Part[];

const render = (part: Part): string =>
  part instanceof Safe
    ? part.text
    : Array.isArray(part)
      ? (part as readonly Part[]).map(render).join('')
      : escapeHtml(part);

export function html(strings: TemplateStringsArray, ...values: Part[]): Safe {
  let out = strings[0]!;
  values.forEach((v, i) => (out += render(v) + strings[i + 1]!));
  return new Safe(out);
}

const STYLE = `body{font-family:"Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;margin:0;color:#1f1f1f;line-height:1.6}
header,main,footer{max-width:72rem;margin:0 auto;padding:1rem}
header{border-bottom:3px solid #c00}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
code{word-break:break-all;font-size:.85rem}
nav[aria-label="分页"] a{margin-right:1rem}
a{color:#0645ad}a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible,select:focus-visible{outline:3px solid #f90;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.3rem}
.site{font-size:1.25rem;font-weight:bold;margin:0}.site a{color:#900;text-decoration:none}
nav ul{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}
input,textarea,select,button{font:inherit;max-width:100%}
input,textarea{border:1px solid #767676;padding:.3rem;box-sizing:border-box}textarea{width:100%}
ol,ul{padding-left:1.2rem}
button{background:#a00;color:#fff;border:0;padding:.35rem 1rem;cursor:pointer}
label{display:block;margin:.5rem 0 .2rem}label.inline{margin:0;align-self:center}
dl.guide dt{font-weight:bold;margin-top:.6rem}dl.guide dd{margin:0 0 0 1rem;white-space:pre-line}
.steps svg{max-width:100%;height:auto}
.notice{border-left:4px solid #a00;padding:.3rem .8rem;background:#fff5f5}
@media (max-width:40rem){header,main,footer{padding:.6rem}th,td{padding:.2rem .3rem}table{font-size:.85rem}}`;

/** The search box of the portal's own pages; the search page (POR-9) has its own form. */
export const searchForm = () =>
  html`<form class="search" action="/portal/search" method="get" role="search">
    <label for="site-q" class="inline">搜索事项</label>
    <input id="site-q" name="q" type="search" placeholder="如：开店、办证、营业执照" />
    <button type="submit">搜索</button>
  </form>`;

/** A whole page: lang zh-CN, one h1, landmarks, a skip link. */
export function layout(page: { title: string; main: Safe; site?: string }): string {
  const site = page.site ?? '政务服务专栏';
  return `<!DOCTYPE html>${
    html`<html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="data:," />
        <title>${page.title === site ? site : `${page.title} - ${site}`}</title>
        <style>
          ${new Safe(STYLE)}
        </style>
      </head>
      <body>
        <a class="skip" href="#main">跳到正文</a>
        <header>
          <p class="site"><a href="/portal">${site}</a></p>
          <nav aria-label="栏目">
            <ul>
              <li><a href="/portal">首页</a></li>
              <li><a href="/portal/items">办事指南</a></li>
              <li><a href="/portal/query">结果查询</a></li>
              <li><a href="/portal/results">结果公示</a></li>
              <li><a href="/portal/announcements">目录公告</a></li>
            </ul>
          </nav>
        </header>
        <main id="main">
          <h1>${page.title}</h1>
          ${page.main}
        </main>
        <footer><p>本页面无需脚本即可浏览。</p></footer>
      </body>
    </html>`.text
  }`;
}
