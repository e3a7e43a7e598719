/**
 * Writes the default notices and decisions (RUN-10) as DOCX files beside this script:
 * `npx tsx templates/documents/build.ts`. Each is a minimal WordprocessingML package whose
 * {placeholders} docxtemplater fills from the case, item and county (docs/documents.md lists
 * them). Counties may restyle a copy in Word and upload it, as long as the {tags} stay; the PDF is
 * drawn from the filled DOCX's paragraphs, so a county's wording reaches the PDF too.
 */
import fs from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const font = '<w:rFonts w:ascii="SimSun" w:hAnsi="SimSun" w:eastAsia="SimSun"/>';

interface Style {
  bold?: boolean;
  /** Half-points, as Word counts. */
  size?: number;
  align?: 'center' | 'right';
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const para = (text: string, o: Style = {}) =>
  `<w:p>${o.align ? `<w:pPr><w:jc w:val="${o.align}"/></w:pPr>` : ''}<w:r><w:rPr>${font}${
    o.bold ? '<w:b/>' : ''
  }<w:sz w:val="${o.size ?? 28}"/></w:rPr><w:t xml:space="preserve">${escape(text)}</w:t></w:r></w:p>`;

/** A paragraph repeated per entry of `list` (docxtemplater's paragraphLoop). */
const loop = (list: string, text: string) => [para(`{#${list}}`), para(text), para(`{/${list}}`)];

const head = (title: string) => [
  para('{issuer}', { bold: true, size: 32, align: 'center' }),
  para(title, { bold: true, size: 44, align: 'center' }),
  para('{number}', { align: 'center' }),
  para(''),
];

const foot = [
  para(''),
  para('{issuer}', { align: 'right' }),
  para('{issuedDate}', { align: 'right' }),
  para(''),
  para('本文书编号可在{verifyPlace}核验真伪。', { size: 20 }),
];

const rights =
  '如不服本决定，可以自收到本文书之日起六十日内向{governmentName}申请行政复议，也可以自收到本文书之日起六个月内直接向{courtName}提起行政诉讼。';

const applied = '你（单位）于{appliedDate}提出的「{itemName}」（事项编码 {itemCode}）申请';

const DOCUMENTS: Record<string, string[]> = {
  'acceptance-notice': [
    ...head('受理通知书'),
    para('{applicantName}：'),
    para(
      `    ${applied}，经审查，申请材料齐全、符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第（五）项的规定，决定予以受理。`,
    ),
    para(
      '    办件编号：{caseNo}。{#promisedDueDate}本机关承诺于{promisedDueDate}前作出决定。{/promisedDueDate}',
    ),
    para('    已收取的申请材料：'),
    ...loop('materials', '    {index}. {name}'),
    para('    可凭办件编号查询办理进度。'),
    ...foot,
  ],
  'refusal-notice': [
    ...head('不予受理通知书'),
    para('{applicantName}：'),
    para(
      `    ${applied}，经审查，{reason}。根据《中华人民共和国行政许可法》第三十二条第一款的规定，决定不予受理。`,
    ),
    para(`    ${rights}`),
    ...foot,
  ],
  'correction-notice': [
    ...head('补正材料通知书'),
    para('{applicantName}：'),
    para(
      `    ${applied}，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，现一次性告知你（单位）需要补正的全部内容：`,
    ),
    ...loop('missing', '    {index}. {name}：{reason}'),
    para('    请按上述要求一并补正；补正期间不计入办理时限。逾期不补正的，视为撤回申请。'),
    ...foot,
  ],
  'grant-decision': [
    ...head('准予行政许可决定书'),
    para('{applicantName}：'),
    para(
      `    ${applied}，本机关于{acceptedDate}受理（办件编号 {caseNo}）。经审查，申请符合法定条件、标准，根据{legalBasisText}和《中华人民共和国行政许可法》第三十八条第一款的规定，决定准予行政许可。`,
    ),
    para('{#decisionText}    {decisionText}{/decisionText}'),
    ...foot,
  ],
  'denial-decision': [
    ...head('不予行政许可决定书'),
    para('{applicantName}：'),
    para(
      `    ${applied}，本机关于{acceptedDate}受理（办件编号 {caseNo}）。经审查，{reason}。根据《中华人民共和国行政许可法》第三十八条第二款的规定，决定不予行政许可。`,
    ),
    para(`    ${rights}`),
    ...foot,
  ],
  'service-receipt': [
    ...head('送达回证'),
    para('受送达人：{applicantName}'),
    para('事项：{itemName}（办件编号 {caseNo}）'),
    para('送达文书：'),
    ...loop('served', '    {index}. 《{name}》{number}'),
    para('送达地点：{windowName}'),
    para('送达方式：直接送达'),
    para('送达人（签名）：'),
    para('受送达人（签名）：                    年    月    日'),
    ...foot,
  ],
};

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

/** The DOCX of one kind, as bytes. */
export function buildTemplate(kind: string): Buffer {
  const body = DOCUMENTS[kind];
  if (!body) throw new Error(`no document template ${kind}`);
  const zip = new PizZip();
  zip.file('[Content_Types].xml', contentTypes);
  zip.file('_rels/.rels', rels);
  zip.file('word/document.xml', document(body));
  // A fixed date, so building again gives the same bytes.
  for (const f of Object.values(zip.files)) f.date = new Date('2026-01-01T00:00:00Z');
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

if (require.main === module) {
  for (const kind of Object.keys(DOCUMENTS)) {
    const file = path.join(__dirname, `${kind}.docx`);
    fs.writeFileSync(file, buildTemplate(kind));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
