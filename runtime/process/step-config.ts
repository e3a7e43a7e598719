import { extensionsOf, listOf, refOf, type BpmnElement } from './moddle';

/**
 * A step's `county:stepConfig` as written in the XML, before any check: every value may be
 * missing or wrong. The lint rules and the compiler read it through here, so both see the same.
 */
export interface RawStepConfig {
  limitValue?: number;
  limitUnit?: string;
  form?: string;
  eSeal?: boolean;
  opinionRequired?: boolean;
  decisionRequired?: boolean;
  signing?: string;
  signingRatio?: number;
  jointRole?: string;
  handledBy?: string;
  stage?: string;
  discretion?: boolean;
  unitId?: string;
  action?: string;
  actionTarget?: string;
  posts: { postId?: string; name?: string }[];
  excludedTimes: { kind?: string; reason?: string }[];
  fieldPermissions: { field?: string; access?: string }[];
  documents: { name?: string; how?: string; format?: string; template?: string }[];
  riskPoints: {
    name?: string;
    type?: string;
    level?: string;
    description?: string;
    measures?: string;
  }[];
  supervisionPoints: { name?: string; rule?: string; description?: string }[];
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

function pick<K extends string>(element: BpmnElement, keys: readonly K[]) {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = text(element[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The `county:stepConfig` elements of a task (a valid step has exactly one). */
export const stepConfigsOf = (task: BpmnElement): BpmnElement[] =>
  extensionsOf(task, 'county:StepConfig');

export function readStepConfig(task: BpmnElement): RawStepConfig {
  const config = stepConfigsOf(task)[0];
  if (!config) {
    return {
      posts: [],
      excludedTimes: [],
      fieldPermissions: [],
      documents: [],
      riskPoints: [],
      supervisionPoints: [],
    };
  }
  return {
    limitValue: num(config.limitValue),
    limitUnit: text(config.limitUnit),
    form: text(config.form),
    eSeal: typeof config.eSeal === 'boolean' ? config.eSeal : undefined,
    opinionRequired: config.opinionRequired === true ? true : undefined,
    decisionRequired: config.decisionRequired === true ? true : undefined,
    signing: text(config.signing),
    signingRatio: num(config.signingRatio),
    jointRole: text(config.jointRole),
    handledBy: text(config.handledBy),
    stage: text(config.stage),
    discretion: config.discretion === true ? true : undefined,
    unitId: text(config.unitId),
    action: text(config.action),
    actionTarget: text(config.actionTarget),
    posts: listOf(config, 'posts').map((p) => pick(p, ['postId', 'name'])),
    excludedTimes: listOf(config, 'excludedTimes').map((e) => pick(e, ['kind', 'reason'])),
    fieldPermissions: listOf(config, 'fieldPermissions').map((f) => pick(f, ['field', 'access'])),
    documents: listOf(config, 'documents').map((d) =>
      pick(d, ['name', 'how', 'format', 'template']),
    ),
    riskPoints: listOf(config, 'riskPoints').map((r) =>
      pick(r, ['name', 'type', 'level', 'description', 'measures']),
    ),
    supervisionPoints: listOf(config, 'supervisionPoints').map((s) =>
      pick(s, ['name', 'rule', 'description']),
    ),
  };
}

/** The application form named by the process's `county:processConfig`. */
export function processFormOf(process: BpmnElement): string | undefined {
  return text(extensionsOf(process, 'county:ProcessConfig')[0]?.form);
}

/** A user task's multi-instance marker, if any: parallel (同时) or sequential (依次). */
export function multiInstanceOf(task: BpmnElement): { sequential: boolean } | undefined {
  const loop = refOf(task, 'loopCharacteristics');
  if (!loop || loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') return undefined;
  return { sequential: loop.isSequential === true };
}
