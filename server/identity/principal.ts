import type { Principal } from '../access/abilities';
import type { User } from './user-model';

export function principalOf(
  user: Pick<User, '_id' | 'roles' | 'unitId' | 'departmentId' | 'countyId' | 'postIds'>,
): Principal {
  return {
    kind: 'staff',
    userId: String(user._id),
    roles: [...user.roles],
    unitId: String(user.unitId),
    departmentId: String(user.departmentId),
    countyId: String(user.countyId),
    postIds: user.postIds.map(String),
  };
}
