import type { Request } from 'express';
import { z } from 'zod';
import { defineAbilityFor, ROLE_LABELS } from '../access/abilities';
import type { LoginLogModel, LoginOutcome } from '../audit/models';
import type { Config } from '../config';
import { AppError } from '../http/errors';
import type { Api } from '../http/api';
import type { UnitModel } from '../organisation/unit-model';
import { clearSessionCookie, setSessionCookie } from './auth';
import { addressRefused, type AddressLimit } from './address-failures';
import { admitAttempt, CLEAR_FAILURES, failedAttempt, LOCKOUT } from './lockout';
import { decoyHash, hashPassword, passwordProblems, verifyPassword } from './passwords';
import { principalOf } from './principal';
import type { SessionStore } from './sessions';
import { publicUser, type User, type UserModel } from './user-model';

export interface LoginDeps {
  users: UserModel;
  units: UnitModel;
  sessions: SessionStore;
  loginLogs: LoginLogModel;
  config: Pick<Config, 'COOKIE_SECURE'>;
}

/** Password logins also count failures per client address. */
export interface PasswordLoginDeps extends LoginDeps {
  addresses: AddressLimit;
}

const credentials = z
  .object({
    username: z.string().trim().min(1, '请输入用户名').max(64),
    password: z.string().min(1, '请输入密码').max(128),
  })
  .strict()
  .meta({ id: 'Credentials' });

const meSchema = z
  .object({
    user: z.object({
      id: z.string(),
      username: z.string(),
      name: z.string(),
      staffNo: z.string(),
      roles: z.array(z.string()),
      roleLabels: z.array(z.string()),
      unitId: z.string(),
      unitName: z.string(),
      countyId: z.string(),
      departmentId: z.string(),
      postIds: z.array(z.string()),
    }),
    csrfToken: z.string(),
    rules: z.array(z.unknown()),
  })
  .meta({ id: 'Me' });

const invalid = () => new AppError(401, 'invalid_credentials', '用户名或密码错误');

export function clientOf(req: Request) {
  return { ip: req.ip, userAgent: req.get('user-agent')?.slice(0, 200) };
}

/** Opens a session for a user who has proven who they are, by password or through OIDC. */
export async function openSession(
  deps: LoginDeps,
  user: User,
  via: 'password' | 'oidc',
  req: Request,
) {
  const { token, session } = await deps.sessions.create({
    userId: String(user._id),
    principal: principalOf(user),
    display: { username: user.username, name: user.name },
    via,
    ...clientOf(req),
  });
  // A password lock guards against password guessing; a login through the provider does not lift it.
  await deps.users.updateOne(
    { _id: user._id },
    via === 'password'
      ? {
          $set: { lastLoginAt: new Date(), ...CLEAR_FAILURES.$set },
          $unset: CLEAR_FAILURES.$unset,
        }
      : { $set: { lastLoginAt: new Date() } },
  );
  await logLogin(deps, req, { username: user.username, user, outcome: 'success', via });
  return { token, session };
}

export async function logLogin(
  deps: Pick<LoginDeps, 'loginLogs'>,
  req: Request,
  entry: {
    username: string;
    user?: User;
    outcome: LoginOutcome;
    reason?: string;
    via: 'password' | 'oidc';
  },
) {
  await deps.loginLogs.create({
    at: new Date(),
    username: entry.username.slice(0, 64),
    userId: entry.user?._id,
    countyId: entry.user?.countyId,
    outcome: entry.outcome,
    reason: entry.reason,
    via: entry.via,
    ...clientOf(req),
  });
}

export function loginRoutes(api: Api, deps: PasswordLoginDeps): void {
  api.route({
    method: 'post',
    path: '/api/auth/login',
    access: 'public',
    summary: '用户名密码登录',
    tags: ['登录'],
    body: credentials,
    response: { description: '登录成功', schema: meSchema },
    async handler({ req, res, body }) {
      const now = new Date();
      // Refusals here come before any password hash is checked: argon2 is the expensive part.
      const addressWait = await deps.addresses.blocked(req.ip, now);
      if (addressWait !== undefined) {
        await logLogin(deps, req, {
          username: body.username,
          outcome: 'locked',
          reason: '该地址登录失败次数过多',
          via: 'password',
        });
        throw addressRefused(addressWait, deps.addresses.limit);
      }
      const user = await deps.users
        .findOne({ username: body.username.toLowerCase() })
        .lean<User>()
        .exec();
      if (!user) {
        await verifyPassword(await decoyHash(), body.password);
        await deps.addresses.record(req.ip, now);
        await logLogin(deps, req, {
          username: body.username,
          outcome: 'failure',
          reason: '用户不存在',
          via: 'password',
        });
        throw invalid();
      }
      const attempt = await admitAttempt(deps.users, user, now);
      if (!attempt.admitted) {
        await logLogin(deps, req, {
          username: user.username,
          user,
          outcome: 'locked',
          via: 'password',
        });
        throw new AppError(
          423,
          'account_locked',
          `密码错误次数过多，账号已锁定，请 ${attempt.minutes} 分钟后再试`,
          { lockedUntil: attempt.lockedUntil },
        );
      }
      if (!(await verifyPassword(user.passwordHash, body.password))) {
        const locked = await failedAttempt(deps.users, user._id, attempt, now);
        await deps.addresses.record(req.ip, now);
        await logLogin(deps, req, {
          username: user.username,
          user,
          outcome: locked ? 'lockout' : 'failure',
          reason: '密码错误',
          via: 'password',
        });
        if (locked) {
          throw new AppError(
            423,
            'account_locked',
            `密码连续错误 ${LOCKOUT.failures} 次，账号已锁定 15 分钟`,
          );
        }
        throw invalid();
      }
      if (user.status !== 'active') {
        await logLogin(deps, req, {
          username: user.username,
          user,
          outcome: 'failure',
          reason: '账号已停用',
          via: 'password',
        });
        throw new AppError(403, 'account_disabled', '账号已停用，请联系管理员');
      }
      const { token, session } = await openSession(deps, user, 'password', req);
      setSessionCookie(req, res, deps.config, token, session);
      return describe(deps, user, session.csrfToken);
    },
  });

  api.route({
    method: 'get',
    path: '/api/auth/me',
    access: 'staff',
    summary: '当前用户、CSRF 令牌与权限规则',
    tags: ['登录'],
    response: { description: '当前用户', schema: meSchema },
    async handler({ auth }) {
      const user = await deps.users.findById(auth.principal.userId).lean<User>().exec();
      if (!user) throw new AppError(401, 'unauthenticated', '请先登录');
      return describe(deps, user, auth.session.csrfToken, auth.ability.rules);
    },
  });

  api.route({
    method: 'post',
    path: '/api/auth/logout',
    access: 'staff',
    audit: false,
    summary: '退出登录：本会话在所有模块中同时失效',
    tags: ['登录'],
    response: { description: '已退出' },
    async handler({ req, res, auth }) {
      await deps.sessions.destroy(auth.session.token);
      clearSessionCookie(res);
      await logLogin(deps, req, {
        username: auth.display.username,
        outcome: 'logout',
        via: auth.session.via,
      });
      return { ok: true };
    },
  });

  api.route({
    method: 'post',
    path: '/api/auth/logout-all',
    access: 'staff',
    audit: false,
    summary: '退出本人全部会话（所有设备）',
    tags: ['登录'],
    response: { description: '已退出的会话数' },
    async handler({ req, res, auth }) {
      const ended = await deps.sessions.destroyForUser(auth.principal.userId);
      clearSessionCookie(res);
      await logLogin(deps, req, {
        username: auth.display.username,
        outcome: 'logout',
        reason: `全部会话（${ended}）`,
        via: auth.session.via,
      });
      return { ended };
    },
  });

  api.route({
    method: 'post',
    path: '/api/auth/password',
    access: 'staff',
    summary: '修改本人密码',
    tags: ['登录'],
    body: z
      .object({ currentPassword: z.string().max(128), newPassword: z.string().max(128) })
      .strict(),
    response: { description: '已修改；其他会话已退出' },
    async handler({ body, auth, audit }) {
      const user = await deps.users.findById(auth.principal.userId).lean<User>().exec();
      if (!user || !(await verifyPassword(user.passwordHash, body.currentPassword))) {
        throw new AppError(400, 'wrong_password', '当前密码不正确');
      }
      const problems = passwordProblems(body.newPassword);
      if (problems.length)
        throw new AppError(400, 'weak_password', `新密码不符合要求：${problems.join('；')}`, {
          problems,
        });
      await deps.users.updateOne(
        { _id: user._id },
        {
          $set: {
            passwordHash: await hashPassword(body.newPassword),
            passwordChangedAt: new Date(),
          },
          $inc: { version: 1 },
        },
      );
      // Other devices must sign in again with the new password; this one stays.
      await deps.sessions.destroyOthers(String(user._id), auth.session.token);
      audit({
        action: 'update',
        resource: 'user',
        resourceId: String(user._id),
        summary: `${user.name} 修改了本人密码`,
        changes: { password: { before: '***', after: '***' } },
      });
      return { ok: true };
    },
  });
}

async function describe(deps: LoginDeps, user: User, csrfToken: string, rules?: unknown[]) {
  const unit = await deps.units.findById(user.unitId, { name: 1 }).lean().exec();
  return {
    user: {
      ...publicUser(user),
      roleLabels: user.roles.map((r) => ROLE_LABELS[r]),
      unitName: unit?.name ?? '',
    },
    csrfToken,
    rules: rules ?? defineAbilityFor(principalOf(user)).rules,
  };
}
