import type { TimeLimit } from '../catalog/item';
import type { IsoDuration } from './duration';
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
 * The executable graph of a verified flowchart, stored beside its XML and interpreted by the
 * runtime engine. Stored in MongoDB (also the embedded FerretDB): plain JSON, no arrays directly
 * inside arrays, no object keys taken from data (BPMN ids may contain '.'), so lists of objects
 * with their id inside. Bump the format when the shape changes; a case keeps the compiled
 * definition of the version it started on (CAT-6).
 */
export const COMPILED_PROCESS_FORMAT = 1;

export interface CompiledProcess {
  format: typeof COMPILED_PROCESS_FORMAT;
  processId: string;
  name?: string;
  /** Key of the item's application form (`county:processConfig form`). */
  applicationForm?: string;
  /** The one blank start event. */
  startNodeId: string;
  nodes: CompiledNode[];
  flows: CompiledFlow[];
}

interface NodeBase {
  id: string;
  /** The label on the diagram ('' when it has none). */
  name: string;
  /** Ids of incoming and outgoing sequence flows, in diagram order. */
  incoming: string[];
  outgoing: string[];
}

export interface StartNode extends NodeBase {
  kind: 'start';
}

export interface EndNode extends NodeBase {
  kind: 'end';
  /** A terminate end ends every branch still running. */
  terminate: boolean;
}

/** A step handled by people (环节, PROC-2). */
export interface UserTaskNode extends NodeBase {
  kind: 'userTask';
  step: CompiledStep;
  /** Several handlers (多实例): how they sign and whether in turn. */
  multiInstance?: { sequential: boolean; signing: SigningMode; ratio?: number };
  /** Ids of the timer boundary events on this step. */
  boundaryIds: string[];
}

/** An automatic step: make a document, notify the applicant, push data. */
export interface ServiceTaskNode extends NodeBase {
  kind: 'serviceTask';
  action: ServiceAction;
  /** What the action uses: a document template, a channel, a target system. */
  actionTarget?: string;
  documents: CompiledDocument[];
}

export interface GatewayNode extends NodeBase {
  kind: 'exclusiveGateway' | 'parallelGateway' | 'inclusiveGateway';
  /** The flow taken when no condition holds (exclusive and inclusive gateways). */
  defaultFlowId?: string;
  /**
   * Present when the gateway merges (two or more incoming flows). Parallel: wait for all
   * `expectedIncoming`; exclusive: each arrival passes (1); inclusive: wait for the branches
   * the matching split (`splitId`) started. `splitId` names the split whose branches this
   * gateway joins, for parallel and inclusive joins.
   */
  join?: {
    kind: 'parallel' | 'exclusive' | 'inclusive';
    expectedIncoming: number;
    splitId?: string;
  };
}

/** A timer on a step (催办, 超时): fires `duration` after the step began. */
export interface TimerBoundaryNode extends NodeBase {
  kind: 'timerBoundary';
  attachedTo: string;
  /** ISO 8601 as written, and parsed. */
  duration: string;
  durationParts: IsoDuration;
  /** true: the step is cancelled when the timer fires; false: the step goes on. */
  interrupting: boolean;
}

/** A wait for a message, e.g. the higher level's answer to 上报 (RUN-12). */
export interface MessageCatchNode extends NodeBase {
  kind: 'messageCatch';
  messageId: string;
  messageName: string;
}

export type CompiledNode =
  | StartNode
  | EndNode
  | UserTaskNode
  | ServiceTaskNode
  | GatewayNode
  | TimerBoundaryNode
  | MessageCatchNode;

export interface CompiledFlow {
  id: string;
  name: string;
  source: string;
  target: string;
  /** FEEL source of the condition, evaluated by feelin over the case data (PROC-3). */
  condition?: string;
  /** The source gateway's default flow. */
  isDefault: boolean;
}

export interface CompiledDocument {
  name: string;
  how?: string;
  format?: string;
  template?: string;
}

/** A step's settings (PROC-2), checked. */
export interface CompiledStep {
  posts: { postId: string; name?: string }[];
  limit: TimeLimit;
  /** Form shown at the step; the application form when the step names none. */
  form?: string;
  /** Per field; a field not listed is shown read-only. */
  fieldPermissions: { field: string; access: FieldAccess }[];
  /** Procedures whose time is not counted (听证, 检验 …), each with the reason. */
  excludedTimes: { kind: ExcludedTimeKind; reason: string }[];
  documents: CompiledDocument[];
  riskPoints: {
    name: string;
    type?: string;
    level?: RiskLevel;
    description?: string;
    measures?: string;
  }[];
  supervisionPoints: { name: string; rule?: string; description?: string }[];
  eSeal: boolean;
  /** Completing the step needs a written 办理意见 (issue 13). */
  opinionRequired?: boolean;
  /** Completing the step needs 同意 or 不同意, whether or not a condition reads it (issue 13). */
  decisionRequired?: boolean;
  /** 联办 (PROC-3): lead or assisting, and the unit handling the branch. */
  joint?: { role: JointRole; unitId?: string };
  /** 基层反馈 (RUN-12): handled by the window that accepted the case, after the decision. */
  handledBy?: HandledBy;
  /** Ex officio cases (RUN-17): the officer's queue this step belongs to. */
  stage?: ExOfficioStage;
  /** The step decides a penalty within the item's 自由裁量基准 (CAT-2, SUP-2). */
  discretion?: boolean;
}

/** A node by id, for code that holds a compiled process. */
export function nodeById(process: CompiledProcess, id: string): CompiledNode | undefined {
  return process.nodes.find((node) => node.id === id);
}
