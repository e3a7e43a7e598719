import type { LimitUnit } from '../catalog/item';
import {
  COMPILED_PROCESS_FORMAT,
  type CompiledDocument,
  type CompiledFlow,
  type CompiledNode,
  type CompiledProcess,
  type CompiledStep,
} from './compiled';
import { parseIsoDuration } from './duration';
import { flowNodesOf, is, listOf, refOf, type BpmnElement } from './moddle';
import { immediatePostDominators } from './structure';
import { multiInstanceOf, processFormOf, readStepConfig, type RawStepConfig } from './step-config';
import type {
  ExcludedTimeKind,
  ExOfficioStage,
  FieldAccess,
  HandledBy,
  JointRole,
  RiskLevel,
  ServiceAction,
  SigningMode,
} from './vocabulary';

/**
 * Turns a parsed process into the graph the runtime interprets (see `compiled.ts`). It assumes
 * the diagram passed `verifyProcess`, which calls it and checks the result; on a diagram that
 * did not, values are carried over as they are.
 */
export function compileProcess(process: BpmnElement): CompiledProcess {
  const elements = flowNodesOf(process);
  const start = elements.find((e) => is(e, 'bpmn:StartEvent'));
  const nodes = elements.map(compileNode);
  const flows = listOf(process, 'flowElements')
    .filter((e) => is(e, 'bpmn:SequenceFlow'))
    .map(compileFlow);
  const applicationForm = processFormOf(process);
  const compiled: CompiledProcess = {
    format: COMPILED_PROCESS_FORMAT,
    processId: process.id ?? '',
    ...(process.name?.trim() ? { name: process.name.trim() } : {}),
    ...(applicationForm ? { applicationForm } : {}),
    startNodeId: start?.id ?? '',
    nodes,
    flows,
  };
  for (const node of nodes) {
    if (node.kind === 'userTask') {
      node.boundaryIds = nodes
        .filter((n) => n.kind === 'timerBoundary' && n.attachedTo === node.id)
        .map((n) => n.id);
    }
  }
  matchJoins(compiled);
  return compiled;
}

const ids = (element: BpmnElement, property: string) =>
  listOf(element, property)
    .map((e) => e.id ?? '')
    .filter(Boolean);

function compileNode(element: BpmnElement): CompiledNode {
  const base = {
    id: element.id ?? '',
    name: (element.name ?? '').trim(),
    incoming: ids(element, 'incoming'),
    outgoing: ids(element, 'outgoing'),
  };
  const definitions = listOf(element, 'eventDefinitions');
  switch (element.$type) {
    case 'bpmn:StartEvent':
      return { ...base, kind: 'start' };
    case 'bpmn:EndEvent':
      return {
        ...base,
        kind: 'end',
        terminate: definitions.some((d) => is(d, 'bpmn:TerminateEventDefinition')),
      };
    case 'bpmn:UserTask':
      return userTask(element, base);
    case 'bpmn:ServiceTask': {
      const step = readStepConfig(element);
      return {
        ...base,
        kind: 'serviceTask',
        action: step.action as ServiceAction,
        ...(step.actionTarget ? { actionTarget: step.actionTarget } : {}),
        documents: documents(step),
      };
    }
    case 'bpmn:BoundaryEvent': {
      const body = refOf(definitions[0], 'timeDuration')?.body;
      const text = typeof body === 'string' ? body.trim() : '';
      return {
        ...base,
        kind: 'timerBoundary',
        attachedTo: refOf(element, 'attachedToRef')?.id ?? '',
        duration: text,
        durationParts: parseIsoDuration(text) ?? {
          years: 0,
          months: 0,
          weeks: 0,
          days: 0,
          hours: 0,
          minutes: 0,
          seconds: 0,
        },
        interrupting: element.cancelActivity !== false,
      };
    }
    case 'bpmn:IntermediateCatchEvent': {
      const message = refOf(definitions[0], 'messageRef');
      return {
        ...base,
        kind: 'messageCatch',
        messageId: message?.id ?? '',
        messageName: (message?.name ?? '').trim(),
      };
    }
    default: {
      const kind =
        element.$type === 'bpmn:ParallelGateway'
          ? 'parallelGateway'
          : element.$type === 'bpmn:InclusiveGateway'
            ? 'inclusiveGateway'
            : 'exclusiveGateway';
      const fallback = refOf(element, 'default')?.id;
      const joinKind = ({ parallelGateway: 'parallel', inclusiveGateway: 'inclusive' } as const)[
        kind as 'parallelGateway'
      ];
      return {
        ...base,
        kind,
        ...(fallback ? { defaultFlowId: fallback } : {}),
        ...(base.incoming.length > 1
          ? {
              join: {
                kind: joinKind ?? 'exclusive',
                expectedIncoming: joinKind ? base.incoming.length : 1,
              },
            }
          : {}),
      };
    }
  }
}

function userTask(element: BpmnElement, base: Omit<CompiledNode, 'kind'>): CompiledNode {
  const raw = readStepConfig(element);
  const loop = multiInstanceOf(element);
  return {
    ...base,
    kind: 'userTask',
    step: compileStep(raw),
    ...(loop
      ? {
          multiInstance: {
            sequential: loop.sequential,
            signing: raw.signing as SigningMode,
            ...(raw.signing === 'ratio' && raw.signingRatio !== undefined
              ? { ratio: raw.signingRatio }
              : {}),
          },
        }
      : {}),
    boundaryIds: [],
  };
}

function documents(raw: RawStepConfig): CompiledDocument[] {
  return raw.documents.map((d) => ({ ...d, name: d.name ?? '' }));
}

function compileStep(raw: RawStepConfig): CompiledStep {
  return {
    posts: raw.posts.map((p) => ({ postId: p.postId ?? '', ...(p.name ? { name: p.name } : {}) })),
    limit: { value: raw.limitValue ?? 0, unit: raw.limitUnit as LimitUnit },
    ...(raw.form ? { form: raw.form } : {}),
    fieldPermissions: raw.fieldPermissions.map((f) => ({
      field: f.field ?? '',
      access: f.access as FieldAccess,
    })),
    excludedTimes: raw.excludedTimes.map((e) => ({
      kind: e.kind as ExcludedTimeKind,
      reason: e.reason ?? '',
    })),
    documents: documents(raw),
    riskPoints: raw.riskPoints.map(({ level, ...r }) => ({
      ...r,
      name: r.name ?? '',
      ...(level ? { level: level as RiskLevel } : {}),
    })),
    supervisionPoints: raw.supervisionPoints.map((s) => ({ ...s, name: s.name ?? '' })),
    eSeal: raw.eSeal === true,
    ...(raw.opinionRequired ? { opinionRequired: true } : {}),
    ...(raw.decisionRequired ? { decisionRequired: true } : {}),
    ...(raw.handledBy ? { handledBy: raw.handledBy as HandledBy } : {}),
    ...(raw.stage ? { stage: raw.stage as ExOfficioStage } : {}),
    ...(raw.discretion ? { discretion: true } : {}),
    ...(raw.jointRole
      ? {
          joint: {
            role: raw.jointRole as JointRole,
            ...(raw.unitId ? { unitId: raw.unitId } : {}),
          },
        }
      : {}),
  };
}

function compileFlow(element: BpmnElement): CompiledFlow {
  const source = refOf(element, 'sourceRef');
  const body = refOf(element, 'conditionExpression')?.body;
  const condition = typeof body === 'string' && body.trim() ? body.trim() : undefined;
  return {
    id: element.id ?? '',
    name: (element.name ?? '').trim(),
    source: source?.id ?? '',
    target: refOf(element, 'targetRef')?.id ?? '',
    ...(condition ? { condition } : {}),
    isDefault: !!source && refOf(source, 'default') === element,
  };
}

/**
 * A parallel or inclusive split's branches meet at its immediate post-dominator; when that is a
 * join of the same kind, the join records the split (the runtime waits for what it started).
 */
function matchJoins(compiled: CompiledProcess) {
  const ipdom = immediatePostDominators(compiled);
  const byId = new Map(compiled.nodes.map((n) => [n.id, n]));
  for (const split of compiled.nodes) {
    if (split.kind !== 'parallelGateway' && split.kind !== 'inclusiveGateway') continue;
    if (split.outgoing.length < 2) continue;
    const join = byId.get(ipdom.get(split.id) ?? '');
    if (join && join.kind === split.kind && join.join && !join.join.splitId) {
      join.join.splitId = split.id;
    }
  }
}
