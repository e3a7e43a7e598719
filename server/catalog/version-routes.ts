import { z } from 'zod';
import { completenessProblems } from '../../runtime/catalog/completeness';
import { checkDesign } from '../process/design-check';
import type { ItemContent } from '../../runtime/catalog/item';
import { diffRecords } from '../../runtime/catalog/item-diff';
import type { Api } from '../http/api';
import { notFound } from '../http/errors';
import { objectId } from '../http/schemas';
import type { CatalogDeps } from './deps';
import type { Item } from './item-model';
import { visibleItem } from './item-view';
import { versionId, type ItemVersion } from './version-model';

const versionNumber = z.coerce.number().int().min(1).max(100_000);

const versionView = ({
  _id: _ignored,
  itemId,
  countyId: _c,
  departmentId: _d,
  ...rest
}: ItemVersion) => ({
  itemId: String(itemId),
  ...rest,
});

/** Approved versions, their comparison (CAT-6) and the completeness check (CAT-7). */
export function versionRoutes(api: Api, deps: CatalogDeps): void {
  const { items, itemVersions } = deps;

  async function contentOf(item: Item, n: number | 'draft'): Promise<ItemContent> {
    if (n === 'draft') return item.draft;
    const v = await itemVersions.findById(versionId(item._id, n)).lean<ItemVersion>().exec();
    if (!v) throw notFound(`事项没有第 ${n} 版`);
    return v.content;
  }

  api.route({
    method: 'get',
    path: '/api/items/:id/versions',
    access: 'staff',
    summary: '事项的历史版本（每次审核通过形成一版）',
    tags: ['事项目录'],
    params: z.object({ id: objectId }),
    response: { description: '版本，不含内容' },
    async handler({ params, auth }) {
      const item = await visibleItem(items, auth.ability, params.id);
      const rows = await itemVersions
        .find({ itemId: item._id }, { content: 0, process: 0, forms: 0 })
        .sort({ n: 1 })
        .lean<ItemVersion[]>()
        .exec();
      return { items: rows.map(versionView) };
    },
  });

  api.route({
    method: 'get',
    path: '/api/items/:id/versions/:n',
    access: 'staff',
    summary: '事项某一版本的内容',
    tags: ['事项目录'],
    params: z.object({ id: objectId, n: versionNumber }),
    response: { description: '版本' },
    async handler({ params, auth }) {
      const item = await visibleItem(items, auth.ability, params.id);
      const v = await itemVersions
        .findById(versionId(item._id, params.n))
        .lean<ItemVersion>()
        .exec();
      if (!v) throw notFound(`事项没有第 ${params.n} 版`);
      return versionView(v);
    },
  });

  api.route({
    method: 'get',
    path: '/api/items/:id/diff',
    access: 'staff',
    summary: '历史版本比对：两个版本（或某版本与当前草稿）逐字段的差异',
    tags: ['事项目录'],
    params: z.object({ id: objectId }),
    query: z.strictObject({
      from: versionNumber,
      to: z.union([z.literal('draft'), versionNumber]),
    }),
    response: { description: '差异' },
    async handler({ params, query, auth }) {
      const item = await visibleItem(items, auth.ability, params.id);
      const [before, after] = await Promise.all([
        contentOf(item, query.from),
        contentOf(item, query.to),
      ]);
      return { from: query.from, to: query.to, changes: diffRecords(before, after) };
    },
  });

  api.route({
    method: 'get',
    path: '/api/items/:id/completeness',
    access: 'staff',
    summary: '数据完整性校验：按字段列出提交前须解决的问题',
    tags: ['事项目录'],
    params: z.object({ id: objectId }),
    response: { description: '问题' },
    async handler({ params, auth }) {
      const item = await visibleItem(items, auth.ability, params.id);
      const problems = [
        ...completenessProblems(item.draft),
        ...(await checkDesign(deps, item)).problems,
      ];
      const byField: Record<string, string[]> = {};
      for (const p of problems) (byField[p.field] ??= []).push(p.message);
      return { complete: problems.length === 0, problems, byField };
    },
  });
}
