import { z } from 'zod';
import { completenessProblems } from '../../runtime/catalog/completeness';
import { checkDesign } from '../process/design-check';
import type { ItemContent } from '../../runtime/catalog/item';
import { diffRecords } from '../../runtime/catalog/item-diff';
import { LIMIT_UNIT_LABELS } from '../../runtime/catalog/item';
import { formFields, type FormSchema } from '../../runtime/forms/schema';
import type { CompiledProcess } from '../../runtime/process/compiled';
import type { Api } from '../http/api';
import { notFound } from '../http/errors';
import { objectId } from '../http/schemas';
import type { CatalogDeps } from './deps';
import type { Item } from './item-model';
import { visibleItem } from './item-view';
import { versionId, type ItemVersion } from './version-model';

const versionNumber = z.coerce.number().int().min(1).max(100_000);

/** Entries named by what people call them (unique names), so the diff reads 「审核」, not an id. */
function named<T extends { name: string }>(list: T[], idOf: (x: T) => string) {
  const counts = new Map<string, number>();
  for (const x of list) counts.set(x.name, (counts.get(x.name) ?? 0) + 1);
  return list.map((x) => ({
    ...x,
    id: counts.get(x.name) === 1 ? x.name : `${x.name}（${idOf(x)}）`,
  }));
}

/**
 * The flowchart and forms of a version (or of the draft's saved design) as plain records, so
 * the version diff shows their changes beside the content's (CAT-6, issue 13): each step's name,
 * limit, posts and requirements, each flow with its condition, each form's fields.
 */
export function designRecord(
  compiled: CompiledProcess | undefined,
  forms: { key: string; name: string; schema: FormSchema }[],
) {
  const nodes = compiled?.nodes ?? [];
  const nameOf = (id: string) => nodes.find((n) => n.id === id)?.name || id;
  const steps = nodes.flatMap((n) =>
    n.kind === 'userTask'
      ? [
          {
            nodeId: n.id,
            name: n.name || n.id,
            limit: `${n.step.limit.value} ${LIMIT_UNIT_LABELS[n.step.limit.unit]}`,
            posts: n.step.posts.map((p) => p.name ?? p.postId).join('、'),
            requirements: [
              n.step.opinionRequired ? '须填写办理意见' : '',
              n.step.decisionRequired ? '须选择同意或不同意' : '',
              n.step.eSeal ? '加盖电子印章' : '',
              n.step.handledBy === 'acceptingUnit' ? '由受理窗口办理' : '',
            ]
              .filter(Boolean)
              .join('、'),
            excludedTimes: n.step.excludedTimes.map((e) => e.reason).join('、'),
          },
        ]
      : [],
  );
  const flows = (compiled?.flows ?? []).map((f) => ({
    flowId: f.id,
    name: `${nameOf(f.source)} → ${nameOf(f.target)}`,
    condition: f.condition ?? '',
  }));
  return {
    flowchart: {
      steps: named(steps, (s) => s.nodeId).map(({ nodeId: _n, ...s }) => s),
      flows: named(flows, (f) => f.flowId).map(({ flowId: _f, ...f }) => f),
    },
    formDesign: named(
      forms.map((f) => ({
        key: f.key,
        name: f.name,
        fields: formFields(f.schema)
          .map((x) => x.label)
          .join('、'),
      })),
      (f) => f.key,
    ).map(({ key: _k, ...f }) => f),
  };
}

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

  async function designOf(item: Item, n: number | 'draft') {
    if (n === 'draft') {
      const [process, forms] = await Promise.all([
        deps.itemProcesses.findById(item._id).lean().exec(),
        deps.itemForms.find({ itemId: item._id }).sort({ key: 1 }).lean().exec(),
      ]);
      return designRecord(process?.compiled, forms);
    }
    const v = await itemVersions.findById(versionId(item._id, n)).lean<ItemVersion>().exec();
    if (!v) throw notFound(`事项没有第 ${n} 版`);
    return designRecord(v.process?.compiled, v.forms ?? []);
  }

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
      const [before, after, designBefore, designAfter] = await Promise.all([
        contentOf(item, query.from),
        contentOf(item, query.to),
        designOf(item, query.from),
        designOf(item, query.to),
      ]);
      return {
        from: query.from,
        to: query.to,
        changes: [...diffRecords(before, after), ...diffRecords(designBefore, designAfter)],
      };
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
