import type { CompiledNode, CompiledProcess, GatewayNode } from '../compiled';
import { problem, type ProcessProblem } from '../problems';
import { EXIT, immediatePostDominators } from '../structure';
import { describeNode } from './describe';

/** More states than this and the diagram is refused as too intricate to verify. */
export const MAX_STATES = 20_000;

const KIND_LABEL = { parallelGateway: '并行网关', inclusiveGateway: '包容网关' } as const;

/**
 * Parallel and inclusive splits are joined by a gateway of their own kind (PROC-3, PROC-4): the
 * branches' first common point on every route to the end (the split's immediate
 * post-dominator) is such a join, and every such join is that point for some split.
 */
export function splitJoinProblems(compiled: CompiledProcess): ProcessProblem[] {
  const ipdom = immediatePostDominators(compiled);
  const byId = new Map(compiled.nodes.map((n) => [n.id, n]));
  const problems: ProcessProblem[] = [];
  const matched = new Set<string>();
  for (const split of compiled.nodes) {
    if (split.kind !== 'parallelGateway' && split.kind !== 'inclusiveGateway') continue;
    if (split.outgoing.length < 2) continue;
    const label = KIND_LABEL[split.kind];
    const meet = ipdom.get(split.id);
    if (meet === undefined) continue; // reaches no end: path-to-end says so
    if (meet === EXIT) {
      problems.push(
        problem(
          'county/split-join-match',
          `${describeNode(split)}分出的分支没有汇合就各自结束：须先用${label}汇合`,
          split.id,
        ),
      );
      continue;
    }
    const join = byId.get(meet)!;
    if (join.kind === split.kind && join.incoming.length > 1) {
      matched.add(join.id);
    } else {
      problems.push(
        problem(
          'county/split-join-match',
          `${describeNode(split)}分出的分支须由${label}汇合，但它们首先在${describeNode(join)}汇合`,
          split.id,
        ),
      );
    }
  }
  // A join no split matches is named only when no split was: it is usually the same fault.
  for (const join of problems.length > 0 ? [] : compiled.nodes) {
    if (join.kind !== 'parallelGateway' && join.kind !== 'inclusiveGateway') continue;
    if (join.incoming.length < 2 || matched.has(join.id)) continue;
    problems.push(
      problem(
        'county/split-join-match',
        `${describeNode(join)}汇合的分支不是由同一个${KIND_LABEL[join.kind]}分出的`,
        join.id,
      ),
    );
  }
  return problems;
}

interface Net {
  nodes: Map<string, CompiledNode>;
  flowIndex: Map<string, number>;
  source: string[];
  target: string[];
  /** For a flow, the flow a token on it ends up on after passing one-in-one-out nodes. */
  advanced: number[];
  /** For each inclusive join and each of its incoming flows: the flows that can still reach it. */
  feeders: Map<string, Map<number, Set<number>>>;
}

/** One-in-one-out nodes pass a token on unchanged: tokens skip them (a reduction, not a change). */
function passesThrough(node: CompiledNode): boolean {
  if (node.incoming.length !== 1 || node.outgoing.length !== 1) return false;
  if (node.kind === 'userTask') return node.boundaryIds.length === 0;
  return node.kind !== 'start' && node.kind !== 'end' && node.kind !== 'timerBoundary';
}

function buildNet(compiled: CompiledProcess): Net {
  const nodes = new Map(compiled.nodes.map((n) => [n.id, n]));
  const flowIndex = new Map(compiled.flows.map((f, i) => [f.id, i]));
  const source = compiled.flows.map((f) => f.source);
  const target = compiled.flows.map((f) => f.target);
  const advanced = compiled.flows.map((_, i) => {
    const seen = new Set<number>();
    let at = i;
    for (;;) {
      const node = nodes.get(target[at]!);
      if (!node || !passesThrough(node) || seen.has(at)) return at;
      seen.add(at);
      at = flowIndex.get(node.outgoing[0]!) ?? at;
    }
  });
  const incomingOf = (id: string): number[] => {
    const node = nodes.get(id);
    if (!node) return [];
    const own = node.incoming.map((f) => flowIndex.get(f)!).filter((i) => i !== undefined);
    // A token reaches a boundary event through its step.
    return node.kind === 'timerBoundary' ? [...own, ...incomingOf(node.attachedTo)] : own;
  };
  const feeders = new Map<string, Map<number, Set<number>>>();
  for (const join of compiled.nodes) {
    if (join.kind !== 'inclusiveGateway' || join.incoming.length < 2) continue;
    const perFlow = new Map<number, Set<number>>();
    for (const flow of join.incoming) {
      const start = flowIndex.get(flow)!;
      const reach = new Set<number>([start]);
      const queue = [start];
      while (queue.length > 0) {
        const from = source[queue.pop()!]!;
        if (from === join.id) continue;
        for (const previous of incomingOf(from)) {
          if (!reach.has(previous)) {
            reach.add(previous);
            queue.push(previous);
          }
        }
      }
      perFlow.set(start, reach);
    }
    feeders.set(join.id, perFlow);
  }
  return { nodes, flowIndex, source, target, advanced, feeders };
}

/** Every non-empty subset of a list (inclusive splits, timers that may or may not fire). */
function subsets<T>(items: T[], withEmpty: boolean): T[][] {
  const out: T[][] = [];
  for (let mask = withEmpty ? 0 : 1; mask < 1 << items.length; mask++) {
    out.push(items.filter((_, i) => mask & (1 << i)));
  }
  return out;
}

/** What firing a node may put on its outgoing flows (each entry one possible outcome). */
function outcomes(net: Net, node: CompiledNode): string[][] | 'terminate' {
  switch (node.kind) {
    case 'end':
      return node.terminate ? 'terminate' : [[]];
    case 'exclusiveGateway':
      return node.outgoing.map((f) => [f]);
    case 'inclusiveGateway':
      return node.incoming.length > 1 ? [node.outgoing] : subsets(node.outgoing, false);
    case 'userTask': {
      const timers = node.boundaryIds
        .map((id) => net.nodes.get(id))
        .filter((n): n is CompiledNode & { kind: 'timerBoundary' } => n?.kind === 'timerBoundary');
      const reminders = timers.filter((t) => !t.interrupting);
      const out: string[][] = [];
      for (const fired of subsets(reminders, true)) {
        const extra = fired.flatMap((t) => t.outgoing);
        out.push([...node.outgoing, ...extra]);
        for (const t of timers.filter((x) => x.interrupting)) out.push([...extra, ...t.outgoing]);
      }
      return out;
    }
    default:
      return [node.outgoing];
  }
}

type Marking = Uint16Array;
const keyOf = (m: Marking) => {
  let key = '';
  for (let i = 0; i < m.length; i++) if (m[i]) key += `${i}:${m[i]},`;
  return key;
};

/**
 * Plays the token game over every interleaving and every choice (conditions are not evaluated,
 * so every route the diagram draws counts): no state where a parallel join waits forever
 * (deadlock), no state where one flow carries two tokens (a step run twice because parallel
 * branches were merged by an exclusive gateway), and from every state the end stays reachable.
 */
export function tokenProblems(compiled: CompiledProcess): ProcessProblem[] {
  const net = buildNet(compiled);
  const start = net.nodes.get(compiled.startNodeId);
  if (!start) return [];
  const wide = compiled.nodes.find((n) => n.kind === 'inclusiveGateway' && n.outgoing.length > 10);
  if (wide) return [tooComplex(wide.id)];
  const problems = new Map<string, ProcessProblem>();
  const put = (m: Marking, flows: string[]) => {
    for (const f of flows) m[net.advanced[net.flowIndex.get(f)!]!]! += 1;
  };
  const initial = new Uint16Array(compiled.flows.length);
  put(initial, start.outgoing);
  const states: Marking[] = [initial];
  const index = new Map<string, number>([[keyOf(initial), 0]]);
  const edges: number[][] = [];
  const final = new Set<number>();
  const unsafe = new Set<number>();
  const visit = (m: Marking, from: number) => {
    const key = keyOf(m);
    let at = index.get(key);
    if (at === undefined) {
      at = states.length;
      states.push(m);
      index.set(key, at);
    }
    edges[from]!.push(at);
  };
  for (let s = 0; s < states.length; s++) {
    if (states.length > MAX_STATES) return [tooComplex(compiled.processId)];
    edges.push([]);
    const m = states[s]!;
    if (m.every((c) => c === 0)) {
      final.add(s);
      continue;
    }
    const doubled = m.findIndex((c) => c > 1);
    if (doubled >= 0) {
      unsafe.add(s);
      const p = unsafeProblem(net, doubled);
      problems.set(p.rule + p.elementId, p);
      continue;
    }
    const joins = new Set<string>();
    for (let f = 0; f < m.length; f++) {
      if (!m[f]) continue;
      const node = net.nodes.get(net.target[f]!);
      if (!node) continue;
      if (isJoin(node)) {
        joins.add(node.id);
        continue;
      }
      const results = outcomes(net, node);
      if (results === 'terminate') {
        visit(new Uint16Array(m.length), s);
        continue;
      }
      for (const produced of results) {
        const next = m.slice();
        next[f]! -= 1;
        put(next, produced);
        visit(next, s);
      }
    }
    for (const id of joins) {
      const join = net.nodes.get(id) as GatewayNode;
      const incoming = join.incoming.map((f) => net.flowIndex.get(f)!);
      const marked = incoming.filter((f) => m[f]! > 0);
      const ready =
        join.kind === 'parallelGateway'
          ? marked.length === incoming.length
          : incoming.every(
              (e) =>
                m[e]! > 0 ||
                ![...net.feeders.get(id)!.get(e)!].some((g) => m[g]! > 0 && !incoming.includes(g)),
            );
      if (!ready) continue;
      const next = m.slice();
      for (const f of marked) next[f]! -= 1;
      put(next, join.outgoing);
      visit(next, s);
    }
  }
  for (let s = 0; s < states.length; s++) {
    if (final.has(s) || unsafe.has(s) || edges[s]!.length > 0) continue;
    for (const p of deadlockProblems(net, states[s]!)) problems.set(p.rule + p.elementId, p);
  }
  if (problems.size === 0) {
    const stuck = unableToEnd(edges, final, unsafe);
    if (stuck !== undefined) {
      const m = states[stuck]!;
      const f = m.findIndex((c) => c > 0);
      const node = net.nodes.get(net.target[f]!)!;
      problems.set(
        'end',
        problem('county/no-completion', `流程在${describeNode(node)}处可能无法再走到结束`, node.id),
      );
    }
  }
  return [...problems.values()];
}

const isJoin = (node: CompiledNode) =>
  (node.kind === 'parallelGateway' || node.kind === 'inclusiveGateway') && node.incoming.length > 1;

const tooComplex = (id: string) =>
  problem(
    'county/too-complex',
    `流程的并行分支组合过多（超过 ${MAX_STATES} 种状态），无法完成校验，请简化流程`,
    id,
  );

/** The merge that let two tokens onto one flow: the nearest node upstream with several inputs. */
function unsafeProblem(net: Net, flow: number): ProcessProblem {
  let at = net.source[flow]!;
  const seen = new Set<string>();
  for (;;) {
    const node = net.nodes.get(at);
    if (!node || seen.has(at)) break;
    seen.add(at);
    if (node.incoming.length > 1) {
      return problem(
        'county/unsafe-merge',
        `${describeNode(node)}汇合了同时进行的分支，之后的环节会被重复办理：并行分支须用并行网关汇合`,
        node.id,
      );
    }
    if (node.incoming.length !== 1) break;
    at = net.source[net.flowIndex.get(node.incoming[0]!)!]!;
  }
  const node = net.nodes.get(net.target[flow]!)!;
  return problem('county/unsafe-merge', `${describeNode(node)}可能同时被进入两次`, node.id);
}

function deadlockProblems(net: Net, m: Marking): ProcessProblem[] {
  const out: ProcessProblem[] = [];
  for (let f = 0; f < m.length; f++) {
    if (!m[f]) continue;
    const node = net.nodes.get(net.target[f]!);
    if (!node || !isJoin(node)) continue;
    out.push(
      problem(
        'county/deadlock',
        `${describeNode(node)}可能永远等不齐进入的分支：有的分支不会到达（例如由排他网关分出，或中途结束），流程会停在这里`,
        node.id,
      ),
    );
  }
  return out;
}

/** A state from which no final state can be reached, if any. */
function unableToEnd(edges: number[][], final: Set<number>, unsafe: Set<number>) {
  const back = edges.map(() => [] as number[]);
  edges.forEach((targets, from) => targets.forEach((to) => back[to]!.push(from)));
  const good = new Set<number>([...final, ...unsafe]);
  const queue = [...good];
  while (queue.length > 0) {
    for (const from of back[queue.pop()!]!) {
      if (!good.has(from)) {
        good.add(from);
        queue.push(from);
      }
    }
  }
  return edges.findIndex((_, s) => !good.has(s)) >= 0
    ? edges.findIndex((_, s) => !good.has(s))
    : undefined;
}
