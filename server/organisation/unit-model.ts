import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { explainUnique } from '../database/unique';
import { UNIT_KINDS, type UnitKind } from '../../runtime/organisation/units';

export { ALLOWED_PARENTS, UNIT_KIND_LABELS, UNIT_KINDS } from '../../runtime/organisation/units';
export type { UnitKind } from '../../runtime/organisation/units';

export interface Unit {
  _id: Types.ObjectId;
  kind: UnitKind;
  name: string;
  parentId?: Types.ObjectId;
  /** Root first; lets a subtree be found with one indexed query. */
  ancestors: Types.ObjectId[];
  /** The county this unit is in (itself for a county); absent for a city. */
  countyId?: Types.ObjectId;
  /** The department or township whose branch this unit is in (itself for those). */
  departmentId?: Types.ObjectId;
  /** 6 digits for a city or county, 9 for a township, 12 for a community (GB/T 2260 and stats codes). */
  divisionCode?: string;
  /** Two uppercase letters used in item codes (CAT-4), departments only. */
  deptCode?: string;
  /** Two digits used in item codes for township-level subjects (CAT-4), townships only. */
  townshipCode?: string;
  /**
   * Always present and unique: carries the department or township code's uniqueness within the
   * county. A unique index on an optional field behaves differently on MongoDB and on the embedded
   * database (docs/database.md), so this key never is optional.
   */
  codeKey: string;
  phone?: string;
  address?: string;
  sortOrder: number;
  status: 'active' | 'inactive';
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export function codeKeyOf(
  unit: Pick<Unit, '_id' | 'kind' | 'countyId' | 'deptCode' | 'townshipCode'>,
): string {
  if (unit.kind === 'department' && unit.deptCode) return `dept:${unit.countyId}:${unit.deptCode}`;
  if (unit.kind === 'township' && unit.townshipCode)
    return `town:${unit.countyId}:${unit.townshipCode}`;
  return `unit:${unit._id}`;
}

const unitSchema = new Schema<Unit>(
  {
    kind: { type: String, enum: UNIT_KINDS, required: true, label: '类型' },
    name: { type: String, required: true, trim: true, maxlength: 60, label: '名称' },
    parentId: { type: Schema.Types.ObjectId, label: '上级单位' },
    ancestors: { type: [Schema.Types.ObjectId], default: [] },
    countyId: { type: Schema.Types.ObjectId },
    departmentId: { type: Schema.Types.ObjectId },
    divisionCode: { type: String, match: /^(\d{6}|\d{9}|\d{12})$/, label: '行政区划代码' },
    deptCode: { type: String, match: /^[A-Z]{2}$/, label: '部门编码' },
    townshipCode: { type: String, match: /^\d{2}$/, label: '乡镇编码' },
    codeKey: { type: String, required: true, label: '部门或乡镇编码' },
    phone: { type: String, maxlength: 30 },
    address: { type: String, maxlength: 120 },
    sortOrder: { type: Number, default: 0 },
    status: { type: String, enum: ['active', 'inactive'], default: 'active' },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'units' },
);
unitSchema.index({ codeKey: 1 }, { unique: true });
explainUnique(unitSchema, ['codeKey'], {
  fields: (u) => [u.kind === 'township' ? 'townshipCode' : 'deptCode'],
  message: (u) =>
    u.kind === 'township'
      ? `乡镇编码 ${String(u.townshipCode)} 已被本县其他乡镇（街道）使用`
      : `部门编码 ${String(u.deptCode)} 已被本县其他部门使用`,
});
unitSchema.index({ parentId: 1, name: 1 }, { unique: true });
explainUnique(unitSchema, ['parentId', 'name'], {
  fields: ['name'],
  message: (u) => `同一上级单位下已有名为「${String(u.name)}」的单位`,
});
unitSchema.index({ ancestors: 1 });
unitSchema.index({ countyId: 1, kind: 1 });

export type UnitModel = Model<Unit>;
export const unitModel = (connection: Connection): UnitModel =>
  (connection.models.Unit as UnitModel | undefined) ?? connection.model<Unit>('Unit', unitSchema);
