import type { Actor } from '../../runtime/cases';
import type { ApplicantContext, AuthContext } from '../identity/contexts';
import type { User, UserModel } from '../identity/user-model';
import type { Post, PostModel } from '../organisation/post-model';
import type { UnitDirectory } from './units';

const TTL_MS = 60_000;

/** The platform's own scheduler (deadline reminders, timers): a system actor. */
export const SCHEDULER: Actor = {
  userId: 'scheduler',
  name: '平台定时任务',
  unitId: '',
  departmentId: '',
  postIds: [],
  roles: [],
  kind: 'system',
};

export function applicantActor(applicant: ApplicantContext): Actor {
  return {
    userId: applicant.applicantId,
    name: applicant.display.name,
    unitId: '',
    departmentId: '',
    postIds: [],
    roles: [],
    kind: 'applicant',
  };
}

/**
 * The engine's actor for a signed-in staff member, with what the trail records of them (RUN-7:
 * 工号, 姓名, 岗位, 科室). Roles, unit and posts come from the session, which the identity area
 * keeps current; names are looked up and kept for a minute.
 */
export class StaffActors {
  private readonly cache = new Map<string, { actor: Actor; at: number }>();

  constructor(
    private readonly deps: { users: UserModel; posts: PostModel; units: UnitDirectory },
  ) {}

  async of(auth: AuthContext): Promise<Actor> {
    const p = auth.principal;
    const key = [p.userId, p.unitId, p.roles.join(','), p.postIds.join(',')].join('|');
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.actor;
    const [user, posts, unit, department] = await Promise.all([
      this.deps.users.findById(p.userId, { staffNo: 1, name: 1 }).lean<User>().exec(),
      p.postIds.length
        ? this.deps.posts
            .find({ _id: { $in: p.postIds } }, { name: 1 })
            .lean<Post[]>()
            .exec()
        : Promise.resolve([] as Post[]),
      this.deps.units.get(p.unitId),
      this.deps.units.get(p.departmentId),
    ]);
    const actor: Actor = {
      userId: p.userId,
      name: user?.name ?? auth.display.name,
      unitId: p.unitId,
      departmentId: p.departmentId,
      postIds: [...p.postIds],
      roles: [...p.roles],
      kind: 'staff',
      ...(user?.staffNo ? { staffNo: user.staffNo } : {}),
      ...(department ? { departmentName: department.name } : {}),
      ...(unit ? { unitName: unit.name } : {}),
      postNames: Object.fromEntries(posts.map((post) => [String(post._id), post.name])),
    };
    this.cache.set(key, { actor, at: Date.now() });
    return actor;
  }
}
