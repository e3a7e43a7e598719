import { createMongoAbility, AbilityBuilder, type MongoAbility } from '@casl/ability';

import type { Action, Role, SubjectType } from '../../runtime/access/roles';

export { ROLE_LABELS, ROLES } from '../../runtime/access/roles';
export type { Action, Role } from '../../runtime/access/roles';

export type Subject = SubjectType | 'all';
export type AppAbility = MongoAbility<[Action, Subject | object]>;

/** What access needs to know of a signed-in staff member. */
export interface Principal {
  kind: 'staff';
  userId: string;
  roles: Role[];
  unitId: string;
  /** The department or township the user works in (the top of their own unit's branch). */
  departmentId: string;
  countyId: string;
  postIds: string[];
}

/**
 * The rules of ROLE-3. Every record carries `countyId` and, where it belongs to one,
 * `departmentId`; rules match on those, so one department never sees another's records.
 */
export function defineAbilityFor(principal: Principal): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  const county = { countyId: principal.countyId };
  const ownDepartment = { countyId: principal.countyId, departmentId: principal.departmentId };

  // Everyone on staff sees the organisation tree and posts of the county: flows hand steps across it.
  can('read', 'Unit', county);
  can('read', 'Post', county);
  can('read', 'User', ownDepartment);

  for (const role of principal.roles) {
    switch (role) {
      case 'admin':
        can('manage', 'Unit', county);
        can('manage', 'Post', county);
        can('manage', 'User', county);
        can('read', 'LoginLog', county);
        can('read', 'OperationLog', county);
        can('read', 'Item', county);
        break;
      case 'clerk':
        // A clerk names the posts of his own department's steps.
        can('manage', 'Post', ownDepartment);
        // Not 'manage': approving is the reviewer's (CAT-5).
        can(['read', 'create', 'update', 'submit', 'cancel'], 'Item', ownDepartment);
        break;
      case 'supervisor':
        can('read', 'User', county);
        can('read', 'OperationLog', county);
        can('read', 'Item', county);
        break;
      case 'reviewer':
        can(['read', 'approve', 'return', 'comment'], 'Item', county);
        break;
      case 'frontline':
        can('read', 'Item', ownDepartment);
        break;
    }
  }
  return build();
}
