import type { AppAbility } from '../access/abilities';
import { accessibleFilter, both } from '../access/query';
import type { Item, ItemFilter, ItemModel } from './item-model';

/**
 * The items the caller may read, of one department when named; `null` when nothing is permitted
 * (CASL's empty query is refused by the embedded database, docs/database.md).
 */
export function catalogFilter(
  ability: AppAbility,
  departmentId: string | undefined,
  extra: Record<string, unknown> = {},
): ItemFilter | null {
  const filter = accessibleFilter<Item>(ability, 'read', 'Item');
  if (!filter) return null;
  const where = { ...extra, ...(departmentId ? { departmentId } : {}) };
  return (Object.keys(where).length ? both<Item>(filter, where) : filter) as ItemFilter;
}

/** Approved items in the catalog's order: by subject, then code. */
export async function approvedItems(
  items: ItemModel,
  ability: AppAbility,
  departmentId?: string,
): Promise<Item[]> {
  const filter = catalogFilter(ability, departmentId, { status: 'approved' });
  if (!filter) return [];
  return items.find(filter).sort({ subjectCode: 1, code: 1 }).lean<Item[]>().exec();
}
