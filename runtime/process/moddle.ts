/**
 * A bpmn-moddle element as far as this area reads it. moddle builds plain objects whose
 * properties depend on the type, so the shape is loose and read through the helpers below.
 */
export interface BpmnElement {
  $type: string;
  $parent?: BpmnElement;
  $attrs?: Record<string, string>;
  $descriptor: {
    isGeneric?: boolean;
    properties: {
      name: string;
      type: string;
      isMany?: boolean;
      isAttr?: boolean;
      isReference?: boolean;
    }[];
  };
  $instanceOf(type: string): boolean;
  id?: string;
  name?: string;
  [property: string]: unknown;
}

export const is = (element: BpmnElement | undefined, type: string): boolean =>
  !!element && typeof element.$instanceOf === 'function' && element.$instanceOf(type);

export const isAny = (element: BpmnElement | undefined, types: readonly string[]): boolean =>
  types.some((type) => is(element, type));

/** A many-valued property (`flowElements`, `incoming`, …), empty when absent. */
export function listOf(element: BpmnElement | undefined, property: string): BpmnElement[] {
  const value = element?.[property];
  return Array.isArray(value) ? (value as BpmnElement[]) : [];
}

/** A single element-valued property (`sourceRef`, `default`, …). */
export function refOf(element: BpmnElement | undefined, property: string): BpmnElement | undefined {
  const value = element?.[property];
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as BpmnElement)
    : undefined;
}

/** The `county:*` (or any) extension elements of the given type on an element. */
export function extensionsOf(element: BpmnElement | undefined, type: string): BpmnElement[] {
  return listOf(refOf(element, 'extensionElements'), 'values').filter((value) => is(value, type));
}

const KIND_LABELS: Record<string, string> = {
  'bpmn:Process': '流程',
  'bpmn:Collaboration': '协作图',
  'bpmn:Participant': '泳池',
  'bpmn:Lane': '泳道',
  'bpmn:StartEvent': '开始事件',
  'bpmn:EndEvent': '结束事件',
  'bpmn:UserTask': '环节',
  'bpmn:ServiceTask': '自动环节',
  'bpmn:ExclusiveGateway': '排他网关',
  'bpmn:ParallelGateway': '并行网关',
  'bpmn:InclusiveGateway': '包容网关',
  'bpmn:BoundaryEvent': '边界事件',
  'bpmn:IntermediateCatchEvent': '中间捕获事件',
  'bpmn:IntermediateThrowEvent': '中间抛出事件',
  'bpmn:SequenceFlow': '连线',
  'bpmn:MessageFlow': '消息流',
  'bpmn:Task': '普通任务',
  'bpmn:SendTask': '发送任务',
  'bpmn:ReceiveTask': '接收任务',
  'bpmn:ManualTask': '手工任务',
  'bpmn:ScriptTask': '脚本任务',
  'bpmn:BusinessRuleTask': '业务规则任务',
  'bpmn:SubProcess': '子流程',
  'bpmn:Transaction': '事务子流程',
  'bpmn:AdHocSubProcess': '自由子流程',
  'bpmn:CallActivity': '调用活动',
  'bpmn:ComplexGateway': '复杂网关',
  'bpmn:EventBasedGateway': '事件网关',
  'bpmn:DataObject': '数据对象',
  'bpmn:DataObjectReference': '数据对象',
  'bpmn:DataStoreReference': '数据存储',
  'bpmn:DataStore': '数据存储',
  'bpmn:PotentialOwner': '处理人设定',
  'bpmn:Performer': '执行人设定',
  'bpmn:Message': '消息',
  'bpmn:TextAnnotation': '注释',
  'bpmn:Group': '分组',
  'bpmn:Association': '关联',
  'bpmn:TimerEventDefinition': '定时事件定义',
  'bpmn:MessageEventDefinition': '消息事件定义',
  'bpmn:TerminateEventDefinition': '终止事件定义',
  'bpmn:ErrorEventDefinition': '错误事件定义',
  'bpmn:EscalationEventDefinition': '升级事件定义',
  'bpmn:SignalEventDefinition': '信号事件定义',
  'bpmn:ConditionalEventDefinition': '条件事件定义',
  'bpmn:CompensateEventDefinition': '补偿事件定义',
  'bpmn:LinkEventDefinition': '链接事件定义',
  'bpmn:CancelEventDefinition': '取消事件定义',
};

/** The Chinese name of an element's kind, falling back to its BPMN type. */
export const kindLabel = (type: string): string => KIND_LABELS[type] ?? type;

/**
 * How messages name an element: its kind, its label and its id, e.g. 环节「审核」(Task_1), so a
 * clerk recognises it on the diagram and the studio can find it.
 */
export function describe(element: BpmnElement): string {
  const name = (element.name ?? '').trim();
  const id = element.id ? `(${element.id})` : '';
  return name ? `${kindLabel(element.$type)}「${name}」${id}` : `${kindLabel(element.$type)}${id}`;
}

/** The flow nodes of a process (everything but its sequence flows). */
export const flowNodesOf = (process: BpmnElement): BpmnElement[] =>
  listOf(process, 'flowElements').filter((e) => !is(e, 'bpmn:SequenceFlow'));

/**
 * Where a token can go next from a node: the targets of its outgoing flows and, for a task, its
 * boundary events (a timer can take the token off the task).
 */
export function successorMap(process: BpmnElement): Map<string, string[]> {
  const nodes = flowNodesOf(process);
  const ids = new Set(nodes.map((n) => n.id));
  const next = new Map<string, string[]>(nodes.map((n) => [n.id ?? '', []]));
  for (const node of nodes) {
    for (const flow of listOf(node, 'outgoing')) {
      const target = refOf(flow, 'targetRef')?.id;
      if (target && ids.has(target)) next.get(node.id ?? '')!.push(target);
    }
    const host = refOf(node, 'attachedToRef')?.id;
    if (is(node, 'bpmn:BoundaryEvent') && host && ids.has(host))
      next.get(host)!.push(node.id ?? '');
  }
  return next;
}
