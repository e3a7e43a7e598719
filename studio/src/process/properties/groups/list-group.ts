import { ListGroup } from '@bpmn-io/properties-panel';
import { getList, type ModdleObject } from '../extension';
import { itemId } from '../item-ids';
import type { GroupContext, GroupDefinition } from './types';

interface ListSpec {
  /** Group id, also the prefix of its items' ids. */
  id: string;
  label: string;
  /** The list of `county:stepConfig` and the type of its items. */
  list: string;
  itemType: string;
  /** What the collapsed item shows. */
  itemLabel: (item: ModdleObject) => string;
  /** The item's entries; `id` prefixes their ids. */
  entries: (item: ModdleObject, id: string) => { id: string }[];
  /** Attributes of a new item. */
  initial?: () => Record<string, unknown>;
}

/** A `ListGroup` over one of the step's lists (excluded time, documents, risk points …). */
export function listGroup(spec: ListSpec, { element, editor }: GroupContext): GroupDefinition {
  const items = getList(element, 'county:StepConfig', spec.list).map((item) => {
    const id = itemId(spec.id, item);
    const entries = spec.entries(item, id);
    return {
      id,
      label: spec.itemLabel(item),
      entries,
      autoFocusEntry: entries[0]?.id,
      remove: () => editor().remove(spec.list, item),
    };
  });
  return {
    id: spec.id,
    label: spec.label,
    component: ListGroup,
    items,
    add: (event) => {
      event.stopPropagation();
      editor().add(spec.list, spec.itemType, spec.initial?.() ?? {});
    },
  };
}

/** The label of `value` among `options`, or the value itself. */
export function labelOf(options: { value: string; label: string }[], value: unknown): string {
  return options.find((o) => o.value === value)?.label ?? (value ? String(value) : '');
}
