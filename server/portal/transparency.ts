import type { publicAnchor } from '../trail-anchors/routes';
import { html, layout } from './layout';

type PublicAnchor = ReturnType<typeof publicAnchor>;

const shanghai = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/** 公开透明: the public key and the signed roots, newest first (RUN-7, docs/transparency.md). */
export function transparencyPage(p: {
  publicKey: string;
  total: number;
  page: number;
  pageSize: number;
  anchors: PublicAnchor[];
}): string {
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  const rows = p.anchors.map(
    (a) =>
      html`<tr>
        <th scope="row">${a.no}</th>
        <td><time datetime="${a.at}">${shanghai(a.at)}</time></td>
        <td>${a.leafCount}</td>
        <td><code>${a.root}</code></td>
        <td><code>${a.signature}</code></td>
        <td><code>${a.prev ?? '（无，第一号）'}</code></td>
      </tr>`,
  );
  const main = html`<p>
      每件办件的操作痕迹都以 SM3
      摘要链相连。平台每隔几分钟把末端有变化的办件的摘要汇成一棵默克尔树， 用本县的 SM2
      私钥对树根签名后公布在这里；每次锚定还记下上一次锚定的摘要，删去任何一次都会被发现。
      核验方法见 <code>docs/transparency.md</code>；某件办件的包含证明可由
      <code>/api/transparency/proof?caseNo=办件编号</code> 取得，其中不含个人信息。
    </p>
    <section aria-labelledby="key-title">
      <h2 id="key-title">验签公钥（SM2，未压缩，十六进制）</h2>
      <p><code id="public-key">${p.publicKey}</code></p>
    </section>
    <section aria-labelledby="anchors-title">
      <h2 id="anchors-title">已签名的根（共 ${p.total} 个，第 ${p.page} / ${pages} 页）</h2>
      ${
        p.anchors.length
          ? html`<table>
              <caption>
                锚定记录，最新在前
              </caption>
              <thead>
                <tr>
                  <th scope="col">序号</th>
                  <th scope="col">时间（北京时间）</th>
                  <th scope="col">叶子数</th>
                  <th scope="col">默克尔根（SM3）</th>
                  <th scope="col">签名（SM2，r‖s）</th>
                  <th scope="col">上一锚定的摘要</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`
          : html`<p>尚无锚定记录。</p>`
      }
      <nav aria-label="分页">
        ${p.page > 1 ? html`<a href="?page=${p.page - 1}" rel="prev">上一页</a>` : ''}
        ${p.page < pages ? html`<a href="?page=${p.page + 1}" rel="next">下一页</a>` : ''}
      </nav>
    </section>`;
  return layout({ title: '公开透明：操作痕迹锚定', main });
}
