import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { ROLES, type Role } from '../access/abilities';
import { explainUnique } from '../database/unique';
import { lockoutFields } from './lockout';

/** A staff account (ROLE-2). Applicants are kept apart, in `applicants`. */
export interface User {
  _id: Types.ObjectId;
  /** Lower-case login name. */
  username: string;
  staffNo: string;
  name: string;
  phone?: string;
  unitId: Types.ObjectId;
  departmentId: Types.ObjectId;
  countyId: Types.ObjectId;
  postIds: Types.ObjectId[];
  roles: Role[];
  status: 'active' | 'disabled';
  passwordHash?: string;
  passwordChangedAt?: Date;
  /** ROLE-4 lockout (server/identity/lockout.ts): attempts not yet proven right in the window. */
  failureCount: number;
  failureWindowStart?: Date;
  lockedUntil?: Date;
  lastLoginAt?: Date;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const userSchema = new Schema<User>(
  {
    username: {
      type: String,
      required: true,
      lowercase: true,
      trim: true,
      match: /^[a-z][a-z0-9_.-]{2,31}$/,
      label: '用户名',
    },
    staffNo: {
      type: String,
      required: true,
      trim: true,
      match: /^[A-Za-z0-9-]{1,20}$/,
      label: '工号',
    },
    name: { type: String, required: true, trim: true, maxlength: 30, label: '姓名' },
    phone: { type: String, match: /^(1\d{10}|0\d{2,3}-?\d{7,8})$/, label: '电话' },
    unitId: { type: Schema.Types.ObjectId, required: true },
    departmentId: { type: Schema.Types.ObjectId, required: true },
    countyId: { type: Schema.Types.ObjectId, required: true },
    postIds: { type: [Schema.Types.ObjectId], default: [] },
    roles: { type: [{ type: String, enum: ROLES }], default: [] },
    status: { type: String, enum: ['active', 'disabled'], default: 'active' },
    passwordHash: { type: String },
    passwordChangedAt: { type: Date },
    ...lockoutFields,
    lastLoginAt: { type: Date },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'users' },
);
userSchema.index({ username: 1 }, { unique: true });
explainUnique(userSchema, ['username'], {
  fields: ['username'],
  message: (u) => `用户名 ${String(u.username)} 已被使用`,
});
userSchema.index({ countyId: 1, staffNo: 1 }, { unique: true });
explainUnique(userSchema, ['countyId', 'staffNo'], {
  fields: ['staffNo'],
  message: (u) => `工号 ${String(u.staffNo)} 已被本县其他人员使用`,
});
userSchema.index({ departmentId: 1 });
userSchema.index({ postIds: 1 });

export type UserModel = Model<User>;
export const userModel = (connection: Connection): UserModel =>
  (connection.models.User as UserModel | undefined) ?? connection.model<User>('User', userSchema);

/** What a user looks like to the API: never the hash or the lockout bookkeeping. */
export function publicUser(user: User) {
  return {
    id: String(user._id),
    username: user.username,
    staffNo: user.staffNo,
    name: user.name,
    phone: user.phone,
    unitId: String(user.unitId),
    departmentId: String(user.departmentId),
    countyId: String(user.countyId),
    postIds: user.postIds.map(String),
    roles: user.roles,
    status: user.status,
    lockedUntil: user.lockedUntil,
    lastLoginAt: user.lastLoginAt,
    version: user.version,
  };
}
