export const UNIT_KINDS = [
  'city',
  'county',
  'department',
  'office',
  'township',
  'community',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  city: '市',
  county: '县（区）',
  department: '部门',
  office: '科室',
  township: '乡镇（街道）',
  community: '社区（村）',
};

export const UNIT_KIND_COLORS: Record<UnitKind, string> = {
  city: 'purple',
  county: 'magenta',
  department: 'blue',
  office: 'cyan',
  township: 'green',
  community: 'lime',
};

/** What may be added under each kind (server/organisation/unit-model.ts ALLOWED_PARENTS, read the other way). */
export const CHILD_KINDS: Record<UnitKind, UnitKind[]> = {
  city: [],
  county: ['department', 'township'],
  department: ['office'],
  township: ['office', 'community'],
  office: [],
  community: [],
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
  status: 'active' | 'inactive';
  version: number;
}

export interface Division {
  code: string;
  name: string;
}

export const STATUS_LABELS = { active: '启用', inactive: '停用' } as const;
