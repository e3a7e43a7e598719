import { Group, NumberFieldEntry, isNumberFieldEntryEdited } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import type { Element } from 'bpmn-js/lib/model/Types';
import { ChoiceEntry, entry } from '../entries';
import { getConfig } from '../extension';
import { LIMIT_UNITS } from '../labels';
import { useConfigEditor, useDebounce } from '../use-config';
import type { GroupContext, GroupDefinition } from './types';

function LimitValueEntry({ element, id }: { element: Element; id: string }) {
  const editor = useConfigEditor(element);
  const debounce = useDebounce();
  return h(NumberFieldEntry, {
    element,
    id,
    label: '时限',
    min: 0,
    step: 'any',
    debounce,
    getValue: () => getConfig(element, 'county:StepConfig')?.get('limitValue'),
    setValue: (value: number | undefined) => {
      const unit = getConfig(element, 'county:StepConfig')?.get('limitUnit');
      // A limit without its unit means nothing: working days unless the clerk chose otherwise.
      editor.set({
        limitValue: value,
        limitUnit: value === undefined ? unit : (unit ?? 'workingDays'),
      });
    },
  });
}

/** 办理时限 (PROC-2): how long this step may take. */
export function limitGroup(_context: GroupContext): GroupDefinition {
  return {
    id: 'county-limit',
    label: '办理时限',
    component: Group,
    entries: [
      { id: 'county-limit-value', component: LimitValueEntry, isEdited: isNumberFieldEntryEdited },
      entry(ChoiceEntry, 'select', {
        id: 'county-limit-unit',
        label: '单位',
        attr: 'limitUnit',
        options: () => LIMIT_UNITS,
        empty: '（未设定）',
      }),
    ],
  };
}
