import type {
  DiscretionBenchmark,
  ExOfficioProcedure,
  HandlingKind,
  Initiation,
  InternalProcess,
  TimeLimit,
} from '../catalog/item';
import type { FormSchema } from '../forms/schema';
import type {
  CompiledFlow,
  CompiledNode,
  CompiledProcess,
  TimerBoundaryNode,
  UserTaskNode,
} from '../process/compiled';
import { feelReferences } from '../process/feel';
import type { UnitRef } from '../trail/entry';
import { CaseError } from './errors';

/** What an approved item version holds for running its cases (CAT-6). */
export interface CaseDefinition {
  itemId: string;
  itemVersion: number;
  itemName: string;
  itemCode: string;
  /** The unit that exercises the item: it handles the steps after acceptance (RUN-12). */
  subject: UnitRef;
  handlingKind: HandlingKind;
  /** 依职权 (RUN-17): opened by the department, never applied for; absent: applied for. */
  initiation?: Initiation;
  procedure?: ExOfficioProcedure;
  /** The item's 自由裁量基准 (CAT-2), checked at a step marked `discretion`. */
  discretion?: DiscretionBenchmark[];
  /** 督办 or complaint: the platform's own process, not a service (PROC-6, SUP-4). */
  internal?: InternalProcess;
  promisedLimit?: TimeLimit;
  legalLimit?: TimeLimit;
  materials: { id: string; name: string; required: boolean }[];
  /** What the item charges (RUN-16): `standardFen` when its standard is one fixed amount. */
  fee?: { charged: boolean; standardFen?: number };
  process: CompiledProcess;
  forms: { key: string; schema: FormSchema }[];
  /** Names of the units steps are bound to (联办 `joint.unitId`), for work items and the trail. */
  units?: UnitRef[];
}

/** The fee a case runs with, from the item's catalog entry (RUN-16). */
export function caseFee(fee: {
  charged: boolean;
  amountFen?: number;
}): NonNullable<CaseDefinition['fee']> {
  return fee.charged && fee.amountFen !== undefined
    ? { charged: true, standardFen: fee.amountFen }
    : { charged: fee.charged };
}

/** A definition with its lookups built once (cached per definition object). */
export interface PreparedDefinition {
  def: CaseDefinition;
  node(id: string): CompiledNode;
  flow(id: string): CompiledFlow;
  userTask(id: string): UserTaskNode;
  form(key: string | undefined): FormSchema | undefined;
  timersOf(taskId: string): TimerBoundaryNode[];
  /** Posts of the steps a case reaches first (受理): who pre-reviews and accepts. */
  acceptancePostIds: string[];
  /**
   * Steps after which no step handled by people follows: 办结 is done there (待办结). 基层反馈
   * steps (送达 at the accepting window, RUN-12) do not count: the decision is made before them.
   */
  isFinalStep(nodeId: string): boolean;
  /** 基层反馈 (RUN-12): the step is handled by the window that accepted the case. */
  isDeliveryStep(nodeId: string): boolean;
  /** Steps followed by a condition that reads `outcome`: completing needs 同意 or 不同意. */
  needsOutcome(nodeId: string): boolean;
}

const cache = new WeakMap<CaseDefinition, PreparedDefinition>();

export function prepareDefinition(def: CaseDefinition): PreparedDefinition {
  let prepared = cache.get(def);
  if (!prepared) {
    prepared = build(def);
    cache.set(def, prepared);
  }
  return prepared;
}

function build(def: CaseDefinition): PreparedDefinition {
  const nodes = new Map(def.process.nodes.map((n) => [n.id, n]));
  const flows = new Map(def.process.flows.map((f) => [f.id, f]));
  const forms = new Map(def.forms.map((f) => [f.key, f.schema]));
  const timers = new Map<string, TimerBoundaryNode[]>();
  for (const n of def.process.nodes) {
    if (n.kind !== 'timerBoundary') continue;
    timers.set(n.attachedTo, [...(timers.get(n.attachedTo) ?? []), n]);
  }
  const node = (id: string): CompiledNode => {
    const n = nodes.get(id);
    if (!n) throw new CaseError('unsound_process', `流程中没有节点「${id}」`);
    return n;
  };
  const flow = (id: string): CompiledFlow => {
    const f = flows.get(id);
    if (!f) throw new CaseError('unsound_process', `流程中没有连线「${id}」`);
    return f;
  };
  const delivery = (n: CompiledNode) =>
    n.kind === 'userTask' && n.step.handledBy === 'acceptingUnit';
  /**
   * Nodes reached from `from`'s outgoing flows without passing a step handled by people; with
   * `throughDelivery`, 基层反馈 steps are passed like automatic ones, and `waits` says whether
   * a reply from elsewhere (a message) is awaited on the way — the decision is not made here.
   */
  const reachedSteps = (
    from: string[],
    throughDelivery = false,
  ): { steps: Set<string>; gateways: Set<string>; waits: boolean } => {
    const steps = new Set<string>();
    const gateways = new Set<string>();
    const seen = new Set<string>();
    const stack = [...from];
    let waits = false;
    while (stack.length) {
      const target = flow(stack.pop()!).target;
      if (seen.has(target)) continue;
      seen.add(target);
      const n = node(target);
      if (n.kind === 'userTask' && !(throughDelivery && delivery(n))) {
        steps.add(n.id);
        continue;
      }
      if (n.kind === 'messageCatch') waits = true;
      if (n.kind.endsWith('Gateway')) gateways.add(n.id);
      stack.push(...n.outgoing);
    }
    return { steps, gateways, waits };
  };
  const start = node(def.process.startNodeId);
  const first = reachedSteps(start.outgoing).steps;
  const acceptancePostIds = [
    ...new Set(
      [...first].flatMap((id) => (node(id) as UserTaskNode).step.posts.map((p) => p.postId)),
    ),
  ];
  const finalSteps = new Set<string>();
  const deliveryEnds: string[] = [];
  const outcomeSteps = new Set<string>();
  for (const n of def.process.nodes) {
    if (n.kind !== 'userTask') continue;
    const after = reachedSteps(n.outgoing);
    if (delivery(n)) {
      if (after.steps.size === 0) deliveryEnds.push(n.id);
    } else {
      const past = reachedSteps(n.outgoing, true);
      if (past.steps.size === 0 && (after.steps.size === 0 || !past.waits)) finalSteps.add(n.id);
    }
    const readsOutcome = [...after.gateways].some((g) =>
      node(g).outgoing.some((f) => {
        const condition = flow(f).condition;
        return !!condition && feelReferences(condition).paths.includes('outcome');
      }),
    );
    if (readsOutcome) outcomeSteps.add(n.id);
  }
  // A 基层反馈 step at the end is where 办结 is done only when no step before it decides (上报件:
  // the higher level's reply decides, the window concludes as it delivers).
  if (finalSteps.size === 0) for (const id of deliveryEnds) finalSteps.add(id);
  return {
    def,
    node,
    flow,
    userTask(id) {
      const n = node(id);
      if (n.kind !== 'userTask') throw new CaseError('invalid_command', `「${id}」不是办理环节`);
      return n;
    },
    form: (key) => (key === undefined ? undefined : forms.get(key)),
    timersOf: (taskId) => timers.get(taskId) ?? [],
    acceptancePostIds,
    isFinalStep: (id) => finalSteps.has(id),
    isDeliveryStep: (id) => delivery(node(id)),
    needsOutcome: (id) => outcomeSteps.has(id),
  };
}

/** The form a step fills in: its own, else the item's application form. */
export function stepFormKey(prepared: PreparedDefinition, task: UserTaskNode): string | undefined {
  return task.step.form ?? prepared.def.process.applicationForm;
}
