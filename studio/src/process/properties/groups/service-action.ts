import { Group } from '@bpmn-io/properties-panel';
import { ChoiceEntry, TextEntry, entry } from '../entries';
import { getConfig } from '../extension';
import { ACTION_TARGETS, ACTIONS } from '../labels';
import type { GroupContext, GroupDefinition } from './types';

/** 自动动作: what an automatic step does (generate a document, notify, push data) and with what. */
export function serviceActionGroup({ element }: GroupContext): GroupDefinition {
  const action = getConfig(element, 'county:StepConfig')?.get('action');
  const target = ACTION_TARGETS[String(action)];
  return {
    id: 'county-action',
    label: '自动动作',
    component: Group,
    entries: [
      entry(ChoiceEntry, 'select', {
        id: 'county-action',
        label: '动作',
        attr: 'action',
        options: () => ACTIONS,
        empty: '请选择',
      }),
      ...(target
        ? [
            entry(TextEntry, 'text', {
              id: 'county-action-target',
              label: target.label,
              attr: 'actionTarget',
              description: target.description,
            }),
          ]
        : []),
    ],
  };
}
