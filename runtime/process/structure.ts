import type { CompiledProcess } from './compiled';

/**
 * Where a token can go next in a compiled process: along outgoing flows and, from a step, to its
 * timer boundary events (without the non-interrupting ones when `sideRoutes` is false).
 */
export function successors(
  compiled: CompiledProcess,
  options: { sideRoutes: boolean } = { sideRoutes: true },
): Map<string, string[]> {
  const next = new Map<string, string[]>(compiled.nodes.map((n) => [n.id, []]));
  for (const flow of compiled.flows) {
    if (next.has(flow.source) && next.has(flow.target)) next.get(flow.source)!.push(flow.target);
  }
  for (const node of compiled.nodes) {
    if (node.kind !== 'timerBoundary' || (!node.interrupting && !options.sideRoutes)) continue;
    if (next.has(node.attachedTo)) next.get(node.attachedTo)!.push(node.id);
  }
  return next;
}

/** The virtual exit every plain end event leads to (not a BPMN id: those are NCNames). */
export const EXIT = '\u0000exit';

/**
 * Immediate post-dominators (Cooper, Harvey and Kennedy's algorithm on the reversed graph): the
 * first node every path from a node to a plain end passes. Terminate ends lead nowhere here, so
 * paths that end everything do not count. `EXIT` when paths meet only at the end; absent when
 * the node reaches no plain end.
 */
export function immediatePostDominators(
  compiled: CompiledProcess,
): Map<string, string | undefined> {
  // A timer that does not interrupt its step starts a side route; the step's own token goes on,
  // so where the branches meet is decided without those routes.
  const next = successors(compiled, { sideRoutes: false });
  const byId = new Map(compiled.nodes.map((n) => [n.id, n]));
  const forward = (id: string): string[] => {
    if (id === EXIT) return [];
    const node = byId.get(id);
    return node?.kind === 'end' && !node.terminate ? [EXIT] : (next.get(id) ?? []);
  };
  const successorsOf = new Map<string, string[]>([[EXIT, []]]);
  for (const node of compiled.nodes) successorsOf.set(node.id, forward(node.id));
  const predecessors = new Map<string, string[]>([...successorsOf.keys()].map((id) => [id, []]));
  for (const [from, targets] of successorsOf) {
    for (const to of targets) predecessors.get(to)!.push(from);
  }
  // Post-order of a depth-first walk from the exit over reversed edges.
  const order: string[] = [];
  const seen = new Set<string>([EXIT]);
  const stack: { id: string; at: number }[] = [{ id: EXIT, at: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const edges = predecessors.get(frame.id)!;
    if (frame.at < edges.length) {
      const to = edges[frame.at++]!;
      if (!seen.has(to)) {
        seen.add(to);
        stack.push({ id: to, at: 0 });
      }
    } else {
      order.push(frame.id);
      stack.pop();
    }
  }
  const rank = new Map(order.map((id, i) => [id, i]));
  const idom = new Map<string, string>([[EXIT, EXIT]]);
  const intersect = (a: string, b: string) => {
    while (a !== b) {
      while (rank.get(a)! < rank.get(b)!) a = idom.get(a)!;
      while (rank.get(b)! < rank.get(a)!) b = idom.get(b)!;
    }
    return a;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (let i = order.length - 2; i >= 0; i--) {
      const id = order[i]!;
      let candidate: string | undefined;
      for (const p of successorsOf.get(id)!) {
        if (!idom.has(p)) continue;
        candidate = candidate === undefined ? p : intersect(p, candidate);
      }
      if (candidate !== undefined && idom.get(id) !== candidate) {
        idom.set(id, candidate);
        changed = true;
      }
    }
  }
  idom.delete(EXIT);
  return idom;
}
