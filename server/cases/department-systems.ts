import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { Schema, Types, type Connection, type Model } from 'mongoose';
import { AppError } from '../http/errors';

/**
 * A department's own business system (RUN-1, INT-1): it pushes cases and delivers replies with
 * a key of its own, not a staff password and session. The key is shown once when an
 * administrator registers the system; the database keeps only its SHA-256.
 */
export interface DepartmentSystem {
  _id: Types.ObjectId;
  countyId: Types.ObjectId;
  departmentId: Types.ObjectId;
  name: string;
  keyHash: string;
  status: 'active' | 'revoked';
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<DepartmentSystem>(
  {
    countyId: { type: Schema.Types.ObjectId, required: true },
    departmentId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true, trim: true, maxlength: 60 },
    keyHash: { type: String, required: true },
    status: { type: String, enum: ['active', 'revoked'], default: 'active' },
    createdBy: { type: String, required: true },
  },
  { timestamps: true, collection: 'department_systems', versionKey: false },
);

export type DepartmentSystemModel = Model<DepartmentSystem>;
export const departmentSystemModel = (c: Connection): DepartmentSystemModel =>
  (c.models.DepartmentSystem as DepartmentSystemModel | undefined) ??
  c.model<DepartmentSystem>('DepartmentSystem', schema);

/** Who a pushing system is, as the executor needs it. */
export interface SystemCaller {
  id: string;
  name: string;
  countyId: string;
  departmentId: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** `ds.<id>.<secret>`: the id finds the record, the secret proves the caller holds the key. */
export function newSystemKey(id: Types.ObjectId): { key: string; keyHash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { key: `ds.${String(id)}.${secret}`, keyHash: sha256(secret) };
}

export function systemAuthenticator(systems: DepartmentSystemModel) {
  return async (req: Request): Promise<SystemCaller> => {
    const header = req.get('authorization') ?? '';
    const m = /^Bearer ds\.([0-9a-f]{24})\.([A-Za-z0-9_-]{20,100})$/.exec(header);
    const refused = new AppError(
      401,
      'unauthenticated',
      '部门系统须以有效的接口密钥调用（Authorization: Bearer …）',
    );
    if (!m) throw refused;
    const found = await systems.findById(m[1]).lean<DepartmentSystem>().exec();
    if (!found || found.status !== 'active') throw refused;
    const given = Buffer.from(sha256(m[2]!));
    if (!timingSafeEqual(given, Buffer.from(found.keyHash))) throw refused;
    return {
      id: String(found._id),
      name: found.name,
      countyId: String(found.countyId),
      departmentId: String(found.departmentId),
    };
  };
}
