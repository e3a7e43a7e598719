import type { Response } from 'express';
import { z } from 'zod';
import type { Api } from '../http/api';
import { objectId } from '../http/schemas';
import type { Unit } from '../organisation/unit-model';
import type { AuthContext } from '../http/api';
import type { ItemType } from '../../runtime/catalog/item-types';
import { approvedItems } from './catalog-scope';
import type { CatalogDeps } from './deps';
import {
  DOCX_TYPE,
  XLSX_TYPE,
  catalogDocx,
  catalogXlsx,
  type CatalogDocument,
} from './export-files';
import { summarySentence } from './summary';

/** RFC 6266 / 5987: an ASCII fallback, and the Chinese name percent-encoded in UTF-8. */
export function attachment(
  res: Response,
  type: string,
  name: string,
  ext: string,
  file: Buffer,
  /** The plain-ASCII name for clients that do not read `filename*`. */
  asciiName = 'catalog',
) {
  res.setHeader('Content-Type', type);
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${asciiName}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${name}.${ext}`)}`,
  );
  res.send(file);
}

const exportQuery = z.object({ departmentId: objectId.optional() }).strict();

/** Exports the approved catalog in the source's layout (CAT-9). */
export function exportRoutes(api: Api, deps: CatalogDeps): void {
  async function gather(auth: AuthContext, departmentId?: string): Promise<CatalogDocument> {
    const unitId = departmentId ?? auth.principal.countyId;
    const unit = await deps.units
      .findOne({ _id: unitId, countyId: auth.principal.countyId })
      .lean<Unit>()
      .exec();
    // The catalog of powers: 督办 and complaint processes are not among them (PROC-6, SUP-4).
    const items = (await approvedItems(deps.items, auth.ability, departmentId)).filter(
      (i) => !i.draft?.internal,
    );
    const counts: Partial<Record<ItemType, number>> = {};
    for (const item of items) counts[item.type] = (counts[item.type] ?? 0) + 1;
    return {
      title: `${unit?.name ?? ''}行政职权事项目录`,
      sentence: summarySentence(counts),
      items,
    };
  }

  api.route({
    method: 'get',
    path: '/api/catalog/export.docx',
    access: 'staff',
    summary: '导出事项目录（Word，每项一张基本信息表，温州指引附件1格式）',
    tags: ['事项目录'],
    query: exportQuery,
    response: { description: 'DOCX 文件' },
    async handler({ query, auth, res }) {
      const doc = await gather(auth, query.departmentId);
      attachment(res, DOCX_TYPE, doc.title, 'docx', await catalogDocx(doc));
    },
  });

  api.route({
    method: 'get',
    path: '/api/catalog/export.xlsx',
    access: 'staff',
    summary: '导出事项目录（Excel，每项一行，可修改后导入）',
    tags: ['事项目录'],
    query: exportQuery,
    response: { description: 'XLSX 文件' },
    async handler({ query, auth, res }) {
      const doc = await gather(auth, query.departmentId);
      attachment(res, XLSX_TYPE, doc.title, 'xlsx', await catalogXlsx(doc));
    },
  });
}
