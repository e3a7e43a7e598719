import { LIMIT_UNIT_LABELS, type TimeLimit } from '../../catalog/item';
import type { CompiledProcess } from '../compiled';
import { problem, type ProcessProblem } from '../problems';
import { successors } from '../structure';
import type { VerificationContext } from './context';
import { describeNode } from './describe';

/**
 * Step limits fit within the promised limit (PROC-4, RUN-6). The rule, sound rather than exact:
 *
 * - The longest route from the start to an end counts: along it, the steps' limits add up (one
 *   branch of an exclusive gateway is a route; parallel branches run side by side, so the
 *   longest branch is on the longest route). Loops back to an earlier step (退回) are not
 *   counted again: a return is an exception, and the runtime measures it on the case.
 * - A step whose time is excluded (听证, 检验, 专家评审 …, PROC-2) counts nothing; nor do
 *   automatic steps, nor the wait for a higher level's answer (上报件: its time is the higher
 *   level's, not the county's promise).
 * - A route through a step's timer counts the step's limit: a timer firing later than the limit
 *   finds the step overdue already, which supervision reports (SUP-2); the diagram promises the
 *   limits, not the timers.
 * - Units, for a promise in working days or hours: everything is turned into working hours at
 *   8 per working day; a step limit in natural days counts 8 hours per natural day, the most
 *   working time n calendar days can hold. For a promise in natural days, only steps limited in
 *   natural days can be compared (working days stretch over holidays by an amount no rule
 *   bounds); a step limited otherwise is a problem of its own.
 */
export function limitProblems(
  compiled: CompiledProcess,
  context: VerificationContext,
): ProcessProblem[] {
  const promised = context.promisedLimit;
  if (!promised || !(promised.value > 0) || !(promised.unit in LIMIT_UNIT_LABELS)) return [];
  const natural = promised.unit === 'naturalDays';
  const problems: ProcessProblem[] = [];
  const byId = new Map(compiled.nodes.map((n) => [n.id, n]));
  const weight = new Map<string, number>();
  for (const node of compiled.nodes) {
    if (node.kind !== 'userTask' || node.step.excludedTimes.length > 0) continue;
    const amount = natural ? naturalDays(node.step.limit) : workingHours(node.step.limit);
    if (amount === undefined) {
      problems.push(
        problem(
          'county/limit-units',
          `${describeNode(node)}的时限以${unitLabel(node.step.limit)}计，无法与以自然日计的承诺期限比较，请改用自然日`,
          node.id,
        ),
      );
    } else weight.set(node.id, amount);
  }
  const route = longestRoute(compiled, (id) => weight.get(id) ?? 0);
  const allowed = natural ? promised.value : workingHours(promised)!;
  if (route.total > allowed + 1e-9) {
    const steps = route.path
      .map((id) => byId.get(id)!)
      .filter((n) => (weight.get(n.id) ?? 0) > 0)
      .map((n) => `${describeNode(n)} ${format(weight.get(n.id)!, natural)}`)
      .join('、');
    problems.push(
      problem(
        'county/limit-within-promised',
        `各环节时限合计超过承诺期限：最长路径上${steps}，合计 ${format(route.total, natural)}，` +
          `承诺期限为 ${promised.value}${LIMIT_UNIT_LABELS[promised.unit]}`,
        compiled.processId,
      ),
    );
  }
  return problems;
}

const unitLabel = (limit: TimeLimit) => LIMIT_UNIT_LABELS[limit.unit] ?? limit.unit;

function workingHours(limit: TimeLimit): number | undefined {
  if (limit.unit === 'hours') return limit.value;
  if (limit.unit === 'workingDays' || limit.unit === 'naturalDays') return limit.value * 8;
  return undefined;
}

const naturalDays = (limit: TimeLimit) => (limit.unit === 'naturalDays' ? limit.value : undefined);

function format(amount: number, natural: boolean): string {
  const trim = (n: number) => String(Math.round(n * 100) / 100);
  if (natural) return `${trim(amount)}个自然日`;
  return amount < 8 ? `${trim(amount)}小时` : `${trim(amount / 8)}个工作日`;
}

/**
 * The heaviest route from the start, over the graph without its back edges (edges to a node
 * still open in a depth-first walk from the start, i.e. loops).
 */
export function longestRoute(
  compiled: CompiledProcess,
  weightOf: (id: string) => number,
): { total: number; path: string[] } {
  const next = successors(compiled);
  const order: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const forward = new Map<string, string[]>();
  const stack: { id: string; at: number }[] = [];
  if (next.has(compiled.startNodeId)) {
    stack.push({ id: compiled.startNodeId, at: 0 });
    state.set(compiled.startNodeId, 'open');
  }
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const edges = next.get(frame.id)!;
    if (frame.at < edges.length) {
      const to = edges[frame.at++]!;
      if (state.get(to) === 'open') continue; // a loop back: not counted again
      if (!forward.has(frame.id)) forward.set(frame.id, []);
      forward.get(frame.id)!.push(to);
      if (!state.has(to)) {
        state.set(to, 'open');
        stack.push({ id: to, at: 0 });
      }
    } else {
      state.set(frame.id, 'done');
      order.push(frame.id);
      stack.pop();
    }
  }
  const best = new Map<string, { total: number; from?: string }>();
  let heaviest: { id: string; total: number } | undefined;
  for (const id of order.reverse()) {
    const here = best.get(id) ?? { total: 0 };
    const total = here.total + weightOf(id);
    best.set(id, { ...here, total });
    if (!heaviest || total > heaviest.total) heaviest = { id, total };
    for (const to of forward.get(id) ?? []) {
      const there = best.get(to);
      if (!there || there.total < total) best.set(to, { total, from: id });
    }
  }
  const path: string[] = [];
  for (let id = heaviest?.id; id !== undefined; id = best.get(id)?.from) path.unshift(id);
  return { total: heaviest?.total ?? 0, path };
}
