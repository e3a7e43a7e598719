import { describe, is, isAny, kindLabel, listOf, refOf, type BpmnElement } from './moddle';
import type { ProcessProblem } from './problems';

/**
 * The BPMN this platform runs (PROC-4): what the engine interprets, plus the harmless things
 * diagrams carry. A thing is harmless when it only draws or documents (DI, lanes, annotations,
 * groups, documentation, one pool around the one process, message and category definitions).
 * Anything that looks as if it did something the engine would ignore (data objects, resource
 * assignments, message flows, other event kinds, sub-processes…) is refused, so a diagram never
 * means more than what runs. Extension elements and attributes of other tools' namespaces
 * (`camunda:`, `signavio:`, bpmn-js colours) are ignored: they are that tool's business.
 */

/** Where each supported type may appear: parent type → property → allowed child types. */
const ALLOWED: Record<string, Record<string, readonly string[]>> = {
  'bpmn:Definitions': {
    rootElements: [
      'bpmn:Process',
      'bpmn:Collaboration',
      'bpmn:Message',
      'bpmn:Category',
      'bpmn:ItemDefinition',
    ],
  },
  'bpmn:Collaboration': {
    participants: ['bpmn:Participant'],
    artifacts: ['bpmn:TextAnnotation', 'bpmn:Association', 'bpmn:Group'],
  },
  'bpmn:Participant': {},
  'bpmn:Process': {
    flowElements: [
      'bpmn:StartEvent',
      'bpmn:EndEvent',
      'bpmn:UserTask',
      'bpmn:ServiceTask',
      'bpmn:ExclusiveGateway',
      'bpmn:ParallelGateway',
      'bpmn:InclusiveGateway',
      'bpmn:BoundaryEvent',
      'bpmn:IntermediateCatchEvent',
      'bpmn:SequenceFlow',
    ],
    artifacts: ['bpmn:TextAnnotation', 'bpmn:Association', 'bpmn:Group'],
    laneSets: ['bpmn:LaneSet'],
  },
  'bpmn:LaneSet': { lanes: ['bpmn:Lane'] },
  'bpmn:Lane': { childLaneSet: ['bpmn:LaneSet'] },
  'bpmn:StartEvent': {},
  'bpmn:EndEvent': { eventDefinitions: ['bpmn:TerminateEventDefinition'] },
  'bpmn:UserTask': { loopCharacteristics: ['bpmn:MultiInstanceLoopCharacteristics'] },
  'bpmn:MultiInstanceLoopCharacteristics': {},
  'bpmn:ServiceTask': {},
  'bpmn:ExclusiveGateway': {},
  'bpmn:ParallelGateway': {},
  'bpmn:InclusiveGateway': {},
  'bpmn:BoundaryEvent': { eventDefinitions: ['bpmn:TimerEventDefinition'] },
  'bpmn:TimerEventDefinition': { timeDuration: ['bpmn:Expression', 'bpmn:FormalExpression'] },
  'bpmn:IntermediateCatchEvent': { eventDefinitions: ['bpmn:MessageEventDefinition'] },
  'bpmn:MessageEventDefinition': {},
  'bpmn:TerminateEventDefinition': {},
  'bpmn:SequenceFlow': {
    conditionExpression: ['bpmn:Expression', 'bpmn:FormalExpression'],
  },
  'bpmn:Expression': {},
  'bpmn:FormalExpression': {},
  'bpmn:TextAnnotation': { text: ['*'] },
  'bpmn:Association': {},
  'bpmn:Group': {},
  'bpmn:Message': {},
  'bpmn:Category': { categoryValue: ['bpmn:CategoryValue'] },
  'bpmn:CategoryValue': {},
  'bpmn:ItemDefinition': {},
};

/** Our extension elements and where they belong. */
const COUNTY_PLACES: Record<string, readonly string[]> = {
  'county:ProcessConfig': ['bpmn:Process'],
  'county:StepConfig': ['bpmn:UserTask', 'bpmn:ServiceTask'],
};

const ALWAYS_ALLOWED = new Set(['documentation', 'extensionElements', 'diagrams']);
const SIMPLE = new Set(['String', 'Boolean', 'Integer', 'Real']);

/** Elements the studio can find on the diagram (an event definition, say, has no shape). */
const MARKABLE = [
  'bpmn:FlowElement',
  'bpmn:Participant',
  'bpmn:Lane',
  'bpmn:Artifact',
  'bpmn:MessageFlow',
];
const canMark = (e: BpmnElement) =>
  !!e.id && (isAny(e, MARKABLE) || is(e.$parent, 'bpmn:Definitions'));

/** The nearest element the studio can mark: the element itself or an ancestor. */
function markable(element: BpmnElement): BpmnElement {
  let current: BpmnElement | undefined = element;
  while (current && !canMark(current)) current = current.$parent;
  return current ?? element;
}

/** What to use instead, for the elements people reach for most. */
const HINTS: Record<string, string> = {
  'bpmn:Task': '；请改为办理环节（用户任务）或自动环节（服务任务）',
  'bpmn:ManualTask': '；请改为办理环节（用户任务）',
  'bpmn:SendTask': '；请改为自动环节（服务任务，动作为通知或推送）',
  'bpmn:SubProcess': '；请把子流程中的环节画在主流程中',
  'bpmn:CallActivity': '；请把被调用流程的环节画在主流程中',
  'bpmn:IntermediateThrowEvent': '；请改为自动环节（服务任务）',
};

function unsupported(element: BpmnElement, note = ''): ProcessProblem {
  const host = markable(element);
  const own = element.id ? `${kindLabel(element.$type)}(${element.id})` : kindLabel(element.$type);
  const self = host === element ? describe(element) : `${describe(host)}中的${own}`;
  return {
    rule: 'county/unsupported-element',
    message: `不支持的流程元素：${self}，类型 ${element.$type}${note}${HINTS[element.$type] ?? ''}`,
    ...(host.id ? { elementId: host.id } : {}),
  };
}

function checkExtensions(element: BpmnElement, problems: ProcessProblem[]) {
  const values = listOf(refOf(element, 'extensionElements'), 'values');
  const seen = new Set<string>();
  for (const value of values) {
    const places = COUNTY_PLACES[value.$type];
    if (!value.$type.startsWith('county:')) continue; // other tools' extensions: ignored
    if (!places || !places.some((type) => is(element, type))) {
      problems.push({
        rule: 'county/unsupported-element',
        message: `${describe(element)}上不能放 ${value.$type} 扩展`,
        ...(element.id ? { elementId: element.id } : {}),
      });
    } else if (seen.has(value.$type)) {
      problems.push({
        rule: 'county/unsupported-element',
        message: `${describe(element)}有多个 ${value.$type}，只能有一个`,
        ...(element.id ? { elementId: element.id } : {}),
      });
    }
    seen.add(value.$type);
  }
}

/** Special shapes of otherwise supported elements. */
function checkShape(element: BpmnElement, problems: ProcessProblem[]) {
  const definitions = listOf(element, 'eventDefinitions');
  if (is(element, 'bpmn:BoundaryEvent') || is(element, 'bpmn:IntermediateCatchEvent')) {
    if (definitions.length === 0) {
      const wanted = is(element, 'bpmn:BoundaryEvent') ? '定时' : '消息';
      problems.push(unsupported(element, `（只支持${wanted}事件）`));
    }
  }
  if (definitions.length > 1) {
    problems.push({
      rule: 'county/unsupported-element',
      message: `${describe(element)}有多个事件定义，只能有一个`,
      ...(element.id ? { elementId: element.id } : {}),
    });
  }
  if (is(element, 'bpmn:TimerEventDefinition') && !refOf(element, 'timeDuration')) {
    problems.push({
      rule: 'county/unsupported-element',
      message: `${describe(markable(element))}的定时只支持时长（timeDuration），不支持固定日期或循环`,
      ...(markable(element).id ? { elementId: markable(element).id } : {}),
    });
  }
}

/** Lanes in lanes are the only nesting; deeper than this is no diagram anyone drew. */
const MAX_DEPTH = 40;

function walk(element: BpmnElement, problems: ProcessProblem[], depth = 0) {
  if (element.$descriptor.isGeneric || !element.$type.startsWith('bpmn:')) return;
  const allowed = ALLOWED[element.$type];
  if (!allowed) return;
  if (depth > MAX_DEPTH) {
    const host = markable(element);
    problems.push({
      rule: 'county/unsupported-element',
      message: `流程图嵌套过深（超过 ${MAX_DEPTH} 层），在${describe(host)}处`,
      ...(host.id ? { elementId: host.id } : {}),
    });
    return;
  }
  checkExtensions(element, problems);
  checkShape(element, problems);
  for (const property of element.$descriptor.properties) {
    if (property.isAttr || property.isReference || SIMPLE.has(property.type)) continue;
    if (ALWAYS_ALLOWED.has(property.name)) continue;
    const value = element[property.name];
    const children = (Array.isArray(value) ? value : value ? [value] : []) as BpmnElement[];
    const types = allowed[property.name];
    for (const child of children) {
      if (types && (types.includes('*') || types.includes(child.$type))) {
        walk(child, problems, depth + 1);
      } else problems.push(unsupported(child));
    }
  }
}

/**
 * Every unsupported element of a diagram, each named by type and id; the outermost one only,
 * since what lies inside an unsupported sub-process goes with it.
 */
export function unsupportedElements(definitions: BpmnElement): ProcessProblem[] {
  const problems: ProcessProblem[] = [];
  walk(definitions, problems);
  const processes = listOf(definitions, 'rootElements').filter((e) => is(e, 'bpmn:Process'));
  if (processes.length === 0) {
    problems.push({ rule: 'county/single-process', message: '流程图中没有流程（bpmn:process）' });
  }
  if (processes.length > 1) {
    for (const extra of processes.slice(1)) {
      problems.push({
        rule: 'county/single-process',
        message: `一个事项只能有一个流程，多出的${describe(extra)}不受支持`,
        ...(extra.id ? { elementId: extra.id } : {}),
      });
    }
  }
  let pools = 0;
  for (const collaboration of listOf(definitions, 'rootElements')) {
    if (!is(collaboration, 'bpmn:Collaboration')) continue;
    for (const participant of listOf(collaboration, 'participants')) {
      const own = processes.length > 0 && refOf(participant, 'processRef') === processes[0];
      if (!own || ++pools > 1) {
        problems.push({
          rule: 'county/single-process',
          message: `只支持一个泳池（即流程本身），${describe(participant)}不受支持`,
          ...(participant.id ? { elementId: participant.id } : {}),
        });
      }
    }
  }
  return problems;
}
