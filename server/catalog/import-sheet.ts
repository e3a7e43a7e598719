import ExcelJS from 'exceljs';
import { AppError, badRequest } from '../http/errors';
import { CATALOG_COLUMNS, type CatalogColumn } from './catalog-table';

/** A row of the sheet as text, with its row number as the office sees it in Excel. */
export interface SheetRow {
  row: number;
  cells: Partial<Record<CatalogColumn, string>>;
}

export const MAX_IMPORT_ROWS = 5000;
const REQUIRED_COLUMNS: CatalogColumn[] = ['事项类型', '事项名称', '办理主体', '办件类型'];

const notWorkbook = () => new AppError(400, 'invalid_workbook', '文件不是有效的 Excel 工作簿');

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  // Rich text, hyperlinks and formulas: their shown text.
  return String(cell.text ?? '').trim();
}

/** Reads the first sheet in the export's layout; the header row is found by its 事项名称 cell. */
export async function readCatalogSheet(body: unknown): Promise<SheetRow[]> {
  // An XLSX is a zip: "PK\3\4".
  if (!Buffer.isBuffer(body) || body.length < 4 || body.readUInt32LE(0) !== 0x04034b50) {
    throw notWorkbook();
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    throw notWorkbook();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw notWorkbook();

  let headerRow = 0;
  const columns = new Map<number, CatalogColumn>();
  for (let r = 1; r <= Math.min(5, sheet.rowCount) && !headerRow; r++) {
    sheet.getRow(r).eachCell((cell, c) => {
      const label = cellText(cell) as CatalogColumn;
      if (CATALOG_COLUMNS.includes(label)) columns.set(c, label);
    });
    if ([...columns.values()].includes('事项名称')) headerRow = r;
    else columns.clear();
  }
  const missing = REQUIRED_COLUMNS.filter((c) => ![...columns.values()].includes(c));
  if (!headerRow || missing.length) {
    throw badRequest(`工作簿缺少列：${missing.join('、')}；请使用导出的事项目录表格式`, {
      missing,
      expected: CATALOG_COLUMNS,
    });
  }

  const rows: SheetRow[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const cells: SheetRow['cells'] = {};
    for (const [c, label] of columns) {
      const text = cellText(sheet.getRow(r).getCell(c));
      if (text) cells[label] = text;
    }
    if (Object.keys(cells).length) rows.push({ row: r, cells });
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    throw badRequest(`一次最多导入 ${MAX_IMPORT_ROWS} 行，本表有 ${rows.length} 行`);
  }
  return rows;
}
