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
nav[aria-label="分页"] a{margin-right:1rem}`;

/** A whole page: lang zh-CN, one h1, landmarks, a skip link. */
export function layout(page: { title: string; main: Safe }): string {
  return `<!DOCTYPE html>${
    html`<html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${page.title} - 政务服务专栏</title>
        <style>
          ${new Safe(STYLE)}
        </style>
      </head>
      <body>
        <a href="#main">跳到正文</a>
        <header><p>政务服务专栏</p></header>
        <main id="main">
          <h1>${page.title}</h1>
          ${page.main}
        </main>
        <footer><p>本页面无需脚本即可浏览。</p></footer>
      </body>
    </html>`.text
  }`;
}
