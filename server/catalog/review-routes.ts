import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { completenessProblems } from '../../runtime/catalog/completeness';
import { checkDesign } from '../process/design-check';
import { assertCan } from '../access/query';
import { updateVersioned } from '../database/versioned';
import type { Api } from '../http/api';
import { AppError, conflict } from '../http/errors';
import { objectId, versionField } from '../http/schemas';
import { approveItem } from './approval';
import { itemContentSchema } from './content-schema';
import type { CatalogDeps } from './deps';
import { ITEM_STATUS_LABELS, type Item, type ItemStatus } from './item-model';
import { itemView, visibleItem } from './item-view';

const reason = z.string().trim().min(1, '请说明原因').max(1000);
const versioned = z.strictObject({ version: versionField });

/** `name`, `fee.basis`, `materials[m1].name`: a path into the content, top-level key known. */
const fieldPath = z
  .string()
  .max(200)
  .regex(
    /^[A-Za-z]+(\[[A-Za-z0-9_-]+\])?(\.[A-Za-z]+(\[[A-Za-z0-9_-]+\])?)*$/,
    '字段路径格式不正确',
  )
  .refine((p) => /^[A-Za-z]+/.exec(p)![0] in itemContentSchema.shape, '没有这个字段');

function expectStatus(item: Item, ...allowed: ItemStatus[]) {
  if (!allowed.includes(item.status)) {
    throw conflict(`事项当前${ITEM_STATUS_LABELS[item.status]}，不能进行此操作`, {
      status: item.status,
    });
  }
}

/** Submission, review with comments, return, approval and cancellation (CAT-5, CAT-8). */
export function reviewRoutes(api: Api, deps: CatalogDeps): void {
  const { items } = deps;
  const params = z.object({ id: objectId });

  api.route({
    method: 'post',
    path: '/api/items/:id/submit',
    access: 'staff',
    summary: '提交审核；信息不完整时列出全部问题',
    tags: ['事项目录'],
    params,
    body: versioned,
    response: { description: '已提交' },
    async handler({ params, body, auth, audit }) {
      const item = await visibleItem(items, auth.ability, params.id);
      assertCan(auth.ability, 'submit', 'Item', item, '该事项');
      expectStatus(item, 'draft', 'returned');
      const problems = [
        ...completenessProblems(item.draft),
        ...(await checkDesign(deps, item)).problems,
      ];
      if (problems.length) {
        throw new AppError(
          400,
          'incomplete',
          `事项信息不完整，不能提交：${problems.map((p) => p.message).join('；')}`,
          { problems },
        );
      }
      const updated = await updateVersioned(
        items,
        item._id,
        body.version,
        { $set: { status: 'submitted' }, $unset: { returnReason: 1 } },
        '事项',
      );
      audit({
        action: 'submit',
        resource: 'item',
        resourceId: params.id,
        summary: `提交事项「${item.name}」审核`,
      });
      return itemView(updated);
    },
  });

  api.route({
    method: 'post',
    path: '/api/items/:id/comments',
    access: 'staff',
    status: 201,
    summary: '审阅批注：对某一字段提出意见',
    tags: ['事项目录'],
    params,
    body: z.strictObject({ field: fieldPath, text: z.string().trim().min(1).max(2000) }),
    response: { description: '已批注' },
    async handler({ params, body, auth, audit }) {
      const item = await visibleItem(items, auth.ability, params.id);
      assertCan(auth.ability, 'comment', 'Item', item, '该事项');
      expectStatus(item, 'submitted');
      const comment = {
        id: randomUUID(),
        ...body,
        authorId: auth.principal.userId,
        authorName: auth.display.name,
        at: new Date(),
        resolved: false,
      };
      // One atomic update of one document; the version bump tells the others it changed.
      await items
        .updateOne({ _id: item._id }, { $push: { comments: comment }, $inc: { version: 1 } })
        .exec();
      audit({
        action: 'comment',
        resource: 'item',
        resourceId: params.id,
        summary: `对事项「${item.name}」的 ${body.field} 提出意见：${body.text}`,
      });
      return comment;
    },
  });

  api.route({
    method: 'post',
    path: '/api/items/:id/return',
    access: 'staff',
    summary: '退回（说明理由）；退回取消、下放或拆分申请则事项恢复为已发布',
    tags: ['事项目录'],
    params,
    body: z.strictObject({ version: versionField, reason }),
    response: { description: '已退回' },
    async handler({ params, body, auth, audit }) {
      const item = await visibleItem(items, auth.ability, params.id);
      assertCan(auth.ability, 'return', 'Item', item, '该事项');
      expectStatus(item, 'submitted');
      const update =
        // A refused cancel, 下放 or 拆分 leaves the published item as it was.
        ['cancel', 'delegate', 'split'].includes(item.pendingChange?.kind ?? '')
          ? {
              $set: { status: 'approved', returnReason: body.reason },
              $unset: { pendingChange: 1 },
            }
          : { $set: { status: 'returned', returnReason: body.reason } };
      const updated = await updateVersioned(items, item._id, body.version, update, '事项');
      audit({
        action: 'return',
        resource: 'item',
        resourceId: params.id,
        summary: `退回事项「${item.name}」：${body.reason}`,
      });
      return itemView(updated);
    },
  });

  api.route({
    method: 'post',
    path: '/api/items/:id/approve',
    access: 'staff',
    summary:
      '审核通过：首次通过时赋码，并形成新的不可修改版本；trial 为真时批准试运行；取消申请通过则事项取消',
    tags: ['事项目录'],
    params,
    body: z.strictObject({ version: versionField, trial: z.boolean().optional() }),
    response: { description: '已通过' },
    async handler({ params, body, auth, audit }) {
      const item = await visibleItem(items, auth.ability, params.id);
      assertCan(auth.ability, 'approve', 'Item', item, '该事项');
      expectStatus(item, 'submitted');
      const updated = await approveItem(deps, item, body.version, auth, { trial: body.trial });
      audit({
        action: 'approve',
        resource: 'item',
        resourceId: params.id,
        summary:
          updated.status === 'cancelled'
            ? `同意取消事项「${item.name}」（${item.code}）`
            : `审核通过事项「${item.name}」${body.trial ? '（试运行）' : ''}，编码 ${updated.code}，版本 ${updated.currentVersion}`,
      });
      return itemView(updated);
    },
  });

  api.route({
    method: 'post',
    path: '/api/items/:id/formal',
    access: 'staff',
    summary: '试运行结束，批准事项转入正式运行（OPS-5）',
    tags: ['事项目录'],
    params,
    body: versioned,
    response: { description: '已转入正式运行' },
    async handler({ params, body, auth, audit }) {
      const item = await visibleItem(items, auth.ability, params.id);
      assertCan(auth.ability, 'approve', 'Item', item, '该事项');
      expectStatus(item, 'approved');
      if (!item.trial) throw new AppError(409, 'not_in_trial', `「${item.name}」不在试运行中`);
      const updated = await updateVersioned(
        items,
        item._id,
        body.version,
        { $set: { formalSince: new Date() }, $unset: { trial: 1 } },
        '事项',
      );
      audit({
        action: 'approveFormal',
        resource: 'item',
        resourceId: params.id,
        summary: `事项「${item.name}」（${item.code}）试运行结束，转入正式运行`,
      });
      return itemView(updated);
    },
  });

  api.route({
    method: 'post',
    path: '/api/items/:id/cancel',
    access: 'staff',
    summary: '申请取消已发布的事项（须审核通过后生效；编码不再使用）',
    tags: ['事项目录'],
    params,
    body: z.strictObject({ version: versionField, reason }),
    response: { description: '已提交取消申请' },
    async handler({ params, body, auth, audit }) {
      const item = await visibleItem(items, auth.ability, params.id);
      assertCan(auth.ability, 'cancel', 'Item', item, '该事项');
      expectStatus(item, 'approved');
      const updated = await updateVersioned(
        items,
        item._id,
        body.version,
        { $set: { status: 'submitted', pendingChange: { kind: 'cancel', reason: body.reason } } },
        '事项',
      );
      audit({
        action: 'cancel',
        resource: 'item',
        resourceId: params.id,
        summary: `申请取消事项「${item.name}」（${item.code}）：${body.reason}`,
      });
      return itemView(updated);
    },
  });
}
