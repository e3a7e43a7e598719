import type { ModdleObject } from './extension';

// List items (posts, risk points …) carry no id of their own; the panel needs a stable one per
// item to keep it open while it is edited.
const ids = new WeakMap<ModdleObject, string>();
let next = 0;

export function itemId(prefix: string, item: ModdleObject): string {
  let id = ids.get(item);
  if (!id) ids.set(item, (id = `${prefix}-${++next}`));
  return id;
}
