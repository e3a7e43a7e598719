import type {
  CompiledFlow,
  EndNode,
  GatewayNode,
  ServiceTaskNode,
  TimerBoundaryNode,
  UserTaskNode,
} from '../process/compiled';
import { conditionContext, conditionHolds } from './conditions';
import { timerFireAt, workItemDue } from './deadlines';
import { endCase } from './ending';
import { CaseError } from './errors';
import type { Tx } from './tx';
import {
  isLive,
  type CancelReason,
  type Outcome,
  type Person,
  type Signer,
  type Token,
  type WorkItem,
} from './state';

/**
 * Tokens through the compiled graph (RUN-3). A token rests at a step handled by people (with
 * its work items) or at a message wait; everything else — start, gateways, automatic steps,
 * ends — is passed within the command that reached it.
 */

/** Who signs at a multi-instance step the command reaches (else one instance per post). */
export interface SignerChoice {
  nodeId: string;
  people: Person[];
}

/** What one completion started, kept while it can be taken back (取回). */
interface Trace {
  reversible: boolean;
  tokenIds: string[];
  splitIds: string[];
}

export interface RunOptions {
  signers?: SignerChoice[];
  trace?: Trace;
  /** 退回: the step is re-opened for the person who did it before (原办理人). */
  assign?: { nodeId: string; person: Person & { postId?: string } };
}

/** A command moves a case at most this far: a loop of automatic nodes never hangs the server. */
const MAX_MOVES = 10_000;

const label = (n: { name: string; id: string }) => `「${n.name || n.id}」`;

function unsound(message: string): CaseError {
  return new CaseError('unsound_process', message);
}

function along(
  tx: Tx,
  token: Token,
  flowId: string | undefined,
  from: { name: string; id: string },
): Token {
  if (flowId === undefined) throw unsound(`${label(from)}没有出口连线`);
  token.nodeId = tx.def.flow(flowId).target;
  return token;
}

export function startProcess(tx: Tx, options: RunOptions = {}): void {
  const { startNodeId } = tx.def.def.process;
  const token: Token = {
    id: tx.id(),
    nodeId: startNodeId,
    scope: [],
    enteredAt: tx.now,
    waiting: 'task',
  };
  run(tx, [token], options);
}

/** Moves tokens until each rests or ends. */
export function run(tx: Tx, queue: Token[], options: RunOptions = {}): void {
  let moves = 0;
  const irreversible = () => {
    if (options.trace) options.trace.reversible = false;
  };
  while (queue.length) {
    if (++moves > MAX_MOVES)
      throw unsound('流程在一次操作中流转次数超过上限：存在不经办理环节的循环');
    const token = queue.shift()!;
    const node = tx.def.node(token.nodeId);
    switch (node.kind) {
      case 'start':
      case 'timerBoundary':
        queue.push(along(tx, token, node.outgoing[0], node));
        break;
      case 'userTask':
        enterUserTask(tx, token, node, options);
        break;
      case 'messageCatch':
        irreversible();
        rest(tx, token, 'message');
        break;
      case 'serviceTask':
        irreversible();
        runServiceTask(tx, node);
        queue.push(along(tx, token, node.outgoing[0], node));
        break;
      case 'exclusiveGateway':
        queue.push(along(tx, token, chooseExclusive(tx, node), node));
        break;
      case 'parallelGateway':
      case 'inclusiveGateway': {
        let current: Token | null = token;
        if (node.join && node.join.kind !== 'exclusive' && node.incoming.length > 1) {
          irreversible();
          current = arrive(tx, token, node);
          if (!current) break;
        }
        if (node.outgoing.length === 1) {
          queue.push(along(tx, current, node.outgoing[0], node));
          break;
        }
        const flows =
          node.kind === 'parallelGateway'
            ? node.outgoing.map((id) => tx.def.flow(id))
            : chooseInclusive(tx, node);
        queue.push(...split(tx, current, node, flows, options.trace));
        break;
      }
      case 'end':
        irreversible();
        if (node.terminate) {
          terminateByEnd(tx, node);
          return;
        }
        break;
    }
  }
}

function rest(tx: Tx, token: Token, waiting: Token['waiting']): void {
  token.waiting = waiting;
  token.enteredAt = tx.now;
  tx.state.tokens.push(token);
}

function runServiceTask(tx: Tx, node: ServiceTaskNode): void {
  tx.emit({
    type: 'serviceTaskRequested',
    nodeId: node.id,
    stepName: node.name,
    action: node.action,
    ...(node.actionTarget ? { target: node.actionTarget } : {}),
    documents: node.documents,
  });
  tx.record({
    action: 'automatic',
    actor: { kind: 'system', name: '系统' },
    process: {
      department: tx.state.handlingUnit,
      itemCode: tx.state.itemCode,
      step: { id: node.id, name: node.name },
      stepState: 'completed',
      stepStartedAt: tx.now,
      stepEndedAt: tx.now,
    },
  });
}

function terminateByEnd(tx: Tx, node: EndNode): void {
  endCase(tx, 'terminated', {
    opinion: node.name || '流程终止',
    action: 'terminate',
    byEndEvent: true,
  });
}

/** The first flow whose condition holds, in diagram order; else the default; else an error. */
function chooseExclusive(tx: Tx, node: GatewayNode): string {
  if (node.outgoing.length === 1) return node.outgoing[0]!;
  const context = conditionContext(tx.state, tx.def.def.process.applicationForm);
  for (const id of node.outgoing) {
    const flow = tx.def.flow(id);
    if (id === node.defaultFlowId || flow.isDefault) continue;
    if (!flow.condition || conditionHolds(flow.condition, context, `网关${label(node)}`)) return id;
  }
  if (node.defaultFlowId) return node.defaultFlowId;
  throw noMatch(tx, node);
}

/** Every flow whose condition holds; the default only when none does. */
function chooseInclusive(tx: Tx, node: GatewayNode): CompiledFlow[] {
  const context = conditionContext(tx.state, tx.def.def.process.applicationForm);
  const taken = node.outgoing
    .map((id) => tx.def.flow(id))
    .filter(
      (f) =>
        f.id !== node.defaultFlowId &&
        !f.isDefault &&
        (!f.condition || conditionHolds(f.condition, context, `网关${label(node)}`)),
    );
  if (taken.length) return taken;
  if (node.defaultFlowId) return [tx.def.flow(node.defaultFlowId)];
  throw noMatch(tx, node);
}

function noMatch(tx: Tx, node: GatewayNode): CaseError {
  const conditions = node.outgoing
    .map((id) => tx.def.flow(id).condition)
    .filter((c): c is string => !!c);
  return new CaseError(
    'no_matching_flow',
    `网关${label(node)}的条件（${conditions.join('；')}）在本办件的数据下都不成立，且没有默认路径；` +
      '办件不会被送往任何一条路径，请核对所填数据或修改流程图',
    { gatewayId: node.id, conditions },
  );
}

function split(
  tx: Tx,
  token: Token,
  node: GatewayNode,
  flows: CompiledFlow[],
  trace?: Trace,
): Token[] {
  const instance = {
    id: tx.id(),
    gatewayId: node.id,
    kind: node.kind === 'parallelGateway' ? ('parallel' as const) : ('inclusive' as const),
    scope: token.scope,
    branchIds: [] as string[],
    arrived: [] as string[],
  };
  tx.state.splits.push(instance);
  trace?.splitIds.push(instance.id);
  return flows.map((flow) => {
    const branch = tx.id();
    instance.branchIds.push(branch);
    return {
      id: tx.id(),
      nodeId: flow.target,
      scope: [...token.scope, branch],
      enteredAt: tx.now,
      waiting: 'task' as const,
      ...(token.side ? { side: true } : {}),
    };
  });
}

/** A branch reaches its join; the join fires once every branch its split started is in. */
function arrive(tx: Tx, token: Token, node: GatewayNode): Token | null {
  const branch = token.scope[token.scope.length - 1];
  const instance =
    branch === undefined ? undefined : tx.state.splits.find((s) => s.branchIds.includes(branch));
  if (!instance || (node.join?.splitId && instance.gatewayId !== node.join.splitId)) {
    throw unsound(`合并网关${label(node)}收到的分支不是由与之配对的分支网关开始的`);
  }
  if (!instance.arrived.includes(branch!)) instance.arrived.push(branch!);
  if (instance.arrived.length < instance.branchIds.length) return null;
  tx.state.splits = tx.state.splits.filter((s) => s !== instance);
  return { ...token, id: tx.id(), nodeId: node.id, scope: [...instance.scope] };
}

/** The unit a 督办 or complaint is about; a case started without one cannot reach its steps. */
function targetOf(tx: Tx, node: UserTaskNode) {
  const target = tx.state.target;
  if (!target)
    throw new CaseError(
      'unsound_process',
      `环节${label(node)}由被督办（被投诉）单位办理，但本办件没有指定该单位`,
    );
  return target;
}

function enterUserTask(tx: Tx, token: Token, node: UserTaskNode, options: RunOptions): void {
  rest(tx, token, 'task');
  options.trace?.tokenIds.push(token.id);
  const own = node.step.posts.map((p) => p.postId);
  // 基层反馈 (RUN-12): whoever may accept may deliver, at the window that accepted.
  const posts =
    node.step.handledBy === 'acceptingUnit'
      ? [...new Set([...own, ...tx.def.acceptancePostIds])]
      : node.step.handledBy === 'target'
        ? targetOf(tx, node).postIds
        : own;
  if (node.multiInstance) {
    const chosen = options.signers?.find((s) => s.nodeId === node.id);
    if (chosen && !chosen.people.length)
      throw new CaseError('invalid_command', `环节${label(node)}至少需要一名会签人`);
    const signers: Signer[] = chosen
      ? chosen.people.map((p) => ({ user: { userId: p.userId, name: p.name } }))
      : posts.map((postId) => ({ postIds: [postId] }));
    const { sequential, signing, ratio } = node.multiInstance;
    token.multi = {
      sequential,
      signing,
      ...(ratio !== undefined ? { ratio } : {}),
      signers,
      created: 0,
      approvals: 0,
      rejections: 0,
    };
    const first = sequential ? 1 : signers.length;
    for (let i = 0; i < first; i++) createInstance(tx, token, node);
  } else {
    const assign = options.assign?.nodeId === node.id ? options.assign.person : undefined;
    createWorkItem(tx, token, node, assign ? { user: assign } : { postIds: posts });
  }
  for (const boundary of tx.def.timersOf(node.id)) {
    tx.state.timers.push({
      id: tx.id(),
      boundaryId: boundary.id,
      tokenId: token.id,
      startedAt: tx.now,
      fireAt: timerFireAt(tx, boundary, tx.now),
    });
  }
}

/** The next instance of a multi-instance step. */
export function createInstance(tx: Tx, token: Token, node: UserTaskNode): WorkItem {
  const multi = token.multi!;
  const index = multi.created++;
  return createWorkItem(tx, token, node, multi.signers[index]!, { multi: { index } });
}

export function createWorkItem(
  tx: Tx,
  token: Token,
  node: UserTaskNode,
  signer: Signer,
  extra: Partial<WorkItem> = {},
): WorkItem {
  const { state } = tx;
  const acceptance = state.status === 'pendingAcceptance';
  const joint = node.step.joint?.unitId;
  // 基层反馈 (RUN-12): the window that accepted the case delivers the result, with its posts.
  const delivery = node.step.handledBy === 'acceptingUnit';
  const toTarget = node.step.handledBy === 'target';
  const unit =
    acceptance || delivery
      ? state.acceptingUnit
      : toTarget
        ? targetOf(tx, node).unit
        : joint
          ? { id: joint, name: tx.def.def.units?.find((u) => u.id === joint)?.name ?? joint }
          : state.handlingUnit;
  const person = 'user' in signer ? signer.user : undefined;
  const item: WorkItem = {
    id: tx.id(),
    tokenId: token.id,
    nodeId: node.id,
    name: node.name || node.id,
    candidatePostIds:
      'postIds' in signer ? [...signer.postIds] : node.step.posts.map((p) => p.postId),
    unit: { ...unit },
    unitBound: acceptance || delivery || toTarget || !!joint,
    ...(acceptance ? { acceptance: true } : {}),
    status: person ? 'claimed' : 'open',
    ...(person ? { assignee: { ...person }, claimedAt: tx.now } : {}),
    touched: false,
    createdAt: tx.now,
    dueAt: node.step.limit.value > 0 ? workItemDue(tx, tx.now, node.step.limit) : null,
    scope: [...token.scope],
    ...extra,
  };
  state.workItems.push(item);
  tx.emit({
    type: 'workItemCreated',
    workItemId: item.id,
    nodeId: item.nodeId,
    stepName: item.name,
    candidatePostIds: item.candidatePostIds,
    ...(person ? { assigneeId: person.userId } : {}),
  });
  return item;
}

export function tokenOf(tx: Tx, tokenId: string): Token {
  const token = tx.state.tokens.find((t) => t.id === tokenId);
  if (!token) throw unsound(`办件中没有令牌「${tokenId}」`);
  return token;
}

export function cancelItem(tx: Tx, item: WorkItem, reason: CancelReason): void {
  if (!isLive(item)) return;
  item.status = 'cancelled';
  item.cancelledAt = tx.now;
  item.cancelReason = reason;
  delete item.draft;
  tx.emit({
    type: 'workItemCancelled',
    workItemId: item.id,
    nodeId: item.nodeId,
    stepName: item.name,
    reason,
  });
}

/** Removes a resting token with its live work items and timers. */
export function cancelToken(tx: Tx, token: Token, reason: CancelReason): void {
  for (const item of tx.state.workItems)
    if (item.tokenId === token.id) cancelItem(tx, item, reason);
  tx.state.timers = tx.state.timers.filter((t) => t.tokenId !== token.id);
  tx.state.tokens = tx.state.tokens.filter((t) => t !== token);
}

/** The token leaves its step along the step's outgoing flow. */
export function leaveStep(tx: Tx, token: Token, options: RunOptions = {}): void {
  const node = tx.def.node(token.nodeId);
  tx.state.timers = tx.state.timers.filter((t) => t.tokenId !== token.id);
  tx.state.tokens = tx.state.tokens.filter((t) => t !== token);
  delete token.multi;
  delete token.after;
  run(tx, [along(tx, token, node.outgoing[0], node)], options);
}

/**
 * A completed work item's effect on its step: 前加签 hands back to the holder, a multi-instance
 * step counts signatures until its signing mode decides, 后加签 goes on to the next signer;
 * otherwise the step is done and its token moves on.
 */
export function stepProgress(tx: Tx, item: WorkItem, options: RunOptions = {}): void {
  const token = tokenOf(tx, item.tokenId);
  const node = tx.def.userTask(item.nodeId);
  if (item.added?.position === 'before' && item.added.holdsItemId) {
    const held = tx.state.workItems.find((w) => w.id === item.added!.holdsItemId);
    if (held && held.status === 'waiting') held.status = 'claimed';
    return;
  }
  if (token.multi) {
    const multi = token.multi;
    if (item.outcome === 'reject') multi.rejections++;
    else multi.approvals++;
    const verdict = signingVerdict(multi);
    if (!verdict) {
      if (multi.sequential && multi.created < multi.signers.length) createInstance(tx, token, node);
      return;
    }
    for (const other of tx.state.workItems) {
      if (other.tokenId === token.id) cancelItem(tx, other, 'signingDecided');
    }
    tx.state.outcome = verdict;
    leaveStep(tx, token, options);
    return;
  }
  if (token.after?.length) {
    const next = token.after.shift()!;
    createWorkItem(tx, token, node, next, {
      added: { by: item.assignee?.userId ?? '', position: 'after' },
    });
    return;
  }
  setOutcome(tx, item.outcome);
  leaveStep(tx, token, options);
}

export function setOutcome(tx: Tx, outcome: Outcome | undefined): void {
  if (outcome) tx.state.outcome = outcome;
  else delete tx.state.outcome;
}

/**
 * 会签 (all) waits for every signer, and is rejected if anyone rejects; 或签 (any) is decided
 * by the first; a ratio is decided as soon as enough approvals are in, or too many rejections
 * for the share to be reached. A signature without an outcome counts as approval.
 */
export function signingVerdict(m: NonNullable<Token['multi']>): Outcome | undefined {
  const n = m.signers.length;
  const done = m.approvals + m.rejections;
  if (m.signing === 'any') return done >= 1 ? (m.rejections ? 'reject' : 'approve') : undefined;
  if (m.signing === 'all') return done >= n ? (m.rejections ? 'reject' : 'approve') : undefined;
  const need = Math.max(1, Math.ceil((m.ratio ?? 1) * n - 1e-9));
  if (m.approvals >= need) return 'approve';
  if (m.rejections > n - need) return 'reject';
  return undefined;
}

/** A timer boundary event fires (tick): it interrupts its step, or starts a side path. */
export function fireTimer(tx: Tx, boundary: TimerBoundaryNode, token: Token): void {
  tx.state.timers = tx.state.timers.filter(
    (t) => !(t.tokenId === token.id && t.boundaryId === boundary.id),
  );
  tx.emit({
    type: 'timerFired',
    boundaryId: boundary.id,
    nodeId: boundary.attachedTo,
    interrupting: boundary.interrupting,
  });
  const attached = tx.def.node(boundary.attachedTo);
  tx.record({
    action: 'timer',
    actor: { kind: 'system', name: '系统' },
    process: {
      department: tx.state.handlingUnit,
      itemCode: tx.state.itemCode,
      step: { id: attached.id, name: attached.name },
      opinion: `${boundary.name || '定时'}（${boundary.duration}）${boundary.interrupting ? '，中断本环节' : ''}`,
    },
  });
  const scope = boundary.interrupting ? [...token.scope] : [...token.scope, tx.id()];
  if (boundary.interrupting) cancelToken(tx, token, 'timer');
  const next: Token = {
    id: tx.id(),
    nodeId: boundary.id,
    scope,
    enteredAt: tx.now,
    waiting: 'task',
    ...(token.side || !boundary.interrupting ? { side: true } : {}),
  };
  run(tx, [next]);
}

/** A message wait receives its message: the token moves on. */
export function passMessage(tx: Tx, token: Token): void {
  tx.state.tokens = tx.state.tokens.filter((t) => t !== token);
  const node = tx.def.node(token.nodeId);
  run(tx, [along(tx, token, node.outgoing[0], node)]);
}

export function newTrace(): Trace {
  return { reversible: true, tokenIds: [], splitIds: [] };
}
