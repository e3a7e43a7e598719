/**
 * Writes templates/catalog/item-table.docx: the catalog as printed, one 基本信息表 per item in the
 * layout of 温州指引 附件1 (label | content rows). Run once with `npx tsx
 * templates/catalog/build-template.ts`; the .docx is kept beside it so offices may restyle it in
 * Word, as long as the {tags} stay.
 */
import fs from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const font = '<w:rFonts w:ascii="SimSun" w:hAnsi="SimSun" w:eastAsia="SimSun"/>';

const run = (text: string, opts: { bold?: boolean; size?: number } = {}) =>
  `<w:r><w:rPr>${font}${opts.bold ? '<w:b/>' : ''}${
    opts.size ? `<w:sz w:val="${opts.size}"/>` : ''
  }</w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;

const para = (text: string, opts: { bold?: boolean; size?: number; center?: boolean } = {}) =>
  `<w:p>${opts.center ? '<w:pPr><w:jc w:val="center"/></w:pPr>' : ''}${run(text, opts)}</w:p>`;

const cell = (width: number, content: string) =>
  `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>${content}</w:tc>`;

const border = (side: string) =>
  `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('');

// The {#rows}…{/rows} loop spans one table row, so docxtemplater repeats the row.
const table =
  `<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/><w:tblBorders>${borders}</w:tblBorders></w:tblPr>` +
  '<w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="7000"/></w:tblGrid>' +
  `<w:tr>${cell(2000, para('{#rows}{label}', { bold: true }))}${cell(7000, para('{value}{/rows}'))}</w:tr>` +
  '</w:tbl>';

const body = [
  para('{title}', { bold: true, size: 36, center: true }),
  para('{sentence}'),
  para('{#items}'),
  para('{tableTitle}', { bold: true, size: 28, center: true }),
  table,
  para(''),
  para('{/items}'),
  para('导出时间：{exportedAt}'),
].join('');

const documentXml =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  `<w:document xmlns:w="${W}"><w:body>${body}` +
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

const zip = new PizZip();
zip.file('[Content_Types].xml', contentTypes);
zip.file('_rels/.rels', rels);
zip.file('word/document.xml', documentXml);
const out = path.join(__dirname, 'item-table.docx');
fs.writeFileSync(out, zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' }));
console.log(`已写出 ${out}`);
