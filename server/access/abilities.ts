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
  // A case belongs to every department it passes through: the one that handles it, the window
  // that accepted it (a township's for 基层受理) and any 联办 unit (RUN-12). Its staff see it and
  // may act on it; which step a person may do is the engine's to decide, by post and unit.
  can(['read', 'update'], 'Case', {
    countyId: principal.countyId,
    departmentIds: principal.departmentId,
  });
  // Anyone at a window registers applications for any item of the county (基层代收): the
  // engine checks they hold one of the item's acceptance posts, as for every step.
  can('create', 'Case', county);
  can('read', 'CalendarOverride', county);
  can('read', 'OfficialCalendar');
  // Everyone's own in-app messages (RUN-15), and the wording of the county's notices.
  can(['read', 'update'], 'Message', { userId: principal.userId });
  // Everyone sees the supervision cards raised on their own work (SUP-10).
  can('read', 'SupervisionAlert', { countyId: principal.countyId, userIds: principal.userId });
  can('read', 'NotificationTemplate', county);

  for (const role of principal.roles) {
    switch (role) {
      case 'admin':
        can('manage', 'Unit', county);
        can('manage', 'Post', county);
        can('manage', 'User', county);
        can('read', 'LoginLog', county);
        can('read', 'OperationLog', county);
        can('read', 'Item', county);
        // 终止 and 转办 by an administrator reach every case of the county.
        can(['read', 'update'], 'Case', county);
        can('manage', 'CalendarOverride', county);
        // The State Council's yearly notice is national: no county condition to match.
        can('manage', 'OfficialCalendar');
        can('read', 'SystemStatus');
        // Operators record faults and their response and restoration (OPS-3).
        can('manage', 'Fault', county);
        can('read', 'SupervisionRule', county);
        can('update', 'SupervisionAlert', county);
        // The figures feed the operation reports (OPS-2); rebuilding them is an operator's task.
        can(['read', 'update'], 'SupervisionStatistics', county);
        // Anchoring the trails on demand (RUN-7); the job does it anyway every few minutes.
        can('create', 'TrailAnchor');
        // The portal's search (POR-9): its synonym list, and rebuilding its index.
        can('manage', 'SearchSynonym', county);
        can('update', 'SearchIndex');
        can('manage', 'NotificationTemplate', county);
        // The county's own wording of notices and decisions (RUN-10).
        can('update', 'DocumentTemplate', { scopeId: principal.countyId });
        break;
      case 'clerk':
        // A clerk names the posts of his own department's steps.
        can('manage', 'Post', ownDepartment);
        // Not 'manage': approving is the reviewer's (CAT-5).
        can(['read', 'create', 'update', 'submit', 'cancel'], 'Item', ownDepartment);
        // A department may word its own notices and decisions (RUN-10).
        can('update', 'DocumentTemplate', { scopeId: principal.departmentId });
        break;
      case 'supervisor':
        can('read', 'SupervisionAlert', county);
        can('update', 'SupervisionAlert', county);
        can(['read', 'create', 'update'], 'SupervisionRule', county);
        can(['read', 'create', 'approve'], 'SupervisionExemption', county);
        can(['read', 'update'], 'SupervisionStatistics', county);
        can('read', 'User', county);
        can('read', 'OperationLog', county);
        can('read', 'Item', county);
        // Whether the platform itself kept its service times is theirs to see too (OPS-3).
        can('read', 'Fault', county);
        // Supervision reads every case of the county; 'update' lets a supervisor press (催办),
        // and the engine refuses them anything else.
        can(['read', 'update'], 'Case', county);
        break;
      case 'reviewer':
        can(['read', 'approve', 'return', 'comment'], 'Item', county);
        // 审管 keeps the words citizens use for the items it reviews (POR-9).
        can('manage', 'SearchSynonym', county);
        break;
      case 'frontline':
        can('read', 'Item', ownDepartment);
        break;
    }
  }
  return build();
}

/** A citizen on the portal: their own cases only (RUN-1, RUN-4 撤回, POR-6). */
export function defineApplicantAbility(applicantId: string): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  can('create', 'Case');
  can(['read', 'update'], 'Case', { applicantAccountId: applicantId });
  return build();
}
