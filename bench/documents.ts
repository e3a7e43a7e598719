/**
 * Documents made per second (RUN-10): the 受理通知书 and the sealed 准予行政许可决定书 filled from
 * their DOCX templates by docxtemplater and drawn as PDF by pdfkit with the embedded Noto Serif
 * SC, in one thread and through the sandbox's worker pool (as the server makes them). Prints the
 * DOCX and PDF rates separately.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fillDocx, renderPdf, type DocumentData } from '../server/documents/render';
import { Sandbox } from '../server/sandbox/pool';

const N = Number(process.env.BENCH_DOCUMENTS ?? 40);

const data = (i: number): DocumentData => ({
  number: `龙安全受〔2026〕${i}号`,
  title: '受理通知书',
  issuer: '龙湾区安全生产监督管理局',
  countyName: '龙湾区',
  governmentName: '温州市龙湾区人民政府',
  courtName: '温州市龙湾区人民法院',
  caseNo: `33030300AJ-20261204-${String(i).padStart(6, '0')}`,
  applicationNo: '',
  applicantName: '瓯江化工有限公司',
  itemName: '危险化学品经营许可证核发',
  itemCode: '33030300AJ-XK-0001',
  appliedDate: '2026年12月4日',
  acceptedDate: '2026年12月4日',
  issuedDate: '2026年12月4日',
  promisedDueDate: '2026年12月18日',
  reason: '',
  decisionText: '准予核发危险化学品经营许可证',
  legalBasisText: '《危险化学品安全管理条例》第三十三条',
  windowName: '龙湾区行政审批服务中心',
  verifyPlace: '政务服务专栏“文书核验”页面（/portal/verify）',
  materials: ['申请书', '安全评价报告', '营业执照', '经营场所证明'].map((name, k) => ({
    index: k + 1,
    name,
  })),
  missing: [],
  served: [],
});

async function main() {
  const dir = path.join(__dirname, '..', 'templates', 'documents');
  const templates = ['acceptance-notice', 'grant-decision'].map((k) =>
    fs.readFileSync(path.join(dir, `${k}.docx`)),
  );
  const seal = { holder: '龙湾区安全生产监督管理局', code: 'A1B2C3D4E5F6' };
  await renderPdf(fillDocx(templates[0]!, data(0)), { title: 'warm-up' });

  let t0 = performance.now();
  const docxs: Buffer[] = [];
  for (let i = 0; i < N; i++) docxs.push(fillDocx(templates[i % 2]!, data(i)));
  const docxMs = performance.now() - t0;
  t0 = performance.now();
  let bytes = 0;
  for (let i = 0; i < N; i++)
    bytes += (await renderPdf(docxs[i]!, { title: 'bench', ...(i % 2 ? { seal } : {}) })).length;
  const pdfMs = performance.now() - t0;
  console.log(
    `DOCX (docxtemplater): ${N} in ${docxMs.toFixed(0)} ms — ${((N * 1000) / docxMs).toFixed(1)} /s`,
  );
  console.log(
    `PDF (pdfkit, Noto Serif SC subset): ${N} in ${pdfMs.toFixed(0)} ms — ${((N * 1000) / pdfMs).toFixed(1)} /s, ${(bytes / N / 1024).toFixed(0)} KB each`,
  );

  const sandbox = new Sandbox({ threads: 1, queue: N });
  await sandbox.run(
    'renderDocument',
    { template: templates[0]!, data: data(0), documentId: '0'.repeat(24) },
    60_000,
  );
  t0 = performance.now();
  await Promise.all(
    Array.from({ length: N }, (_, i) =>
      sandbox.run(
        'renderDocument',
        {
          template: templates[i % 2]!,
          data: data(i),
          documentId: '0'.repeat(24),
          ...(i % 2 ? { seal } : {}),
        },
        60_000,
      ),
    ),
  );
  const poolMs = performance.now() - t0;
  console.log(
    `DOCX + PDF through the worker pool (1 thread): ${N} in ${poolMs.toFixed(0)} ms — ${((N * 1000) / poolMs).toFixed(1)} documents/s`,
  );
  await sandbox.close();
}

void main();
