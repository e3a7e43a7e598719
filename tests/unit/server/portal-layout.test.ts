import { escapeHtml, html, layout } from '../../../server/portal/layout';
import { transparencyPage } from '../../../server/portal/transparency';

describe('portal pages (RUN-7 transparency page)', () => {
  test('every value is escaped unless html made it', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${['<', html`<br />`]}</p>`.text).toBe(
      '<p><b>&lt;i&gt;</b>&lt;<br /></p>',
    );
  });

  test('a page is zh-CN, has one h1 and no script, and escapes its title', () => {
    const page = layout({ title: '<script>alert(1)</script>', main: html`<p>正文</p>` });
    expect(page).toMatch(/^<!DOCTYPE html><html lang="zh-CN">/);
    expect(page).not.toContain('<script>');
    expect(page.match(/<h1>/g)).toHaveLength(1);
  });

  test('POR-1 the column’s own page is titled once, other pages with the column after them', () => {
    const site = '温州市龙湾区政务服务专栏';
    expect(layout({ title: site, site, main: html`<p></p>` })).toContain(`<title>${site}</title>`);
    expect(layout({ title: '办事指南', site, main: html`<p></p>` })).toContain(
      `<title>办事指南 - ${site}</title>`,
    );
  });

  test('the transparency page escapes what the database holds', () => {
    const page = transparencyPage({
      publicKey: '04ab',
      total: 1,
      page: 1,
      pageSize: 20,
      anchors: [
        {
          no: 1,
          at: '2026-09-07T01:00:00.000Z',
          leafCount: 2,
          root: '"><script>x</script>',
          prev: null,
          signature: 'ff',
          hash: '00',
          statement: '{}',
        },
      ],
    });
    expect(page).not.toContain('<script>');
    expect(page).toContain('&quot;&gt;&lt;script&gt;');
    expect(page).toContain('2026-09-07 09:00:00');
  });
});
