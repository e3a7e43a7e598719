import type { Element } from 'bpmn-js/lib/model/Types';
import { useService } from 'bpmn-js-properties-panel';
import type { CountyData } from './county-data';
import { ConfigEditor, type BpmnFactory, type CommandStack, type ConfigType } from './extension';

/** Inside a panel entry: the editor of the element's step (or process) config. */
export function useConfigEditor(element: Element, type: ConfigType = 'county:StepConfig') {
  const bpmnFactory = useService<BpmnFactory>('bpmnFactory');
  const commandStack = useService<CommandStack>('commandStack');
  return new ConfigEditor(element, type, bpmnFactory, commandStack);
}

export const useCountyData = () => useService<CountyData>('countyData');

/** The panel's debounce for text inputs: one command per pause in typing, not per key. */
export const useDebounce = () => useService<(fn: unknown) => unknown>('debounceInput');
