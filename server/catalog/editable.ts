import type { AuthContext } from '../http/api';
import { assertCan } from '../access/query';
import { conflict } from '../http/errors';
import { ITEM_STATUS_LABELS, type ItemModel } from './item-model';
import { visibleItem } from './item-view';

/**
 * An item whose draft the caller may change now: a draft or a returned one. The flowchart and
 * forms change with the draft, so a published item needs a 变更 first (CAT-5).
 */
export async function editableItem(items: ItemModel, auth: AuthContext, id: string, what: string) {
  const item = await visibleItem(items, auth.ability, id);
  assertCan(auth.ability, 'update', 'Item', item, `${what}（该事项）`);
  if (!['draft', 'returned'].includes(item.status)) {
    throw conflict(
      `事项${ITEM_STATUS_LABELS[item.status]}，不能${what}${item.status === 'approved' ? '；请先发起变更' : ''}`,
      { status: item.status },
    );
  }
  return item;
}
