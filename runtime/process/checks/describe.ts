import type { CompiledFlow, CompiledNode } from '../compiled';
import { kindLabel } from '../moddle';

const TYPES: Record<CompiledNode['kind'], string> = {
  start: 'bpmn:StartEvent',
  end: 'bpmn:EndEvent',
  userTask: 'bpmn:UserTask',
  serviceTask: 'bpmn:ServiceTask',
  exclusiveGateway: 'bpmn:ExclusiveGateway',
  parallelGateway: 'bpmn:ParallelGateway',
  inclusiveGateway: 'bpmn:InclusiveGateway',
  timerBoundary: 'bpmn:BoundaryEvent',
  messageCatch: 'bpmn:IntermediateCatchEvent',
};

/** A compiled node or flow named as the lint rules name elements: 环节「审核」(Task_1). */
export function describeNode(node: CompiledNode | CompiledFlow): string {
  const label = 'kind' in node ? kindLabel(TYPES[node.kind]) : kindLabel('bpmn:SequenceFlow');
  return node.name ? `${label}「${node.name}」(${node.id})` : `${label}(${node.id})`;
}
