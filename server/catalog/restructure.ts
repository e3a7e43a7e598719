import { Types } from 'mongoose';
import { z } from 'zod';
import { completenessProblems } from '../../runtime/catalog/completeness';
import type { ItemContent } from '../../runtime/catalog/item';
import { assertCan } from '../access/query';
import { updateVersioned } from '../database/versioned';
import type { Api, AuthContext } from '../http/api';
import { AppError, badRequest, conflict } from '../http/errors';
import { objectId, versionField } from '../http/schemas';
import type { Unit } from '../organisation/unit-model';
import { formId } from '../forms/form-model';
import { assembledItemContent, itemContentSchema } from './content-schema';
import type { CatalogDeps } from './deps';
import { CHANGE_KINDS, ITEM_STATUS_LABELS, type Item, type Successor } from './item-model';
import { itemView, visibleItem } from './item-view';
import { resolveSubject } from './subject';
import { isDuplicateKey } from '../database/unique';

const reason = z.string().trim().min(1, '请说明原因').max(1000);
function refuseIncomplete(content: ItemContent, which: string) {
  const problems = completenessProblems(content);
  if (problems.length) {
    throw new AppError(
      400,
      'incomplete',
      `${which}信息不完整：${problems.map((p) => p.message).join('；')}`,
      { problems },
    );
  }
}

/**
 * 下放 and 拆分 (CAT-5): an approved item is replaced by new items, each with a new code, and the
 * old one is retired with its code never issued again. Both are requests until a reviewer
 * approves them; the successors' ids are fixed at request time so a retried approval is safe.
 */
export function restructureRoutes(api: Api, deps: CatalogDeps): void {
  const { items, units } = deps;
  const params = z.object({ id: objectId });

  async function approvedSource(id: string, auth: AuthContext) {
    const item = await visibleItem(items, auth.ability, id);
    // Retiring the item is what both requests do, so they need the right to ask for a cancel.
    assertCan(auth.ability, 'cancel', 'Item', item, '该事项');
    if (item.status !== 'approved') {
      throw conflict(`事项当前${ITEM_STATUS_LABELS[item.status]}，只有已发布的事项可以下放或拆分`);
    }
    return item;
  }

  async function successorFor(auth: AuthContext, content: ItemContent): Promise<Successor> {
    const subject = await resolveSubject(units, auth.principal, content);
    return { itemId: new Types.ObjectId(), ...subject, content };
  }

  async function request(
    item: Item,
    version: number,
    kind: 'delegate' | 'split',
    why: string,
    successors: Successor[],
  ) {
    return updateVersioned(
      items,
      item._id,
      version,
      { $set: { status: 'submitted', pendingChange: { kind, reason: why, successors } } },
      '事项',
    );
  }

  api.route({
    method: 'post',
    path: '/api/items/:id/delegate',
    access: 'staff',
    summary: '申请下放到乡镇（街道）：审核通过后由乡镇作为办理主体新设事项并赋新码，原事项取消',
    tags: ['事项目录'],
    params,
    body: z.strictObject({
      version: versionField,
      reason,
      townshipId: objectId,
      officeId: objectId.optional(),
    }),
    response: { description: '已提交下放申请' },
    async handler({ params, body, auth, audit }) {
      const item = await approvedSource(params.id, auth);
      const township = await units
        .findOne({ _id: body.townshipId, countyId: auth.principal.countyId })
        .lean<Unit>()
        .exec();
      if (township?.kind !== 'township') {
        throw badRequest('下放的对象须为本县（区）的乡镇（街道）', { field: 'townshipId' });
      }
      const content = assembledItemContent.parse({
        ...item.draft,
        subject: { ...item.draft.subject, unitId: body.townshipId },
        office: body.officeId ? { unitId: body.officeId } : undefined,
      }) as ItemContent;
      const successor = await successorFor(auth, content);
      refuseIncomplete(successor.content, '下放后的事项');
      const updated = await request(item, body.version, 'delegate', body.reason, [successor]);
      audit({
        action: 'delegate',
        resource: 'item',
        resourceId: params.id,
        summary: `申请将事项「${item.name}」（${item.code}）下放到${township.name}：${body.reason}`,
      });
      return itemView(updated);
    },
  });

  api.route({
    method: 'post',
    path: '/api/items/:id/split',
    access: 'staff',
    summary: '申请拆分为多个事项：审核通过后各赋新码，原事项取消',
    tags: ['事项目录'],
    params,
    body: z.strictObject({
      version: versionField,
      reason,
      parts: z.array(itemContentSchema).min(2, '拆分至少得到两个事项').max(20),
    }),
    response: { description: '已提交拆分申请' },
    async handler({ params, body, auth, audit }) {
      const item = await approvedSource(params.id, auth);
      const names = body.parts.map((p) => p.name);
      const repeated = names.find((n, i) => names.indexOf(n) !== i);
      if (repeated) throw badRequest(`拆分后的事项名称「${repeated}」重复`, { field: 'parts' });
      const successors: Successor[] = [];
      for (const [i, part] of body.parts.entries()) {
        const successor = await successorFor(auth, part as ItemContent);
        assertCan(auth.ability, 'create', 'Item', successor, '为该办理主体新增事项');
        refuseIncomplete(successor.content, `拆分后的第 ${i + 1} 个事项`);
        successors.push(successor);
      }
      const updated = await request(item, body.version, 'split', body.reason, successors);
      audit({
        action: 'split',
        resource: 'item',
        resourceId: params.id,
        summary: `申请将事项「${item.name}」（${item.code}）拆分为${names.map((n) => `「${n}」`).join('')}：${body.reason}`,
      });
      return itemView(updated);
    },
  });
}

/** A successor starts with its predecessor's flowchart and forms; a repeat copies nothing twice. */
async function copyDesign(deps: CatalogDeps, from: Item, to: Item) {
  const ignoreDuplicate = (err: unknown) => {
    if (!isDuplicateKey(err)) throw err;
  };
  const scope = { countyId: to.countyId, departmentId: to.departmentId };
  const process = await deps.itemProcesses.findById(from._id).lean().exec();
  if (process) {
    const { _id, createdAt: _c, updatedAt: _u, version: _v, ...rest } = process;
    await deps.itemProcesses.create({ ...rest, ...scope, _id: to._id }).catch(ignoreDuplicate);
  }
  const forms = await deps.itemForms.find({ itemId: from._id }).lean().exec();
  for (const { createdAt: _c, updatedAt: _u, version: _v, ...form } of forms) {
    await deps.itemForms
      .create({ ...form, ...scope, _id: formId(to._id, form.key), itemId: to._id })
      .catch(ignoreDuplicate);
  }
}

/**
 * Approves a 下放 or 拆分: claims the request, creates and approves each successor (each gets its
 * own code and first version), then retires the old item. Every step can be repeated.
 */
export async function approveRestructure(
  deps: CatalogDeps,
  item: Item,
  version: number,
  auth: AuthContext,
  approve: (deps: CatalogDeps, item: Item, version: number, auth: AuthContext) => Promise<Item>,
): Promise<Item> {
  const change = item.pendingChange!;
  const claimed = await updateVersioned(deps.items, item._id, version, {}, '事项');
  for (const s of change.successors ?? []) {
    let successor = await deps.items.findById(s.itemId).lean<Item>().exec();
    if (!successor) {
      try {
        await deps.items.create({
          _id: s.itemId,
          countyId: s.countyId,
          departmentId: s.departmentId,
          subjectCode: s.subjectCode,
          name: s.content.name,
          type: s.content.type,
          status: 'submitted',
          draft: s.content,
          currentVersion: 0,
          pendingChange: {
            kind: 'new',
            reason: `由「${item.name}」（${item.code}）${CHANGE_KINDS[change.kind]}而来：${change.reason}`,
          },
          predecessorId: item._id,
          comments: [],
        });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      successor = await deps.items.findById(s.itemId).lean<Item>().orFail().exec();
    }
    if (successor.status !== 'approved') {
      await copyDesign(deps, item, successor);
      await approve(deps, successor, successor.version, auth);
    }
  }
  return updateVersioned(
    deps.items,
    item._id,
    claimed.version,
    {
      $set: { status: 'cancelled', successorIds: (change.successors ?? []).map((s) => s.itemId) },
      $unset: { pendingChange: 1, returnReason: 1 },
    },
    '事项',
  );
}
