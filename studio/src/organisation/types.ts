import type { UnitKind } from '../../../runtime/organisation/units';

export { CHILD_KINDS, UNIT_KIND_LABELS, UNIT_KINDS } from '../../../runtime/organisation/units';
export type { UnitKind } from '../../../runtime/organisation/units';

export const UNIT_KIND_COLORS: Record<UnitKind, string> = {
  city: 'purple',
  county: 'magenta',
  department: 'blue',
  office: 'cyan',
  township: 'green',
  community: 'lime',
};

export interface Unit {
  id: string;
  kind: UnitKind;
  kindLabel: string;
  name: string;
  parentId?: string;
  countyId?: string;
  departmentId?: string;
  divisionCode?: string;
  deptCode?: string;
  townshipCode?: string;
  phone?: string;
  address?: string;
  sortOrder: number;
  status: 'active' | 'inactive';
  version: number;
}

export interface Post {
  id: string;
  unitId: string;
  departmentId: string;
  name: string;
  description?: string;
  /** 负责人岗位 (SUP-10). */
  leading?: boolean;
  status: 'active' | 'inactive';
  version: number;
}

export interface Division {
  code: string;
  name: string;
}

export const STATUS_LABELS = { active: '启用', inactive: '停用' } as const;
