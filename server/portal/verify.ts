import { perMinuteLimit } from '../http/rate-limit';
import { z } from 'zod';
import type { DocumentDoc, DocumentService } from '../documents/service';
import { readUpload } from '../files/multipart';
import type { Api } from '../http/api';
import { AppError } from '../http/errors';
import { html, layout, type Safe } from './layout';

/** Requests per client address per minute on the verification page. */
export const VERIFY_RATE_LIMIT_PER_MINUTE = 30;
/** Largest PDF one may upload to check. */
export const VERIFY_MAX_BYTES = 10 * 1024 * 1024;

const shanghaiDay = (d: Date) => {
  const t = new Date(d.getTime() + 8 * 3_600_000);
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日`;
};

/** 张三 → 张*；欧阳小明 → 欧**明. */
export const maskName = (name: string) => {
  const c = [...name];
  if (c.length <= 1) return '*';
  if (c.length === 2) return `${c[0]}*`;
  return `${c[0]}${'*'.repeat(c.length - 2)}${c.at(-1)}`;
};

type Verdict =
  | { state: 'valid'; doc: DocumentDoc }
  | { state: 'altered'; doc: DocumentDoc }
  | { state: 'unknown' };

const LABEL = { valid: '有效', altered: '已被改动', unknown: '未知' } as const;

function answer(v: Verdict | null): Safe | string {
  if (!v) return '';
  if (v.state === 'unknown')
    return html`<section aria-labelledby="result" data-result="unknown">
      <h2 id="result">核验结果：${LABEL.unknown}</h2>
      <p>本平台没有这份文书的记录。请核对编号，或向出具文书的部门咨询。</p>
    </section>`;
  const d = v.doc;
  return html`<section aria-labelledby="result" data-result="${v.state}">
    <h2 id="result">核验结果：${LABEL[v.state]}</h2>
    ${
      v.state === 'altered'
        ? html`<p>
            <strong
              >该文件与平台登记的文书不一致：文件内容在出具后被改动，或签名无法验证。请以出具部门的原件为准。</strong
            >
          </p>`
        : html`<p>该文书由本平台出具，登记的摘要${d.seal ? '与电子印章签名' : ''}核验一致。</p>`
    }
    <table>
      <tbody>
        <tr>
          <th scope="row">文书编号</th>
          <td>${d.number}</td>
        </tr>
        <tr>
          <th scope="row">文书种类</th>
          <td>${d.name}</td>
        </tr>
        <tr>
          <th scope="row">出具日期</th>
          <td>${shanghaiDay(d.issuedAt)}</td>
        </tr>
        <tr>
          <th scope="row">申请人</th>
          <td>${maskName(d.applicantName)}</td>
        </tr>
        <tr>
          <th scope="row">印章持有者</th>
          <td>${d.seal?.holder ?? '（未加盖电子印章）'}</td>
        </tr>
        <tr>
          <th scope="row">文件摘要（SM3）</th>
          <td><code>${d.sm3}</code></td>
        </tr>
      </tbody>
    </table>
  </section>`;
}

function page(verdict: Verdict | null, number = ''): string {
  const main = html`<p>
      按文书编号，或上传文书的 PDF 文件，核验本平台出具的受理通知书、决定书等是否真实、是否被改动。
    </p>
    ${answer(verdict)}
    <section aria-labelledby="by-number">
      <h2 id="by-number">按编号核验</h2>
      <form method="get" action="/portal/verify">
        <label for="number">文书编号</label>
        <input id="number" name="number" value="${number}" maxlength="64" required />
        <button type="submit">核验</button>
      </form>
    </section>
    <section aria-labelledby="by-file">
      <h2 id="by-file">上传 PDF 核验</h2>
      <form method="post" action="/portal/verify" enctype="multipart/form-data">
        <label for="file">PDF 文件（不超过 10 MB）</label>
        <input id="file" name="file" type="file" accept="application/pdf" required />
        <button type="submit">上传并核验</button>
      </form>
    </section>`;
  return layout({ title: '文书核验', main });
}

/** 文书核验 (RUN-14): public, server-rendered, no script needed, rate-limited. */
export function verifyRoutes(api: Api, documents: DocumentService): void {
  api.router.use('/portal/verify', perMinuteLimit(VERIFY_RATE_LIMIT_PER_MINUTE));

  api.route({
    method: 'get',
    path: '/portal/verify',
    access: 'public',
    summary: '文书核验页面：按文书编号核验（HTML）',
    tags: ['文书'],
    query: z.strictObject({ number: z.string().trim().max(64).optional() }),
    response: { description: 'HTML 页面' },
    async handler({ query, res }) {
      let verdict: Verdict | null = null;
      if (query.number) {
        const doc = await documents.byNumber(query.number);
        verdict = !doc
          ? { state: 'unknown' }
          : (await documents.signatureValid(doc))
            ? { state: 'valid', doc }
            : { state: 'altered', doc };
      }
      res
        .status(200)
        .type('html')
        .send(page(verdict, query.number ?? ''));
    },
  });

  api.route({
    method: 'post',
    path: '/portal/verify',
    access: 'public',
    summary: '文书核验页面：上传 PDF 核验（multipart，file；HTML）',
    tags: ['文书'],
    response: { description: 'HTML 页面' },
    async handler({ req, res }) {
      const upload = await readUpload(req);
      const chunks: Buffer[] = [];
      let length = 0;
      for await (const c of upload.file.stream) {
        length += (c as Buffer).length;
        if (length > VERIFY_MAX_BYTES) {
          upload.file.stream.resume();
          throw new AppError(413, 'file_too_large', '文件超过 10 MB', { limit: VERIFY_MAX_BYTES });
        }
        chunks.push(c as Buffer);
      }
      const found = await documents.byFile(Buffer.concat(chunks));
      const verdict: Verdict = !found
        ? { state: 'unknown' }
        : { state: found.intact ? 'valid' : 'altered', doc: found.doc };
      res.status(200).type('html').send(page(verdict));
    },
  });
}
