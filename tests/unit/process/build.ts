/**
 * Flowcharts for tests, written as BPMN XML from a few helpers, so each fixture shows only what
 * it is about. Diagrams carry no layout; `<incoming>`/`<outgoing>` are derived from the flows.
 */
import type { VerificationContext } from '../../../runtime/process/verify';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const attrs = (a: Record<string, string | number | boolean | undefined>) =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(String(v))}"`)
    .join('');

export function definitions(inner: string, head = ''): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"' +
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
    ' xmlns:county="http://county-platform.org/schema/bpmn/1.0"' +
    ' id="Definitions_1" targetNamespace="http://county-platform.org/test">\n' +
    head +
    inner +
    '\n</bpmn:definitions>\n'
  );
}

export function processXml(
  elements: string[],
  options: { id?: string; form?: string; head?: string } = {},
): string {
  const config = options.form
    ? `<bpmn:extensionElements><county:processConfig form="${options.form}"/></bpmn:extensionElements>`
    : '';
  return definitions(
    `<bpmn:process id="${options.id ?? 'Process_1'}" name="测试流程" isExecutable="true">${config}\n` +
      elements.join('\n') +
      '\n</bpmn:process>',
    options.head ?? '',
  );
}

export const start = (id = 'start', name = '申请') => `<bpmn:startEvent${attrs({ id, name })}/>`;
export const end = (id = 'end', name = '办结') => `<bpmn:endEvent${attrs({ id, name })}/>`;
export const terminate = (id = 'stop', name = '终止') =>
  `<bpmn:endEvent${attrs({ id, name })}><bpmn:terminateEventDefinition/></bpmn:endEvent>`;

export interface StepOptions {
  /** Post ids; default one post `p1`. */
  posts?: string[];
  limit?: [number | string, string] | null;
  /** Other county:stepConfig attributes. */
  config?: Record<string, string | number | boolean | undefined>;
  /** Other county:stepConfig children. */
  children?: string;
  multi?: 'parallel' | 'sequential';
}

export function user(id: string, name: string, options: StepOptions = {}): string {
  const posts = (options.posts ?? ['p1'])
    .map((p) => `<county:posts postId="${p}" name="岗位${p}"/>`)
    .join('');
  const limit = options.limit === undefined ? [5, 'workingDays'] : options.limit;
  const config = attrs({
    ...(limit ? { limitValue: limit[0], limitUnit: limit[1] } : {}),
    ...options.config,
  });
  const loop = options.multi
    ? `<bpmn:multiInstanceLoopCharacteristics${options.multi === 'sequential' ? ' isSequential="true"' : ''}/>`
    : '';
  return (
    `<bpmn:userTask${attrs({ id, name })}><bpmn:extensionElements>` +
    `<county:stepConfig${config}>${posts}${options.children ?? ''}</county:stepConfig>` +
    `</bpmn:extensionElements>${loop}</bpmn:userTask>`
  );
}

export const service = (
  id: string,
  name: string,
  config: Record<string, string | undefined> = { action: 'notify' },
) =>
  `<bpmn:serviceTask${attrs({ id, name })}><bpmn:extensionElements>` +
  `<county:stepConfig${attrs(config)}/></bpmn:extensionElements></bpmn:serviceTask>`;

export const xor = (id: string, name = '', fallback?: string) =>
  `<bpmn:exclusiveGateway${attrs({ id, name: name || undefined, default: fallback })}/>`;
export const inclusive = (id: string, name = '', fallback?: string) =>
  `<bpmn:inclusiveGateway${attrs({ id, name: name || undefined, default: fallback })}/>`;
export const and = (id: string, name = '') =>
  `<bpmn:parallelGateway${attrs({ id, name: name || undefined })}/>`;

export const flow = (
  id: string,
  source: string,
  target: string,
  options: { name?: string; condition?: string } = {},
) =>
  options.condition === undefined
    ? `<bpmn:sequenceFlow${attrs({ id, name: options.name, sourceRef: source, targetRef: target })}/>`
    : `<bpmn:sequenceFlow${attrs({ id, name: options.name ?? '条件', sourceRef: source, targetRef: target })}>` +
      `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="feel">${esc(options.condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>`;

/** Flows joining the given nodes in a row: a→b, b→c … with ids `${prefix}1`, `${prefix}2` … */
export const chain = (ids: string[], prefix = 'flow') =>
  ids.slice(1).map((to, i) => flow(`${prefix}${i + 1}`, ids[i]!, to));

export const timer = (
  id: string,
  name: string,
  host: string,
  duration: string,
  interrupting = true,
) =>
  `<bpmn:boundaryEvent${attrs({ id, name, attachedToRef: host, cancelActivity: interrupting ? undefined : 'false' })}>` +
  `<bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${duration}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`;

export const messageCatch = (id: string, name: string, messageRef?: string) =>
  `<bpmn:intermediateCatchEvent${attrs({ id, name })}><bpmn:messageEventDefinition${attrs({ messageRef })}/></bpmn:intermediateCatchEvent>`;
export const message = (id: string, name?: string) => `<bpmn:message${attrs({ id, name })}/>`;

/** The item a fixture is checked against: an application form, two posts, 20 working days. */
export function context(extra: Partial<VerificationContext> = {}): VerificationContext {
  return {
    promisedLimit: { value: 20, unit: 'workingDays' },
    forms: {
      apply: [
        { key: 'companyName', type: 'text', label: '企业名称' },
        { key: 'amount', type: 'number', label: '投资额', required: true },
        { key: 'optionalAmount', type: 'number', label: '其他金额' },
        {
          key: 'scale',
          type: 'select',
          label: '规模',
          required: true,
          options: [{ value: 'small' }, { value: 'medium' }, { value: 'large' }],
        },
        {
          key: 'optionalScale',
          type: 'select',
          label: '可选规模',
          options: [{ value: 'small' }, { value: 'large' }],
        },
      ],
      review: [{ key: 'opinion', type: 'textarea', label: '审核意见' }],
    },
    posts: ['p1', 'p2'],
    ...extra,
  };
}

/** start → 受理 → 审核 → end: the smallest diagram that verifies, with the application form. */
export const simple = (steps: string[] = [user('accept', '受理'), user('review', '审核')]) =>
  processXml([start(), ...steps, end(), ...chain(['start', 'accept', 'review', 'end'])], {
    form: 'apply',
  });

/**
 * ~110,000 elements in 2 MB, none of them BPMN (PROC-4): before the XML pre-pass this held the
 * event loop for over two minutes, and its problem list passed MongoDB's 16 MB document limit.
 */
export function manyUnknownElements(): string {
  const base = definitions('<bpmn:process id="P"><bpmn:startEvent id="s"/>__</bpmn:process>');
  const count = Math.floor((2 * 1024 * 1024 - base.length) / '<x:e/>'.length) - 1;
  return base.replace('__', '<x:e/>'.repeat(count));
}
