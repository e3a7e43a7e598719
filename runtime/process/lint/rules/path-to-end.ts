import { stronglyConnected } from '../../graph';
import { describe, flowNodesOf, is, successorMap, type BpmnElement } from '../../moddle';
import { countyRule } from '../types';

const names = (members: BpmnElement[]) => members.map(describe).join('、');

/**
 * Every path from the start reaches an end (PROC-4): no part of the diagram is a trap, i.e. a
 * loop with no way out, and none is an island the start never reaches. A trap or island is a
 * strongly connected component with no edge out (or in); single elements with no outgoing (or
 * incoming) flow at all are left to bpmnlint's no-implicit-end (no-implicit-start).
 */
export default countyRule((node, report) => {
  if (!is(node, 'bpmn:Process')) return;
  const nodes = new Map(flowNodesOf(node).map((n) => [n.id ?? '', n]));
  const next = successorMap(node);
  const previous = new Map<string, string[]>([...nodes.keys()].map((id) => [id, []]));
  for (const [from, targets] of next) for (const to of targets) previous.get(to)?.push(from);
  const hasStart = [...nodes.values()].some((n) => is(n, 'bpmn:StartEvent'));
  for (const component of stronglyConnected([...nodes.keys()], (id) => next.get(id) ?? [])) {
    const inside = new Set(component);
    const members = component.map((id) => nodes.get(id)!);
    const single = component.length === 1;
    const exits = component.some((id) => next.get(id)!.some((to) => !inside.has(to)));
    const entries = component.some((id) => previous.get(id)!.some((from) => !inside.has(from)));
    const ends = members.some((m) => is(m, 'bpmn:EndEvent'));
    const starts = members.some((m) => is(m, 'bpmn:StartEvent'));
    if (!exits && !ends && !(single && next.get(component[0]!)!.length === 0)) {
      for (const member of members) {
        report(member, `${describe(member)}走不到结束事件：${names(members)}构成没有出口的循环`);
      }
    }
    if (hasStart && !entries && !starts && !(single && previous.get(component[0]!)!.length === 0)) {
      for (const member of members) {
        report(member, `${describe(member)}从开始事件到不了：${names(members)}构成孤立的循环`);
      }
    }
  }
});
