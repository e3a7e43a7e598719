import { z } from 'zod';
import { findPage } from '../database/paging';
import { ROLE_LABELS, ROLES, type AppAbility } from '../access/abilities';
import { accessibleFilter, assertCan, both } from '../access/query';
import { changesBetween } from '../audit/models';
import { updateVersioned } from '../database/versioned';
import { writeUnique } from '../database/unique';
import type { Api } from '../http/api';
import { AppError, badRequest, notFound } from '../http/errors';
import { escapeRegExp, objectId, page, pageOf, versionField } from '../http/schemas';
import type { Post, PostModel } from '../organisation/post-model';
import type { Unit, UnitModel } from '../organisation/unit-model';
import { CLEAR_FAILURES } from './lockout';
import { hashPassword, passwordProblems } from './passwords';
import { principalOf } from './principal';
import type { SessionStore } from './sessions';
import { publicUser, type User, type UserModel } from './user-model';

export interface UserRouteDeps {
  users: UserModel;
  units: UnitModel;
  posts: PostModel;
  sessions: SessionStore;
}

const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名应以字母开头，3–32 位字母、数字或 _.-');
const staffNo = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,20}$/, '工号应为 1–20 位字母、数字或 -');
const phone = z.string().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '电话应为手机号或带区号的座机号');
const roles = z.array(z.enum(ROLES)).max(ROLES.length);

function checkPassword(password: string) {
  const problems = passwordProblems(password);
  if (problems.length)
    throw new AppError(400, 'weak_password', `密码不符合要求：${problems.join('；')}`, {
      problems,
    });
}

export function userRoutes(api: Api, deps: UserRouteDeps): void {
  const { users, units, posts, sessions } = deps;

  async function visibleUser(ability: AppAbility, id: string) {
    const filter = accessibleFilter<User>(ability, 'read', 'User');
    const user =
      filter &&
      (await users
        .findOne(both(filter, { _id: id }))
        .lean<User>()
        .exec());
    if (!user) throw notFound('用户不存在');
    return user;
  }

  /** The unit and posts a user is given must exist, be visible, and belong together. */
  async function placement(ability: AppAbility, unitId: string, postIds: string[]) {
    const unitFilter = accessibleFilter<Unit>(ability, 'read', 'Unit');
    const unit =
      unitFilter &&
      (await units
        .findOne(both(unitFilter, { _id: unitId }))
        .lean<Unit>()
        .exec());
    if (!unit) throw badRequest('所属单位不存在', { field: 'unitId' });
    if (!unit.departmentId || !unit.countyId) {
      throw badRequest('用户须属于部门、科室、乡镇（街道）或社区（村）', { field: 'unitId' });
    }
    const found = postIds.length
      ? await posts
          .find({ _id: { $in: postIds }, countyId: unit.countyId })
          .lean<Post[]>()
          .exec()
      : [];
    const missing = postIds.filter((id) => !found.some((p) => String(p._id) === id));
    if (missing.length)
      throw badRequest(`岗位不存在：${missing.join('、')}`, { field: 'postIds', missing });
    const elsewhere = found.filter((p) => String(p.departmentId) !== String(unit.departmentId));
    if (elsewhere.length) {
      throw badRequest(`岗位「${elsewhere.map((p) => p.name).join('、')}」不属于该用户所在部门`, {
        field: 'postIds',
      });
    }
    return { unit, departmentId: unit.departmentId, countyId: unit.countyId };
  }

  async function syncSessions(user: User) {
    if (user.status !== 'active') await sessions.destroyForUser(String(user._id));
    else
      await sessions.refreshPrincipal(String(user._id), principalOf(user), {
        username: user.username,
        name: user.name,
      });
  }

  api.route({
    method: 'get',
    path: '/api/roles',
    access: 'staff',
    summary: '角色及其说明',
    tags: ['用户'],
    response: { description: '角色' },
    handler: () => ({ items: ROLES.map((id) => ({ id, label: ROLE_LABELS[id] })) }),
  });

  api.route({
    method: 'get',
    path: '/api/users',
    access: 'staff',
    summary: '用户列表',
    tags: ['用户'],
    query: z
      .object({
        q: z.string().trim().max(30).optional(),
        unitId: objectId.optional(),
        departmentId: objectId.optional(),
        role: z.enum(ROLES).optional(),
        status: z.enum(['active', 'disabled']).optional(),
        ...page,
      })
      .strict(),
    response: { description: '用户' },
    async handler({ query, auth }) {
      const filter = accessibleFilter<User>(auth.ability, 'read', 'User');
      if (!filter) return pageOf([], 0, query);
      const where: Record<string, unknown>[] = [];
      if (query.unitId) where.push({ unitId: query.unitId });
      if (query.departmentId) where.push({ departmentId: query.departmentId });
      if (query.role) where.push({ roles: query.role });
      if (query.status) where.push({ status: query.status });
      if (query.q) {
        const re = new RegExp(escapeRegExp(query.q), 'i');
        where.push({ $or: [{ name: re }, { username: re }, { staffNo: re }] });
      }
      const q = where.length ? both(filter, { $and: where }) : filter;
      return findPage(users, q, { staffNo: 1 }, query, publicUser);
    },
  });

  api.route({
    method: 'get',
    path: '/api/users/:id',
    access: 'staff',
    summary: '用户详情',
    tags: ['用户'],
    params: z.object({ id: objectId }),
    response: { description: '用户' },
    async handler({ params, auth }) {
      return publicUser(await visibleUser(auth.ability, params.id));
    },
  });

  api.route({
    method: 'post',
    path: '/api/users',
    access: 'staff',
    status: 201,
    summary: '新建用户',
    tags: ['用户'],
    body: z
      .object({
        username,
        staffNo,
        name: z.string().trim().min(1).max(30),
        phone: phone.optional(),
        unitId: objectId,
        postIds: z.array(objectId).max(20).default([]),
        roles: roles.default([]),
        password: z.string().max(128),
      })
      .strict(),
    response: { description: '已建' },
    async handler({ body, auth, audit }) {
      const { password, ...fields } = body;
      const place = await placement(auth.ability, body.unitId, body.postIds);
      const record = {
        ...fields,
        unitId: place.unit._id,
        departmentId: place.departmentId,
        countyId: place.countyId,
      };
      assertCan(auth.ability, 'create', 'User', record, '在该单位新建用户');
      checkPassword(password);
      const created = await writeUnique(users, record, async () =>
        users.create({
          ...record,
          passwordHash: await hashPassword(password),
          passwordChangedAt: new Date(),
        }),
      );
      const user = created.toObject() as User;
      audit({
        action: 'create',
        resource: 'user',
        resourceId: String(user._id),
        summary: `新建用户「${user.name}」（${user.username}），角色：${user.roles.map((r) => ROLE_LABELS[r]).join('、') || '无'}`,
        changes: changesBetween(undefined, publicUser(user)),
      });
      return publicUser(user);
    },
  });

  api.route({
    method: 'patch',
    path: '/api/users/:id',
    access: 'staff',
    summary: '修改用户（单位、岗位、角色、状态）；已登录的会话立即按新权限生效',
    tags: ['用户'],
    params: z.object({ id: objectId }),
    body: z
      .object({
        version: versionField,
        name: z.string().trim().min(1).max(30).optional(),
        staffNo: staffNo.optional(),
        phone: phone.optional(),
        unitId: objectId.optional(),
        postIds: z.array(objectId).max(20).optional(),
        roles: roles.optional(),
        status: z.enum(['active', 'disabled']).optional(),
      })
      .strict(),
    response: { description: '修改后的用户' },
    async handler({ params, body, auth, audit }) {
      const user = await visibleUser(auth.ability, params.id);
      assertCan(auth.ability, 'update', 'User', user, '修改该用户');
      const { version, ...changes } = body;
      const set: Record<string, unknown> = { ...changes };
      if (changes.unitId || changes.postIds) {
        const place = await placement(
          auth.ability,
          changes.unitId ?? String(user.unitId),
          changes.postIds ?? user.postIds.map(String),
        );
        Object.assign(set, {
          unitId: place.unit._id,
          departmentId: place.departmentId,
          countyId: place.countyId,
        });
        // Moving a user must not take them out of what this caller may manage.
        assertCan(auth.ability, 'update', 'User', { ...user, ...set }, '把用户调往该单位');
      }
      if (
        String(user._id) === auth.principal.userId &&
        (changes.status === 'disabled' ||
          (changes.roles && !changes.roles.includes('admin') && user.roles.includes('admin')))
      ) {
        throw badRequest('不能停用自己或取消自己的管理员角色');
      }
      const updated = await writeUnique(users, { ...user, ...set }, () =>
        updateVersioned(users, user._id, version, { $set: set }, '用户'),
      );
      await syncSessions(updated);
      audit({
        action: 'update',
        resource: 'user',
        resourceId: params.id,
        summary: `修改用户「${updated.name}」`,
        changes: changesBetween(publicUser(user), publicUser(updated)),
      });
      return publicUser(updated);
    },
  });

  api.route({
    method: 'post',
    path: '/api/users/:id/password',
    access: 'staff',
    summary: '管理员重置用户密码；该用户的所有会话退出',
    tags: ['用户'],
    params: z.object({ id: objectId }),
    body: z.object({ password: z.string().max(128) }).strict(),
    response: { description: '已重置' },
    async handler({ params, body, auth, audit }) {
      const user = await visibleUser(auth.ability, params.id);
      assertCan(auth.ability, 'update', 'User', user, '重置该用户的密码');
      checkPassword(body.password);
      await users.updateOne(
        { _id: user._id },
        {
          $set: {
            passwordHash: await hashPassword(body.password),
            passwordChangedAt: new Date(),
            ...CLEAR_FAILURES.$set,
          },
          $unset: CLEAR_FAILURES.$unset,
          $inc: { version: 1 },
        },
      );
      await sessions.destroyForUser(String(user._id));
      audit({
        action: 'reset-password',
        resource: 'user',
        resourceId: params.id,
        summary: `重置用户「${user.name}」的密码`,
        changes: { password: { before: '***', after: '***' } },
      });
      return { ok: true };
    },
  });

  api.route({
    method: 'post',
    path: '/api/users/:id/unlock',
    access: 'staff',
    summary: '解除因密码错误造成的锁定',
    tags: ['用户'],
    params: z.object({ id: objectId }),
    response: { description: '已解锁' },
    async handler({ params, auth, audit }) {
      const user = await visibleUser(auth.ability, params.id);
      assertCan(auth.ability, 'update', 'User', user, '解锁该用户');
      await users.updateOne({ _id: user._id }, { ...CLEAR_FAILURES, $inc: { version: 1 } });
      audit({
        action: 'unlock',
        resource: 'user',
        resourceId: params.id,
        summary: `解除用户「${user.name}」的锁定`,
        changes: { lockedUntil: { before: user.lockedUntil ?? null, after: null } },
      });
      return { ok: true };
    },
  });
}
