import { initiationOf } from '../../runtime/catalog/item';
import { ITEM_TYPES } from '../../runtime/catalog/item-types';
import type { AppAbility } from '../access/abilities';
import { accessibleFilter, both } from '../access/query';
import { notFound } from '../http/errors';
import {
  CHANGE_KINDS,
  ITEM_STATUS_LABELS,
  type Item,
  type ItemFilter,
  type ItemModel,
} from './item-model';

/** An item as the API shows it. */
export const itemView = (i: Item) => ({
  id: String(i._id),
  countyId: String(i.countyId),
  departmentId: String(i.departmentId),
  subjectCode: i.subjectCode,
  code: i.code,
  name: i.name,
  type: i.type,
  typeLabel: ITEM_TYPES[i.type],
  status: i.status,
  statusLabel: ITEM_STATUS_LABELS[i.status],
  currentVersion: i.currentVersion,
  pendingChange: i.pendingChange
    ? {
        kind: i.pendingChange.kind,
        reason: i.pendingChange.reason,
        label: CHANGE_KINDS[i.pendingChange.kind],
        successors: i.pendingChange.successors?.map((s) => ({
          itemId: String(s.itemId),
          departmentId: String(s.departmentId),
          subjectCode: s.subjectCode,
          name: s.content.name,
          type: s.content.type,
          subjectName: s.content.subject.name,
        })),
      }
    : undefined,
  returnReason: i.returnReason,
  // 试运行 (OPS-5).
  trial: i.trial
    ? { since: i.trial.since, version: i.trial.version, byName: i.trial.byName }
    : undefined,
  formalSince: i.formalSince,
  // 依申请 or 依职权 as the item stands (RUN-17): lists sort the window's and the officer's items.
  initiation: initiationOf(i.draft ?? { type: i.type }),
  predecessorId: i.predecessorId && String(i.predecessorId),
  successorIds: i.successorIds?.map(String),
  draft: i.draft,
  comments: i.comments,
  version: i.version,
  createdAt: i.createdAt,
  updatedAt: i.updatedAt,
});

/** An item the caller may read; anything else, including another department's, is a 404. */
export async function visibleItem(items: ItemModel, ability: AppAbility, id: string) {
  const filter = accessibleFilter<Item>(ability, 'read', 'Item');
  const item =
    filter &&
    (await items
      .findOne(both<Item>(filter, { _id: id }) as ItemFilter)
      .lean<Item>()
      .exec());
  if (!item) throw notFound('事项不存在');
  return item;
}
