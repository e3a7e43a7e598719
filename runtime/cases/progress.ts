import type { PreparedDefinition } from './definition';

/** One step a department system says it handled, in the order it handled them. */
export interface ReportedStep {
  nodeId: string;
  at: string;
}

export interface ProgressProblem {
  kind: 'skipped' | 'outOfOrder' | 'unknownStep';
  nodeId: string;
  detail: string;
}

/**
 * Checks steps a department system reports against the item's flowchart (SUP-2, 流程合规性): a
 * step the chart does not have, a step that cannot follow the one before it, and a step reached
 * without the steps the chart puts in between.
 */
export function checkProgress(
  prepared: PreparedDefinition,
  steps: readonly ReportedStep[],
): ProgressProblem[] {
  const { process } = prepared.def;
  const tasks = new Map(
    process.nodes.flatMap((n) => (n.kind === 'userTask' ? [[n.id, n] as const] : [])),
  );
  const next = nextSteps(prepared);
  const problems: ProgressProblem[] = [];
  let previous: string = process.startNodeId;
  for (const step of steps) {
    const task = tasks.get(step.nodeId);
    if (!task) {
      problems.push({
        kind: 'unknownStep',
        nodeId: step.nodeId,
        detail: `流程图中没有环节「${step.nodeId}」`,
      });
      continue;
    }
    const direct = next.get(previous) ?? new Set<string>();
    if (!direct.has(task.id)) {
      const path = shortestPath(next, previous, task.id);
      const from = previous === process.startNodeId ? '开始' : `「${tasks.get(previous)!.name}」`;
      if (path) {
        const between = path.slice(1, -1).map((id) => `「${tasks.get(id)!.name}」`);
        problems.push({
          kind: 'skipped',
          nodeId: task.id,
          detail: `从${from}直接到「${task.name}」，跳过了${between.join('、')}`,
        });
      } else {
        problems.push({
          kind: 'outOfOrder',
          nodeId: task.id,
          detail: `流程图中「${task.name}」不能在${from}之后办理`,
        });
      }
    }
    previous = task.id;
  }
  return problems;
}

/** For the start and each step: the steps that can come right after it (through gateways, timers). */
function nextSteps(prepared: PreparedDefinition): Map<string, Set<string>> {
  const { process } = prepared.def;
  const byId = new Map(process.nodes.map((n) => [n.id, n]));
  const flows = new Map(process.flows.map((f) => [f.id, f]));
  const result = new Map<string, Set<string>>();
  const from = (id: string) => {
    const found = new Set<string>();
    const seen = new Set<string>();
    const outOf = (nodeId: string): string[] => {
      const node = byId.get(nodeId);
      if (!node) return [];
      const targets = node.outgoing.flatMap((f) => {
        const flow = flows.get(f);
        return flow ? [flow.target] : [];
      });
      // A timer on a step leads on from that step.
      if (node.kind === 'userTask') targets.push(...node.boundaryIds);
      return targets;
    };
    const stack = outOf(id);
    while (stack.length) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      if (byId.get(n)?.kind === 'userTask') found.add(n);
      else stack.push(...outOf(n));
    }
    return found;
  };
  result.set(process.startNodeId, from(process.startNodeId));
  for (const n of process.nodes) if (n.kind === 'userTask') result.set(n.id, from(n.id));
  return result;
}

function shortestPath(next: Map<string, Set<string>>, from: string, to: string): string[] | null {
  const before = new Map<string, string>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length) {
    const n = queue.shift()!;
    for (const m of next.get(n) ?? []) {
      if (seen.has(m)) continue;
      seen.add(m);
      before.set(m, n);
      if (m === to) {
        const path = [m];
        let p = n;
        while (p !== from) {
          path.unshift(p);
          p = before.get(p)!;
        }
        path.unshift(from);
        return path;
      }
      queue.push(m);
    }
  }
  return null;
}
