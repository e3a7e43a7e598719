import { subject as asSubject } from '@casl/ability';
import type { ItemContent } from '../../runtime/catalog/item';
import { assertCanAny } from '../access/query';
import type { Api, AuthContext, OperationEntry } from '../http/api';
import type { Unit } from '../organisation/unit-model';
import type { ItemContentInput } from './content-schema';
import type { CatalogDeps } from './deps';
import { XLSX_TYPE } from './export-files';
import { rowContent, unitLookup, type RowProblem } from './import-rows';
import { readCatalogSheet, type SheetRow } from './import-sheet';
import type { Item } from './item-model';
import { resolveSubject, type ResolvedSubject } from './subject';

/** Body types the import accepts; app.ts mounts express.raw for them on this path only. */
export const IMPORT_PATH = '/api/catalog/import';
export const IMPORT_TYPES = [XLSX_TYPE, 'application/octet-stream'];
export const IMPORT_LIMIT = '10mb';

export interface ImportReport {
  created: { row: number; id: string; name: string }[];
  skipped: { row: number; id: string; name: string; reason: string }[];
  refused: { row: number; name?: string; problems: RowProblem[] }[];
  failed: { row: number; name: string; message: string }[];
}

interface GoodRow {
  row: number;
  content: ItemContentInput;
  departmentId: string;
}

/** Every row checked before anything is written: the good ones, and the report of the rest. */
async function checkRows(deps: CatalogDeps, auth: AuthContext, rows: SheetRow[]) {
  const { countyId } = auth.principal;
  const units = unitLookup(await deps.units.find({ countyId }).lean<Unit[]>().exec());
  const report: ImportReport = { created: [], skipped: [], refused: [], failed: [] };
  const good: GoodRow[] = [];
  const seen = new Map<string, number>();
  for (const sheetRow of rows) {
    const { content, problems } = rowContent(sheetRow, units);
    const name = sheetRow.cells['事项名称'];
    if (!content) {
      report.refused.push({ row: sheetRow.row, name, problems });
      continue;
    }
    const departmentId = content.subject.unitId;
    if (!auth.ability.can('create', asSubject('Item', { countyId, departmentId }))) {
      report.refused.push({
        row: sheetRow.row,
        name,
        problems: [{ column: '办理主体', message: `无权为「${content.subject.name}」新增事项` }],
      });
      continue;
    }
    const key = `${departmentId}|${content.name}`;
    const earlier = seen.get(key);
    if (earlier) {
      report.refused.push({
        row: sheetRow.row,
        name,
        problems: [{ column: '事项名称', message: `与第 ${earlier} 行是同一事项` }],
      });
      continue;
    }
    seen.set(key, sheetRow.row);
    good.push({ row: sheetRow.row, content, departmentId });
  }
  return { report, good };
}

/** Rows whose item (same subject, same name) is already in the catalog: re-imports are no-ops. */
async function existingItems(deps: CatalogDeps, good: GoodRow[]) {
  const found = await deps.items
    .find({
      departmentId: { $in: [...new Set(good.map((g) => g.departmentId))] },
      name: { $in: [...new Set(good.map((g) => g.content.name))] },
      status: { $ne: 'cancelled' },
    })
    .select({ name: 1, departmentId: 1 })
    .lean<Item[]>()
    .exec();
  return new Map(found.map((i) => [`${String(i.departmentId)}|${i.name}`, String(i._id)]));
}

/** Imports a catalog sheet as drafts (CAT-9): a clerk's own department only; codes come on approval. */
export function importRoutes(api: Api, deps: CatalogDeps): void {
  api.route({
    method: 'post',
    path: IMPORT_PATH,
    access: 'staff',
    summary: `导入事项目录（Excel，格式同导出；请求体为文件本身，上限 ${IMPORT_LIMIT}），新增为草稿`,
    tags: ['事项目录'],
    response: { description: '逐行报告：已新增、已存在而跳过、被拒绝（含原因）、写入失败' },
    async handler({ req, auth, audit }): Promise<ImportReport> {
      assertCanAny(auth.ability, 'create', 'Item', '事项');
      const rows = await readCatalogSheet(req.body);
      const { report, good } = await checkRows(deps, auth, rows);
      const existing = good.length ? await existingItems(deps, good) : new Map<string, string>();
      const subjects = new Map<string, ResolvedSubject>();
      for (const { row, content, departmentId } of good) {
        const id = existing.get(`${departmentId}|${content.name}`);
        if (id) {
          report.skipped.push({ row, id, name: content.name, reason: '事项已存在，未重复新增' });
          continue;
        }
        try {
          let subject = subjects.get(departmentId);
          if (!subject) {
            subject = await resolveSubject(deps.units, auth.principal, content);
            subjects.set(departmentId, subject);
          }
          const created = await deps.items.create({
            ...subject,
            name: content.name,
            type: content.type,
            status: 'draft',
            draft: content as ItemContent,
            currentVersion: 0,
            pendingChange: { kind: 'new', reason: '' },
            comments: [],
          });
          report.created.push({ row, id: String(created._id), name: content.name });
          audit(createdEntry(String(created._id), content.name, row));
        } catch (err) {
          report.failed.push({ row, name: content.name, message: (err as Error).message });
        }
      }
      if (!report.created.length) {
        audit({
          action: 'import',
          resource: 'item',
          summary: `导入事项目录：未新增（跳过 ${report.skipped.length} 行，拒绝 ${report.refused.length} 行）`,
        });
      }
      return report;
    },
  });
}

const createdEntry = (id: string, name: string, row: number): OperationEntry => ({
  action: 'import',
  resource: 'item',
  resourceId: id,
  summary: `导入事项草稿「${name}」（第 ${row} 行）`,
});
