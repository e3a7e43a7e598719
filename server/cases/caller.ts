import { subject as asSubject } from '@casl/ability';
import type { Actor } from '../../runtime/cases';
import type { ApplicantContext, AuthContext } from '../identity/contexts';
import { applicantActor, SCHEDULER, type StaffActors } from './actors';
import type { CaseDoc } from './case-model';
import type { SystemCaller } from './department-systems';

/** Who issues a command: staff, a citizen, a department system, or the platform's scheduler. */
export type Caller =
  | { kind: 'staff'; auth: AuthContext }
  | { kind: 'applicant'; applicant: ApplicantContext }
  | { kind: 'system'; system: SystemCaller }
  | { kind: 'scheduler' };

/**
 * The caller's rules on an existing case: staff by their abilities (CASL), a citizen on their own
 * application, a department system on cases of its department, the scheduler on all.
 */
export function callerMay(caller: Caller, doc: CaseDoc, action: 'read' | 'update'): boolean {
  switch (caller.kind) {
    case 'staff':
      return caller.auth.ability.can(
        action,
        asSubject('Case', { countyId: doc.countyId, departmentIds: doc.departmentIds }),
      );
    case 'applicant':
      return !!doc.applicantAccountId && doc.applicantAccountId === caller.applicant.applicantId;
    case 'system':
      return (
        doc.countyId === caller.system.countyId &&
        doc.departmentIds.includes(caller.system.departmentId)
      );
    case 'scheduler':
      return true;
  }
}

/** The engine's actor for a caller, with what the trail records of them. */
export async function actorOfCaller(caller: Caller, staffActors: StaffActors): Promise<Actor> {
  switch (caller.kind) {
    case 'staff':
      return staffActors.of(caller.auth);
    case 'applicant':
      return applicantActor(caller.applicant);
    case 'system':
      return {
        userId: caller.system.id,
        name: caller.system.name,
        unitId: caller.system.departmentId,
        departmentId: caller.system.departmentId,
        postIds: [],
        roles: [],
        kind: 'system',
      };
    case 'scheduler':
      return SCHEDULER;
  }
}
