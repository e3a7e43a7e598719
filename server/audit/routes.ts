import type { Request } from 'express';
import { Types } from 'mongoose';
import { z } from 'zod';
import { GroupCommit } from '../database/group-commit';
import { findPage, withId } from '../database/paging';
import { accessibleFilter, both } from '../access/query';
import type { ApiDeps, Api } from '../http/api';
import { escapeRegExp, objectId, page, pageOf } from '../http/schemas';
import {
  LOGIN_OUTCOMES,
  type LoginLog,
  type LoginLogModel,
  type OperationLog,
  type OperationLogModel,
} from './models';

export interface AuditDeps {
  loginLogs: LoginLogModel;
  operationLogs: OperationLogModel;
}

/** Writes what a request changed to the operation log, with who did it from where. */
export function operationRecorder(operationLogs: OperationLogModel): ApiDeps['recordOperations'] {
  // The request still waits for its lines; concurrent requests share one insert, made with the
  // driver: the lines are built here from the session, so mongoose's casting would add nothing.
  const group = new GroupCommit<Omit<OperationLog, '_id'>>(async (docs) => {
    await operationLogs.collection.insertMany(docs);
  });
  return async (entries, auth, req: Request) => {
    const at = new Date();
    const id = (value: string) => new Types.ObjectId(value);
    await group.add(
      entries.map((e) => ({
        ...withoutUndefined(e),
        at,
        userId: id(auth.principal.userId),
        username: auth.display.username,
        userName: auth.display.name,
        unitId: id(auth.principal.unitId),
        countyId: id(auth.principal.countyId),
        departmentId: id(auth.principal.departmentId),
        method: req.method,
        path: req.originalUrl.split('?')[0]!,
        requestId: String(req.id ?? ''),
        ...(req.ip ? { ip: req.ip } : {}),
      })),
    );
  };
}

/** The driver would store an undefined field as null; mongoose left it out, and so do we. */
function withoutUndefined<T extends object>(entry: T): T {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as T;
}

const period = {
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
};

function atBetween(from?: Date, to?: Date) {
  if (!from && !to) return {};
  return { at: { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) } };
}

export function auditRoutes(api: Api, deps: AuditDeps): void {
  api.route({
    method: 'get',
    path: '/api/logs/logins',
    access: 'staff',
    summary: '登录日志（成功、失败、锁定、退出）',
    tags: ['日志'],
    query: z
      .object({
        username: z.string().trim().max(64).optional(),
        outcome: z.enum(LOGIN_OUTCOMES).optional(),
        ...period,
        ...page,
      })
      .strict(),
    response: { description: '登录日志' },
    async handler({ query, auth }) {
      const filter = accessibleFilter<LoginLog>(auth.ability, 'read', 'LoginLog');
      if (!filter) return pageOf([], 0, query);
      const where: Record<string, unknown> = { ...atBetween(query.from, query.to) };
      if (query.username) where.username = new RegExp(escapeRegExp(query.username), 'i');
      if (query.outcome) where.outcome = query.outcome;
      // Failures under unknown names carry no county; only administrators of some county see them.
      const scope = auth.ability.can('manage', 'User')
        ? { $or: [filter, { countyId: { $exists: false } }] }
        : filter;
      const q = both<LoginLog>(scope, where);
      return findPage(deps.loginLogs, q, { at: -1 }, query, withId);
    },
  });

  api.route({
    method: 'get',
    path: '/api/logs/operations',
    access: 'staff',
    summary: '操作日志（经接口所做的每一项修改）',
    tags: ['日志'],
    query: z
      .object({
        resource: z.string().max(40).optional(),
        resourceId: z.string().max(40).optional(),
        userId: objectId.optional(),
        ...period,
        ...page,
      })
      .strict(),
    response: { description: '操作日志' },
    async handler({ query, auth }) {
      const filter = accessibleFilter<OperationLog>(auth.ability, 'read', 'OperationLog');
      if (!filter) return pageOf([], 0, query);
      const where: Record<string, unknown> = { ...atBetween(query.from, query.to) };
      if (query.resource) where.resource = query.resource;
      if (query.resourceId) where.resourceId = query.resourceId;
      if (query.userId) where.userId = query.userId;
      const q = both<OperationLog>(filter, where);
      return findPage(deps.operationLogs, q, { at: -1 }, query, withId);
    },
  });
}
