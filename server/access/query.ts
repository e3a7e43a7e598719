import { subject as asSubject } from '@casl/ability';
import { accessibleBy } from '@casl/mongoose';
import type { QueryFilter } from 'mongoose';
import { AppError } from '../http/errors';
import type { Action, AppAbility, Subject } from './abilities';

/**
 * The query part that limits a collection to what `ability` may `action`, or `null` when nothing
 * is permitted. CASL's own answer for "nothing" uses `$expr`, which the embedded database refuses,
 * so callers must treat `null` as an empty result without querying (docs/database.md).
 */
export function accessibleFilter<T>(
  ability: AppAbility,
  action: Action,
  type: Exclude<Subject, 'all'>,
): QueryFilter<T> | null {
  if (!ability.can(action, type)) return null;
  return accessibleBy(ability, action).ofType(type) as QueryFilter<T>;
}

/** Both conditions, combined with `$and` so neither can overwrite the other's keys. */
export function both<T>(a: QueryFilter<T>, b: Record<string, unknown>): QueryFilter<T> {
  return { $and: [a, b] } as QueryFilter<T>;
}

/** Rules compare ids as strings; records from the database hold ObjectIds. */
function plainIds(record: object): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    plain[key] =
      value && typeof value === 'object' && 'toHexString' in value ? String(value) : value;
  }
  return plain;
}

/** 403 unless `ability` allows `action` on this record. */
export function assertCan(
  ability: AppAbility,
  action: Action,
  type: Exclude<Subject, 'all'>,
  record: object,
  what: string,
): void {
  if (!ability.can(action, asSubject(type, plainIds(record)))) {
    throw new AppError(403, 'forbidden', `无权${actionLabel[action]}${what}`);
  }
}

/** 403 unless `ability` allows `action` on some record of the type. */
export function assertCanAny(
  ability: AppAbility,
  action: Action,
  type: Exclude<Subject, 'all'>,
  what: string,
) {
  if (!ability.can(action, type))
    throw new AppError(403, 'forbidden', `无权${actionLabel[action]}${what}`);
}

const actionLabel: Record<Action, string> = {
  manage: '管理',
  create: '新建',
  read: '查看',
  update: '修改',
  delete: '删除',
  submit: '提交',
  cancel: '申请取消',
  approve: '审核通过',
  return: '退回',
  comment: '审阅批注',
};
