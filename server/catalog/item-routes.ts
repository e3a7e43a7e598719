import { z } from 'zod';
import type { ItemContent } from '../../runtime/catalog/item';
import { validateItemCode } from '../../runtime/catalog/item-code';
import { ITEM_TYPE_CODES, type ItemType } from '../../runtime/catalog/item-types';
import { assertCan } from '../access/query';
import { changesBetween } from '../audit/models';
import { updateVersioned } from '../database/versioned';
import type { Api } from '../http/api';
import { AppError, badRequest, conflict } from '../http/errors';
import { objectId, page, versionField } from '../http/schemas';
import { assembledItemContent, itemContentPatch, itemContentSchema } from './content-schema';
import type { CatalogDeps } from './deps';
import { ITEM_STATUSES, ITEM_STATUS_LABELS, type Item } from './item-model';
import { itemListOf } from './item-list';
import { itemView, visibleItem } from './item-view';
import { resolveSubject } from './subject';

/** A code given to the API must be well formed, and of the type asked for (CAT-4). */
function checkCode(code: string, type?: ItemType) {
  const problems = validateItemCode(code, { type });
  if (problems.length) {
    throw new AppError(
      400,
      'invalid_item_code',
      `事项编码不正确：${problems.map((p) => p.message).join('；')}`,
      {
        problems,
      },
    );
  }
}

/** Lists, reads, creates and edits items (CAT-1, CAT-5). */
export function itemRoutes(api: Api, deps: CatalogDeps): void {
  const { items, units } = deps;

  api.route({
    method: 'get',
    path: '/api/items',
    access: 'staff',
    summary: '事项列表（按名称、编码或名称的拼音首字母搜索，按类型、部门、状态筛选）',
    tags: ['事项目录'],
    query: z
      .object({
        q: z.string().trim().max(50).optional(),
        code: z.string().max(30).optional(),
        type: z.enum(ITEM_TYPE_CODES).optional(),
        departmentId: objectId.optional(),
        status: z.enum(ITEM_STATUSES).optional(),
        ...page,
      })
      .strict(),
    response: { description: '事项' },
    async handler({ query, auth }) {
      if (query.code) checkCode(query.code, query.type);
      return itemListOf(items).page(auth.ability, query, query);
    },
  });

  api.route({
    method: 'get',
    path: '/api/items/:id',
    access: 'staff',
    summary: '事项详情（含草稿与审阅意见）',
    tags: ['事项目录'],
    params: z.object({ id: objectId }),
    response: { description: '事项' },
    async handler({ params, auth }) {
      return itemView(await visibleItem(items, auth.ability, params.id));
    },
  });

  api.route({
    method: 'post',
    path: '/api/items',
    access: 'staff',
    status: 201,
    summary: '新增事项（草稿），办理主体须为本部门',
    tags: ['事项目录'],
    body: itemContentSchema,
    response: { description: '已建草稿' },
    async handler({ body, auth, audit }) {
      const subject = await resolveSubject(units, auth.principal, body);
      const record = { countyId: subject.countyId, departmentId: subject.departmentId };
      assertCan(auth.ability, 'create', 'Item', record, '为该办理主体新增事项');
      const created = await items.create({
        ...subject,
        name: body.name,
        type: body.type,
        status: 'draft',
        draft: body as ItemContent,
        currentVersion: 0,
        pendingChange: { kind: 'new', reason: '' },
        comments: [],
      });
      const item = created.toObject() as Item;
      audit({
        action: 'create',
        resource: 'item',
        resourceId: String(item._id),
        summary: `新增事项草稿「${item.name}」`,
        changes: changesBetween(undefined, { ...item.draft }),
      });
      return itemView(item);
    },
  });

  api.route({
    method: 'patch',
    path: '/api/items/:id',
    access: 'staff',
    summary: '修改事项草稿；修改已发布的事项即开始一次变更，须说明原因',
    tags: ['事项目录'],
    params: z.object({ id: objectId }),
    body: itemContentPatch
      .extend({ version: versionField, reason: z.string().trim().max(500).optional() })
      .strict(),
    response: { description: '修改后的事项' },
    async handler({ params, body, req, auth, audit }) {
      const item = await visibleItem(items, auth.ability, params.id);
      assertCan(auth.ability, 'update', 'Item', item, '修改该事项');
      if (!['draft', 'returned', 'approved'].includes(item.status)) {
        throw conflict(`事项${ITEM_STATUS_LABELS[item.status]}，不能修改`);
      }
      const { version, reason, ...given } = body;
      // Only the fields the request named: zod fills defaults for the others.
      const named = Object.fromEntries(
        Object.entries(given).filter(([key]) => key in (req.body as object)),
      );
      const merged = assembledItemContent.parse({ ...item.draft, ...named });
      if (
        item.code &&
        (merged.type !== item.type || merged.subject.unitId !== item.draft.subject.unitId)
      ) {
        throw badRequest('已赋码的事项不能更改事项类型或办理主体；请取消后重新新增', {
          field: merged.type !== item.type ? 'type' : 'subject.unitId',
        });
      }
      const subject = await resolveSubject(units, auth.principal, merged);
      assertCan(auth.ability, 'update', 'Item', { ...item, ...subject }, '把事项改到该办理主体');
      const startsChange = item.status === 'approved';
      if (startsChange && !reason)
        throw badRequest('变更已发布的事项须说明变更原因', { field: 'reason' });
      const updated = await updateVersioned(
        items,
        item._id,
        version,
        {
          $set: {
            ...subject,
            draft: merged,
            name: merged.name,
            type: merged.type,
            ...(startsChange ? { status: 'draft', pendingChange: { kind: 'change', reason } } : {}),
          },
        },
        '事项',
      );
      audit({
        action: startsChange ? 'change' : 'update',
        resource: 'item',
        resourceId: params.id,
        summary: `${startsChange ? '变更' : '修改'}事项「${updated.name}」`,
        changes: changesBetween({ ...item.draft }, { ...updated.draft }),
      });
      return itemView(updated);
    },
  });
}
