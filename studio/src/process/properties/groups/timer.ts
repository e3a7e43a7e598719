import { Group, TextFieldEntry, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import type { Element } from 'bpmn-js/lib/model/Types';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import { useService } from 'bpmn-js-properties-panel';
// The engine's own reading of a duration, so that the panel accepts what it runs.
import { parseIsoDuration } from '../../../../../runtime/process/duration';
import type { BpmnFactory, CommandStack, ModdleObject } from '../extension';
import { useDebounce } from '../use-config';
import type { GroupContext, GroupDefinition } from './types';

const timerOf = (element: Element) =>
  (getBusinessObject(element).get('eventDefinitions') as ModdleObject[] | undefined)?.find((d) =>
    is(d, 'bpmn:TimerEventDefinition'),
  );

function DurationEntry({ element, id }: { element: Element; id: string }) {
  const bpmnFactory = useService<BpmnFactory>('bpmnFactory');
  const commandStack = useService<CommandStack>('commandStack');
  const debounce = useDebounce();
  return h(TextFieldEntry, {
    element,
    id,
    label: '时长',
    debounce,
    description: 'ISO 8601 时长：P5D 为 5 天，PT4H 为 4 小时，P1DT12H 为 1 天半',
    validate: (value?: string) =>
      value?.trim() && !parseIsoDuration(value.trim()) ? '时长格式不对，例：P5D、PT4H' : undefined,
    getValue: () =>
      (timerOf(element)?.get('timeDuration') as ModdleObject | undefined)?.get('body') ?? '',
    setValue: (body: string) => {
      const timer = timerOf(element);
      if (!timer) return;
      const timeDuration = bpmnFactory.create('bpmn:FormalExpression', {
        body: body?.trim() ?? '',
      });
      timeDuration.$parent = timer;
      // Only durations are supported (PROC-4): a date or a cycle from elsewhere goes.
      commandStack.execute('element.updateModdleProperties', {
        element,
        moddleElement: timer,
        properties: { timeDuration, timeDate: undefined, timeCycle: undefined },
      });
    },
  });
}

/** 定时 on a timer boundary event: how long the step may run before the timer fires. */
export function timerGroup({ element }: GroupContext): GroupDefinition | null {
  if (!timerOf(element)) return null;
  return {
    id: 'county-timer',
    label: '定时',
    component: Group,
    entries: [
      { id: 'county-timer-duration', component: DurationEntry, isEdited: isTextFieldEntryEdited },
    ],
  };
}
