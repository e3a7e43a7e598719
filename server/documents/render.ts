import fs from 'node:fs';
import Docxtemplater from 'docxtemplater';
import InspectModule from 'docxtemplater/js/inspect-module.js';
import PDFDocument from 'pdfkit';
import PizZip from 'pizzip';

/**
 * Filling and drawing a document (RUN-10): docxtemplater fills the DOCX template, and the PDF is
 * drawn with pdfkit from the filled DOCX's paragraphs in the embedded Noto Serif SC, so it prints
 * the same everywhere and a county's own wording reaches the PDF. Pure work on bytes: it runs in
 * the sandbox's workers (server/sandbox/jobs.ts) with a time budget.
 */

/** Everything a template may say; the placeholders a county's template may use (docs/documents.md). */
export interface DocumentData {
  number: string;
  title: string;
  issuer: string;
  countyName: string;
  governmentName: string;
  courtName: string;
  caseNo: string;
  caseName?: string;
  applicationNo: string;
  applicantName: string;
  itemName: string;
  itemCode: string;
  appliedDate: string;
  acceptedDate: string;
  issuedDate: string;
  promisedDueDate: string;
  reason: string;
  decisionText: string;
  legalBasisText: string;
  windowName: string;
  verifyPlace: string;
  materials: { index: number; name: string }[];
  missing: { index: number; name: string; reason: string }[];
  served: { index: number; name: string; number: string }[];
  // Ex officio cases (RUN-17): the party (当事人 = applicant), 立案, the penalty, 听证, 查封扣押.
  // Optional: absent values print empty, as every missing value does.
  exOfficio?: boolean;
  partyIdLabel?: string;
  partyIdNumber?: string;
  partyAddress?: string;
  caseCause?: string;
  caseSource?: string;
  procedureName?: string;
  openedDate?: string;
  officers?: string;
  facts?: string;
  evidence?: string;
  violation?: string;
  circumstance?: string;
  penaltyKind?: string;
  penaltyText?: string;
  fineYuan?: string;
  fineCapitals?: string;
  mitigationText?: string;
  penaltyArticle?: string;
  penaltyReason?: string;
  paymentBank?: string;
  hearingTime?: string;
  hearingPlace?: string;
  hearingHost?: string;
  inquiryPlace?: string;
  inspectionPlace?: string;
  seizureMeasure?: string;
  seizureReason?: string;
  seizureBasis?: string;
  seizurePlace?: string;
  seizureDays?: string;
  seizureItems?: { index: number; name: string; quantity: string }[];
}

/** Names a template may hold, loops with their fields. */
export const PLACEHOLDERS: Record<string, readonly string[] | null> = {
  number: null,
  title: null,
  issuer: null,
  countyName: null,
  governmentName: null,
  courtName: null,
  caseNo: null,
  caseName: null,
  applicationNo: null,
  applicantName: null,
  itemName: null,
  itemCode: null,
  appliedDate: null,
  acceptedDate: null,
  issuedDate: null,
  promisedDueDate: null,
  reason: null,
  decisionText: null,
  legalBasisText: null,
  windowName: null,
  verifyPlace: null,
  materials: ['index', 'name'],
  missing: ['index', 'name', 'reason'],
  served: ['index', 'name', 'number'],
  exOfficio: null,
  partyIdLabel: null,
  partyIdNumber: null,
  partyAddress: null,
  caseCause: null,
  caseSource: null,
  procedureName: null,
  openedDate: null,
  officers: null,
  facts: null,
  evidence: null,
  violation: null,
  circumstance: null,
  penaltyKind: null,
  penaltyText: null,
  fineYuan: null,
  fineCapitals: null,
  mitigationText: null,
  penaltyArticle: null,
  penaltyReason: null,
  paymentBank: null,
  hearingTime: null,
  hearingPlace: null,
  hearingHost: null,
  inquiryPlace: null,
  inspectionPlace: null,
  seizureMeasure: null,
  seizureReason: null,
  seizureBasis: null,
  seizurePlace: null,
  seizureDays: null,
  seizureItems: ['index', 'name', 'quantity'],
};

const docxtemplater = (zip: PizZip, modules: unknown[] = []) =>
  new Docxtemplater(zip, {
    paragraphLoop: true,
    linebreaks: true,
    modules: modules as never[],
    nullGetter: () => '',
  });

/** The template filled with `data`, as DOCX bytes. */
export function fillDocx(template: Uint8Array, data: DocumentData): Buffer {
  const doc = docxtemplater(new PizZip(template));
  doc.render(data);
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * The problems of an uploaded template, in Chinese; none when docxtemplater parses it and it
 * uses only known placeholders.
 */
export function templateProblems(bytes: Uint8Array): string[] {
  let zip: PizZip;
  try {
    zip = new PizZip(bytes);
  } catch {
    return ['文件不是有效的 DOCX（无法解压）'];
  }
  if (!zip.file('word/document.xml')) return ['文件不是 Word 文档：缺少 word/document.xml'];
  const inspect = new InspectModule();
  try {
    docxtemplater(zip, [inspect]);
  } catch (err) {
    const e = err as { properties?: { errors?: { properties?: { explanation?: string } }[] } };
    const reasons = e.properties?.errors?.map((x) => x.properties?.explanation ?? '') ?? [];
    return [`模板占位符写法有误${reasons.length ? `：${reasons.slice(0, 5).join('；')}` : ''}`];
  }
  const problems: string[] = [];
  const tags = inspect.getAllTags();
  for (const [name, inner] of Object.entries(tags)) {
    if (!Object.hasOwn(PLACEHOLDERS, name)) {
      problems.push(`未知的占位符 {${name}}`);
      continue;
    }
    const fields = PLACEHOLDERS[name];
    const innerNames = Object.keys((inner ?? {}) as object);
    // Inside a section docxtemplater also finds the outer names ({#due}…{due}{/due}).
    for (const f of innerNames)
      if (!fields?.includes(f) && !Object.hasOwn(PLACEHOLDERS, f))
        problems.push(`{#${name}} 中未知的占位符 {${f}}`);
  }
  return problems;
}

interface Paragraph {
  text: string;
  align: 'left' | 'center' | 'right';
  bold: boolean;
  /** Points. */
  size: number;
}

const XML_ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
};
const unescapeXml = (s: string) =>
  s
    .replace(/&(amp|lt|gt|quot|apos);/g, (m) => XML_ENTITIES[m]!)
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)));

/** The paragraphs of a DOCX with their alignment, weight and size: what the PDF draws. */
export function paragraphsOf(docx: Uint8Array): Paragraph[] {
  const xml = new PizZip(docx).file('word/document.xml')?.asText() ?? '';
  const out: Paragraph[] = [];
  for (const [, p] of xml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)) {
    const text = [...p!.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>|<w:(tab|br)\b[^>]*\/>/g)]
      .map((m) => (m[1] !== undefined ? unescapeXml(m[1]) : m[2] === 'tab' ? '    ' : '\n'))
      .join('');
    const jc = /<w:jc w:val="(\w+)"/.exec(p!)?.[1];
    const sz = Number(/<w:sz w:val="(\d+)"/.exec(p!)?.[1] ?? 28);
    out.push({
      text,
      align: jc === 'center' ? 'center' : jc === 'right' || jc === 'end' ? 'right' : 'left',
      bold: /<w:b\/>|<w:b w:val="(1|true)"\/>/.test(p!),
      size: Math.min(Math.max(sz / 2, 8), 36),
    });
  }
  return out;
}

const REGULAR =
  require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');
const BOLD = require.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf');
let fonts: { regular: Buffer; bold: Buffer } | undefined;
/** 15 MB each: read once per thread. */
const fontBuffers = () =>
  (fonts ??= { regular: fs.readFileSync(REGULAR), bold: fs.readFileSync(BOLD) });

/** The seal stamped on a signed document: the holder's name around a star, in red. */
export interface SealMark {
  holder: string;
  /** 电子印章 serial, printed small under the star. */
  code: string;
}

/** The PDF of a filled DOCX: A4, the template's paragraphs, the seal over the issuing lines. */
export function renderPdf(
  docx: Uint8Array,
  meta: { title: string; subject?: string; seal?: SealMark },
): Promise<Buffer> {
  const { regular, bold } = fontBuffers();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 72, bottom: 72, left: 80, right: 80 },
    info: {
      Title: meta.title,
      ...(meta.subject ? { Subject: meta.subject } : {}),
      Producer: 'county-service-platform',
      Creator: 'county-service-platform',
    },
  });
  doc.registerFont('body', regular);
  doc.registerFont('title', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 160;
  let sealAt: { x: number; y: number } | undefined;
  for (const p of paragraphsOf(docx)) {
    doc.font(p.bold ? 'title' : 'body').fontSize(p.size);
    if (p.align === 'right' && !sealAt) sealAt = { x: doc.page.width - 80 - 70, y: doc.y + p.size };
    doc.text(p.text || ' ', 80, doc.y, { width, align: p.align, lineGap: p.size * 0.5 });
  }
  if (meta.seal && sealAt) drawSeal(doc, sealAt.x, sealAt.y, meta.seal);
  doc.end();
  return done;
}

/** A round red seal (公章 style): ring, the holder's name along the top arc, a star, the code. */
function drawSeal(doc: PDFKit.PDFDocument, cx: number, cy: number, seal: SealMark): void {
  const r = 58;
  const red = '#d40000';
  doc.save();
  doc.opacity(0.85).lineWidth(3).strokeColor(red).circle(cx, cy, r).stroke();
  // Five-pointed star.
  const star: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 ? 7 : 18;
    star.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a)]);
  }
  doc.polygon(...star).fill(red);
  const chars = [...seal.holder];
  const span = Math.min(Math.PI * 1.35, chars.length * 0.32);
  const size = chars.length > 14 ? 9 : 11;
  doc.font('title').fontSize(size).fillColor(red);
  chars.forEach((ch, i) => {
    const a = -Math.PI / 2 - span / 2 + (span * (i + 0.5)) / chars.length;
    const x = cx + (r - 14) * Math.cos(a);
    const y = cy + (r - 14) * Math.sin(a);
    doc.save();
    doc.rotate((a * 180) / Math.PI + 90, { origin: [x, y] });
    doc.text(ch, x - size / 2, y - size / 2, { lineBreak: false });
    doc.restore();
  });
  doc
    .font('body')
    .fontSize(6)
    .text(seal.code, cx - 40, cy + 26, { width: 80, align: 'center', lineBreak: false });
  doc.restore();
}
