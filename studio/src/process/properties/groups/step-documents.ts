import { ChoiceEntry, TextEntry, entry } from '../entries';
import { DOCUMENT_FORMATS, DOCUMENT_HOW } from '../labels';
import { listGroup } from './list-group';
import type { GroupContext, GroupDefinition } from './types';

/** 文书 (PROC-2): the documents made at this step: name, how, format (and template if generated). */
export function documentsGroup(context: GroupContext): GroupDefinition {
  return listGroup(
    {
      id: 'county-documents',
      label: '文书',
      list: 'documents',
      itemType: 'county:StepDocument',
      itemLabel: (item) => String(item.get('name') ?? ''),
      initial: () => ({ how: 'generated', format: 'ofd' }),
      entries: (item, id) => [
        entry(TextEntry, 'text', { id: `${id}-name`, label: '文书名称', attr: 'name', item }),
        entry(ChoiceEntry, 'select', {
          id: `${id}-how`,
          label: '制作方式',
          attr: 'how',
          item,
          options: () => DOCUMENT_HOW,
          empty: '请选择',
        }),
        entry(ChoiceEntry, 'select', {
          id: `${id}-format`,
          label: '格式',
          attr: 'format',
          item,
          options: () => DOCUMENT_FORMATS,
          empty: '请选择',
        }),
        entry(TextEntry, 'text', {
          id: `${id}-template`,
          label: '文书模板',
          attr: 'template',
          item,
          description: '按模板生成时所用模板的编号',
        }),
      ],
    },
    context,
  );
}
