import type { RawRuleOf } from '@casl/ability';
import type { AppAbility } from './ability';

import type { Role } from '../../../runtime/access/roles';

export { ROLES } from '../../../runtime/access/roles';
export type { Role } from '../../../runtime/access/roles';

/** The signed-in user as GET /api/auth/me describes them. */
export interface SessionUser {
  id: string;
  username: string;
  name: string;
  staffNo: string;
  roles: Role[];
  roleLabels: string[];
  unitId: string;
  unitName: string;
  departmentId: string;
  postIds: string[];
}

export interface Me {
  user: SessionUser;
  csrfToken: string;
  rules: RawRuleOf<AppAbility>[];
}

/** A staff account as the user routes return it. */
export interface StaffUser {
  id: string;
  username: string;
  staffNo: string;
  name: string;
  phone?: string;
  unitId: string;
  departmentId: string;
  postIds: string[];
  roles: Role[];
  status: 'active' | 'disabled';
  lockedUntil?: string;
  lastLoginAt?: string;
  version: number;
}

export interface RoleInfo {
  id: Role;
  label: string;
}
