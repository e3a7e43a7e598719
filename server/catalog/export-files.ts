import fs from 'node:fs/promises';
import path from 'node:path';
import Docxtemplater from 'docxtemplater';
import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import { ITEM_TYPES } from '../../runtime/catalog/item-types';
import { CATALOG_COLUMNS, catalogRow, itemTableRows } from './catalog-table';
import type { Item } from './item-model';

const TEMPLATE = path.resolve(__dirname, '..', '..', 'templates', 'catalog', 'item-table.docx');

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface CatalogDocument {
  title: string;
  sentence: string;
  items: Item[];
}

/** The catalog as a Word document: one 基本信息表 per item (温州指引 附件1). */
export async function catalogDocx(doc: CatalogDocument): Promise<Buffer> {
  const zip = new PizZip(await fs.readFile(TEMPLATE));
  const template = new Docxtemplater(zip, { paragraphLoop: true, linebreaks: true });
  template.render({
    title: doc.title,
    sentence: doc.sentence,
    exportedAt: new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }),
    items: doc.items.map((item) => ({
      tableTitle: `${ITEM_TYPES[item.type]}事项基本信息表`,
      rows: itemTableRows(item),
    })),
  });
  return template.toBuffer({ compression: 'DEFLATE' });
}

const WIDTHS: Partial<Record<(typeof CATALOG_COLUMNS)[number], number>> = {
  事项编码: 22,
  事项名称: 40,
  行使依据: 50,
  办理主体: 24,
  受理条件: 40,
  申报材料: 40,
  收费: 20,
  办理地点: 30,
};

/** The catalog as a sheet, one row per item; the same layout is read back by the import. */
export async function catalogXlsx(doc: CatalogDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('事项目录', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = CATALOG_COLUMNS.map((c) => ({ header: c, key: c, width: WIDTHS[c] ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  for (const item of doc.items) sheet.addRow(catalogRow(item));
  sheet.eachRow((row, n) => {
    if (n > 1) row.alignment = { wrapText: true, vertical: 'top' };
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
