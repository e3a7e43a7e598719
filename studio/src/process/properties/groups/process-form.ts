import { Group } from '@bpmn-io/properties-panel';
import { ChoiceEntry, entry } from '../entries';
import { getConfig } from '../extension';
import { formOptions } from './step-form';
import type { GroupContext, GroupDefinition } from './types';

/** 申请表单: the form an applicant fills in to start a case of this item. */
export function processFormGroup({ element, data }: GroupContext): GroupDefinition {
  return {
    id: 'county-process-form',
    label: '申请表单',
    component: Group,
    entries: [
      entry(ChoiceEntry, 'select', {
        id: 'county-process-form',
        label: '申请表单',
        attr: 'form',
        config: 'county:ProcessConfig',
        options: () =>
          formOptions(data.forms, getConfig(element, 'county:ProcessConfig')?.get('form')).slice(1),
        empty: '（不使用表单）',
      }),
    ],
  };
}
