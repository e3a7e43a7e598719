import { perMinuteLimit } from '../http/rate-limit';
import { Types } from 'mongoose';
import { z } from 'zod';
import { changesBetween } from '../audit/models';
import { assertCan, assertCanAny } from '../access/query';
import { updateVersioned } from '../database/versioned';
import { isDuplicateKey } from '../database/unique';
import type { Api, AuthContext } from '../http/api';
import { conflict, notFound } from '../http/errors';
import { objectId, page, versionField } from '../http/schemas';
import type { Models } from '../models';
import type { Unit } from '../organisation/unit-model';
import { QUERY_MAX, searchPage, type SearchHelp } from '../portal/search-page';
import { searchIndexOf } from './search-index';
import { searchSynonymModel } from './synonym-model';
import {
  SYNONYM_EXPANSION_MAX,
  SYNONYM_EXPANSIONS_MAX,
  SYNONYM_TERM_MAX,
  SYNONYMS_PER_COUNTY_MAX,
  type SearchSynonym,
} from './synonym-model';
import { SynonymLists } from './synonyms';

/** Searches per client address per minute. */
export const SEARCH_RATE_LIMIT_PER_MINUTE = 120;
const PAGE_SIZE = 10;
const POPULAR_TTL_MS = 10 * 60_000;

const term = z.string().trim().min(1, '请填写词语').max(SYNONYM_TERM_MAX);
const expansions = z
  .array(z.string().trim().min(1, '同义词不能为空').max(SYNONYM_EXPANSION_MAX))
  .min(1, '至少填写一个对应的词')
  .max(SYNONYM_EXPANSIONS_MAX);

const synonymView = (s: SearchSynonym) => ({
  id: String(s._id),
  term: s.term,
  expansions: s.expansions,
  version: s.version,
  updatedAt: s.updatedAt,
});

/**
 * Search (POR-9): the public page /portal/search, the synonym list staff keep (admins and the 审管
 * reviewers, CASL subject SearchSynonym), and rebuilding the index (admins, SearchIndex).
 */
export function searchRoutes(api: Api, models: Models): SynonymLists {
  const index = searchIndexOf(models.items, models.itemVersions);
  // Its own model rather than one in models.ts: the collection belongs to search alone.
  const synonyms = searchSynonymModel(models.items.db);
  const lists = new SynonymLists(synonyms);
  const popular = new Map<string, { at: number; ids: string[] }>();
  let portalCounty: Promise<Unit | null> | undefined;

  /** The portal serves one county: the first in the organisation tree. */
  const county = () =>
    (portalCounty ??= models.units
      .findOne({ kind: 'county' })
      .sort({ _id: 1 })
      .lean<Unit>()
      .exec()
      .then((u) => {
        if (!u) portalCounty = undefined;
        return u;
      }));

  const counting = new Set<string>();
  /**
   * The items with most cases, counted at most every ten minutes and never while a citizen
   * waits: the embedded database groups 100,000 cases in minutes, so the count runs behind.
   */
  function popularIds(countyId: string): string[] {
    const hit = popular.get(countyId);
    if ((!hit || Date.now() - hit.at >= POPULAR_TTL_MS) && !counting.has(countyId)) {
      counting.add(countyId);
      models.cases
        .aggregate<{ _id: string; n: number }>([
          { $match: { countyId } },
          { $group: { _id: '$itemId', n: { $sum: 1 } } },
        ])
        .exec()
        .then((counts) => {
          const ids = counts.sort((a, b) => b.n - a.n).map((c) => String(c._id));
          popular.set(countyId, { at: Date.now(), ids });
        })
        .catch(() => undefined)
        .finally(() => counting.delete(countyId));
    }
    return hit?.ids ?? [];
  }

  async function help(countyId: string): Promise<SearchHelp> {
    const [ids, departments, synonyms, countyUnit] = await Promise.all([
      popularIds(countyId),
      models.units
        .find({ countyId, kind: 'department', status: { $ne: 'inactive' } })
        .sort({ sortOrder: 1 })
        .select({ name: 1 })
        .lean<Unit[]>()
        .exec(),
      lists.of(countyId),
      county(),
    ]);
    const shown = [];
    for (const id of ids) {
      const item = await index.byId(id);
      if (item) shown.push({ code: item.code, name: item.name });
      if (shown.length === 8) break;
    }
    // A county without cases yet still gets somewhere to start.
    for (const item of await index.first(countyId, 8)) {
      if (shown.length === 8) break;
      if (!shown.some((s) => s.code === item.code))
        shown.push({ code: item.code, name: item.name });
    }
    return {
      popular: shown,
      departments: departments.map((d) => ({ id: String(d._id), name: d.name })),
      synonyms,
      phone: countyUnit?.phone,
    };
  }

  api.router.use('/portal/search', perMinuteLimit(SEARCH_RATE_LIMIT_PER_MINUTE));

  api.route({
    method: 'get',
    path: '/portal/search',
    access: 'public',
    summary:
      '搜索事项：名称、编码、内容、条件、材料、常见问题，支持拼音、首字母和常用说法（HTML 页面）',
    tags: ['政务服务专栏'],
    query: z.strictObject({
      q: z
        .string()
        .max(QUERY_MAX, `搜索词最多 ${QUERY_MAX} 个字`)
        .optional()
        .transform((q) => (q ?? '').trim()),
      page: page.page.pipe(z.number().max(100)),
    }),
    response: { description: 'HTML 页面' },
    async handler({ query, res }) {
      const unit = await county();
      const countyId = String(unit?._id ?? '');
      let body: string;
      if (!query.q || !unit) {
        body = searchPage({ q: query.q });
      } else {
        const answer = await index.search(countyId, query.q, await lists.of(countyId), {
          page: query.page,
          pageSize: PAGE_SIZE,
        });
        body = searchPage({
          q: query.q,
          answer,
          help: answer.total ? undefined : await help(countyId),
        });
      }
      res.status(200).type('html').send(body);
    },
  });

  api.route({
    method: 'post',
    path: '/api/search/rebuild',
    access: 'staff',
    summary: '重建门户搜索索引（管理员）',
    tags: ['政务服务专栏'],
    response: { description: '索引的文档数、词条数和用时' },
    async handler({ auth, audit }) {
      assertCanAny(auth.ability, 'update', 'SearchIndex', '重建搜索索引');
      const stats = await index.rebuild();
      audit({
        action: 'rebuild',
        resource: 'searchIndex',
        summary: `重建门户搜索索引：${stats.documents} 个事项，${stats.terms} 个词条`,
      });
      return stats;
    },
  });

  const countyOf = (auth: AuthContext) => new Types.ObjectId(auth.principal.countyId);

  async function ownSynonym(auth: AuthContext, id: string, action: 'update' | 'delete') {
    const found = await synonyms
      .findOne({ _id: id, countyId: countyOf(auth) })
      .lean<SearchSynonym>()
      .exec();
    if (!found) throw notFound('该同义词不存在');
    assertCan(auth.ability, action, 'SearchSynonym', found, '该同义词');
    return found;
  }

  async function refuseTaken(auth: AuthContext, value: string, except?: string) {
    const taken = await synonyms
      .findOne({ countyId: countyOf(auth), term: value })
      .lean<SearchSynonym>()
      .exec();
    if (taken && String(taken._id) !== except) {
      throw conflict(`“${value}”已在同义词表中，请修改原有的一条`, { field: 'term' });
    }
  }

  api.route({
    method: 'get',
    path: '/api/search/synonyms',
    access: 'staff',
    summary: '门户搜索的同义词和常用说法（管理员、审管）',
    tags: ['政务服务专栏'],
    response: { description: '同义词表' },
    async handler({ auth }) {
      assertCanAny(auth.ability, 'read', 'SearchSynonym', '同义词表');
      await lists.seed(auth.principal.countyId);
      const docs = await synonyms
        .find({ countyId: countyOf(auth) })
        .sort({ term: 1 })
        .lean<SearchSynonym[]>()
        .exec();
      return { items: docs.map(synonymView) };
    },
  });

  api.route({
    method: 'post',
    path: '/api/search/synonyms',
    access: 'staff',
    status: 201,
    summary: '新增同义词：群众的说法及其对应的事项用语',
    tags: ['政务服务专栏'],
    body: z.strictObject({ term, expansions }),
    response: { description: '已新增' },
    async handler({ body, auth, audit }) {
      const record = { countyId: countyOf(auth), ...body, version: 0 };
      assertCan(auth.ability, 'create', 'SearchSynonym', record, '同义词');
      await lists.seed(auth.principal.countyId);
      await refuseTaken(auth, body.term);
      const count = await synonyms.countDocuments({ countyId: record.countyId });
      if (count >= SYNONYMS_PER_COUNTY_MAX) {
        throw conflict(`同义词表最多 ${SYNONYMS_PER_COUNTY_MAX} 条`);
      }
      const created = await synonyms.create(record).catch((err: unknown) => {
        if (isDuplicateKey(err)) throw conflict(`“${body.term}”已在同义词表中`);
        throw err;
      });
      lists.changed(auth.principal.countyId);
      const view = synonymView(created.toObject());
      audit({
        action: 'create',
        resource: 'searchSynonym',
        resourceId: view.id,
        summary: `新增搜索同义词：${view.term} → ${view.expansions.join('、')}`,
        changes: changesBetween(undefined, { term: view.term, expansions: view.expansions }),
      });
      return view;
    },
  });

  api.route({
    method: 'put',
    path: '/api/search/synonyms/:id',
    access: 'staff',
    summary: '修改同义词',
    tags: ['政务服务专栏'],
    params: z.object({ id: objectId }),
    body: z.strictObject({ version: versionField, term, expansions }),
    response: { description: '已修改' },
    async handler({ params, body, auth, audit }) {
      const before = await ownSynonym(auth, params.id, 'update');
      await refuseTaken(auth, body.term, params.id);
      const { version, ...fields } = body;
      const after = await updateVersioned(
        synonyms,
        before._id,
        version,
        { $set: fields },
        '同义词',
      );
      lists.changed(auth.principal.countyId);
      audit({
        action: 'update',
        resource: 'searchSynonym',
        resourceId: params.id,
        summary: `修改搜索同义词：${after.term} → ${after.expansions.join('、')}`,
        changes: changesBetween(
          { term: before.term, expansions: before.expansions },
          { term: after.term, expansions: after.expansions },
        ),
      });
      return synonymView(after);
    },
  });

  api.route({
    method: 'delete',
    path: '/api/search/synonyms/:id',
    access: 'staff',
    summary: '删除同义词',
    tags: ['政务服务专栏'],
    params: z.object({ id: objectId }),
    response: { description: '已删除' },
    async handler({ params, auth, audit }) {
      const before = await ownSynonym(auth, params.id, 'delete');
      await synonyms.deleteOne({ _id: before._id }).exec();
      lists.changed(auth.principal.countyId);
      audit({
        action: 'delete',
        resource: 'searchSynonym',
        resourceId: params.id,
        summary: `删除搜索同义词：${before.term}`,
        changes: changesBetween({ term: before.term, expansions: before.expansions }, undefined),
      });
      return { deleted: true };
    },
  });

  return lists;
}
