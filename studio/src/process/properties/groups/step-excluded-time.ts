import { ChoiceEntry, TextEntry, entry } from '../entries';
import { EXCLUDED_KINDS } from '../labels';
import { labelOf, listGroup } from './list-group';
import type { GroupContext, GroupDefinition } from './types';

/** 不计时 (PROC-2): procedures such as 听证 or 检验 whose time the step's limit excludes, and why. */
export function excludedTimeGroup(context: GroupContext): GroupDefinition {
  return listGroup(
    {
      id: 'county-excluded-times',
      label: '不计时（特别程序）',
      list: 'excludedTimes',
      itemType: 'county:ExcludedTime',
      itemLabel: (item) => labelOf(EXCLUDED_KINDS, item.get('kind')),
      entries: (item, id) => [
        entry(ChoiceEntry, 'select', {
          id: `${id}-kind`,
          label: '程序',
          attr: 'kind',
          item,
          options: () => EXCLUDED_KINDS,
          empty: '请选择',
        }),
        entry(TextEntry, 'textarea', {
          id: `${id}-reason`,
          label: '理由及依据',
          attr: 'reason',
          item,
          multiline: true,
        }),
      ],
    },
    context,
  );
}
