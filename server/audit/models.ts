import { Schema, type Connection, type Model, type Types } from 'mongoose';

export const LOGIN_OUTCOMES = ['success', 'failure', 'locked', 'lockout', 'logout'] as const;
export type LoginOutcome = (typeof LOGIN_OUTCOMES)[number];

/** One login attempt or logout (ROLE-5). Append-only: nothing in the code updates or deletes these. */
export interface LoginLog {
  _id: Types.ObjectId;
  at: Date;
  username: string;
  userId?: Types.ObjectId;
  countyId?: Types.ObjectId;
  outcome: LoginOutcome;
  reason?: string;
  via: 'password' | 'oidc';
  ip?: string;
  userAgent?: string;
}

/** One change made through the API (ROLE-5). Append-only. */
export interface OperationLog {
  _id: Types.ObjectId;
  at: Date;
  userId: Types.ObjectId;
  username: string;
  userName: string;
  unitId: Types.ObjectId;
  countyId: Types.ObjectId;
  departmentId: Types.ObjectId;
  action: string;
  resource: string;
  resourceId?: string;
  summary: string;
  changes?: Changes;
  method: string;
  path: string;
  requestId?: string;
  ip?: string;
}

const appendOnly = (schema: Schema) => {
  for (const op of [
    'updateOne',
    'updateMany',
    'findOneAndUpdate',
    'replaceOne',
    'deleteOne',
    'deleteMany',
    'findOneAndDelete',
  ] as const) {
    schema.pre(op, () => {
      throw new Error('日志只能追加，不能修改或删除');
    });
  }
};

const loginLogSchema = new Schema<LoginLog>(
  {
    at: { type: Date, required: true },
    username: { type: String, required: true },
    userId: Schema.Types.ObjectId,
    countyId: Schema.Types.ObjectId,
    outcome: { type: String, enum: LOGIN_OUTCOMES, required: true },
    reason: String,
    via: { type: String, required: true },
    ip: String,
    userAgent: String,
  },
  { collection: 'login_logs', versionKey: false },
);
loginLogSchema.index({ countyId: 1, at: -1 });
loginLogSchema.index({ username: 1, at: -1 });
appendOnly(loginLogSchema);

const operationLogSchema = new Schema<OperationLog>(
  {
    at: { type: Date, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    username: { type: String, required: true },
    userName: { type: String, required: true },
    unitId: { type: Schema.Types.ObjectId, required: true },
    countyId: { type: Schema.Types.ObjectId, required: true },
    departmentId: { type: Schema.Types.ObjectId, required: true },
    action: { type: String, required: true },
    resource: { type: String, required: true },
    resourceId: String,
    summary: { type: String, required: true },
    changes: Schema.Types.Mixed,
    method: { type: String, required: true },
    path: { type: String, required: true },
    requestId: String,
    ip: String,
  },
  { collection: 'operation_logs', versionKey: false },
);
operationLogSchema.index({ countyId: 1, at: -1 });
operationLogSchema.index({ resource: 1, resourceId: 1, at: -1 });
appendOnly(operationLogSchema);

export type LoginLogModel = Model<LoginLog>;
export type OperationLogModel = Model<OperationLog>;
export const loginLogModel = (c: Connection): LoginLogModel =>
  (c.models.LoginLog as LoginLogModel | undefined) ?? c.model<LoginLog>('LoginLog', loginLogSchema);
export const operationLogModel = (c: Connection): OperationLogModel =>
  (c.models.OperationLog as OperationLogModel | undefined) ??
  c.model<OperationLog>('OperationLog', operationLogSchema);

const SECRET = /password|hash|token|secret/i;

/**
 * Field → before and after. Objects, not [before, after] pairs: the embedded database cannot
 * store an array value inside an array (docs/database.md).
 */
export type Changes = Record<string, { before: unknown; after: unknown }>;

// Lockout counters (and the older loginFailures) are bookkeeping, not changes anyone made.
const BOOKKEEPING = [
  '_id',
  'version',
  'createdAt',
  'updatedAt',
  'loginFailures',
  'failureCount',
  'failureWindowStart',
  '__v',
];

/** Field-by-field before/after of two plain records, leaving secrets and bookkeeping out. */
export function changesBetween(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): Changes {
  const changes: Changes = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (BOOKKEEPING.includes(key)) continue;
    const a = before?.[key];
    const b = after?.[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    changes[key] = SECRET.test(key)
      ? { before: '***', after: '***' }
      : { before: a ?? null, after: b ?? null };
  }
  return changes;
}
