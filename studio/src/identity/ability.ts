import { createMongoAbility, subject, type MongoAbility, type RawRuleOf } from '@casl/ability';

// The server's rules arrive as data; actions and subjects are defined once in runtime/.
import type { Action, SubjectType } from '../../../runtime/access/roles';

export type { Action, SubjectType } from '../../../runtime/access/roles';
export type AppAbility = MongoAbility<[Action, SubjectType | 'all' | object]>;

export const buildAbility = (rules: RawRuleOf<AppAbility>[]): AppAbility =>
  createMongoAbility<AppAbility>(rules);

export const noAbility = buildAbility([]);

/**
 * Whether `action` is allowed on this very record. Rules match on `countyId` and `departmentId`,
 * so the record must carry them (callers add the county from the record's unit).
 */
export function canOn(
  ability: AppAbility,
  action: Action,
  type: SubjectType,
  record: Record<string, unknown>,
): boolean {
  return ability.can(action, subject(type, { ...record }));
}
