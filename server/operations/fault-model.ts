import { Schema, type Connection, type Model, type Types } from 'mongoose';
import {
  FAULT_CLASSES,
  FAULT_STATES,
  type FaultClass,
  type FaultState,
  type FaultTarget,
} from '../../runtime/operations/faults';

export interface Person {
  userId: string;
  name: string;
}

export interface FaultNote {
  at: Date;
  by: Person;
  text: string;
}

/** One fault of the platform and what was done about it (OPS-3). */
export interface Fault {
  _id: Types.ObjectId;
  countyId: Types.ObjectId;
  /** GZ-YYYYMM-NNN: the number operators quote on the phone. */
  number: string;
  faultClass: FaultClass;
  title: string;
  description: string;
  /** The part of the platform affected (门户, 办件, 某部门的窗口 …). */
  affected: string;
  occurredAt: Date;
  reportedAt: Date;
  /** Who reported it: often a window clerk on the phone, not the operator who records it. */
  reportedBy: string;
  recordedBy: Person;
  state: FaultState;
  respondedAt?: Date;
  respondedBy?: Person;
  notes: FaultNote[];
  resolvedAt?: Date;
  resolvedBy?: Person;
  resolution?: string;
  cause?: string;
  targets: FaultTarget;
  version: number;
  createdAt: Date;
}

const person = { userId: String, name: String };
const span = { value: Number, unit: String };

const faultSchema = new Schema<Fault>(
  {
    countyId: { type: Schema.Types.ObjectId, required: true },
    number: { type: String, required: true },
    faultClass: { type: String, enum: FAULT_CLASSES, required: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    affected: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    reportedAt: { type: Date, required: true },
    reportedBy: { type: String, required: true },
    recordedBy: person,
    state: { type: String, enum: FAULT_STATES, required: true },
    respondedAt: Date,
    respondedBy: person,
    notes: [{ _id: false, at: Date, by: person, text: String }],
    resolvedAt: Date,
    resolvedBy: person,
    resolution: String,
    cause: String,
    targets: { respond: span, resolve: span },
    version: { type: Number, required: true, default: 0 },
    createdAt: { type: Date, required: true },
  },
  { collection: 'faults', versionKey: false },
);
faultSchema.index({ countyId: 1, number: 1 }, { unique: true });
faultSchema.index({ countyId: 1, reportedAt: -1 });

export type FaultModel = Model<Fault>;
export const faultModel = (c: Connection): FaultModel =>
  (c.models.Fault as FaultModel | undefined) ?? c.model<Fault>('Fault', faultSchema);
