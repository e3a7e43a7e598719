import type { Unit } from './types';

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

/** Arranges the flat list into a tree; a unit whose parent is not in the list is a root. */
export function unitTree(units: Unit[]): UnitNode[] {
  const nodes = new Map(units.map((u) => [u.id, { unit: u, children: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** Ids of the roots and their children: the levels a tree opens with. */
export function firstLevels(roots: UnitNode[]): string[] {
  return roots.flatMap((r) => [r.unit.id, ...r.children.map((c) => c.unit.id)]);
}

/** The unit's own code, as the interface names it. */
export function codeOf(unit: Unit): string | undefined {
  if (unit.deptCode) return `部门编码 ${unit.deptCode}`;
  if (unit.divisionCode) return `区划代码 ${unit.divisionCode}`;
  return undefined;
}

/** Path of names from the top, e.g. 龙湾区 / 安监局 / 执法监察科 (without the city). */
export function pathOf(unit: Unit, byId: Map<string, Unit>): string {
  const names: string[] = [];
  for (let u: Unit | undefined = unit; u && u.kind !== 'city'; u = byId.get(u.parentId ?? '')) {
    names.unshift(u.name);
  }
  return names.join(' / ');
}
