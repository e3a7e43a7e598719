/** Kinds of organisation unit (ROLE-1), shared by the server's rules and the studio's screens. */
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

/** Which kinds may sit under which. */
export const ALLOWED_PARENTS: Record<UnitKind, UnitKind[]> = {
  city: [],
  county: ['city'],
  department: ['county'],
  office: ['department', 'township'],
  township: ['county'],
  community: ['township'],
};

/** The same rule read the other way: what may be added under each kind. */
export const CHILD_KINDS = Object.fromEntries(
  UNIT_KINDS.map((parent) => [
    parent,
    UNIT_KINDS.filter((k) => ALLOWED_PARENTS[k].includes(parent)),
  ]),
) as Record<UnitKind, UnitKind[]>;
