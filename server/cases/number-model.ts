import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A claimed number (RUN-11): `_id` is the number itself, so no two cases can ever hold one
 * (docs/runtime-rules.md, numbers). Also the reverse index from number to case; a claim whose
 * case write then failed is a gap, and its `caseId` does not hold the number.
 */
export interface CaseNumber {
  _id: string;
  kind: 'case' | 'application';
  counter: string;
  serial: number;
  caseId: string;
  at: Date;
}

/** Where to start looking for the next free serial of a counter; only a hint. */
export interface CaseNumberCounter {
  _id: string;
  next: number;
}

const numberSchema = new Schema<CaseNumber>(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: ['case', 'application'], required: true },
    counter: { type: String, required: true },
    serial: { type: Number, required: true },
    caseId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'case_numbers', versionKey: false },
);
// Numbers are never given back (RUN-11): a gap stays a gap.
for (const op of ['deleteOne', 'deleteMany', 'findOneAndDelete'] as const) {
  numberSchema.pre(op, () => {
    throw new Error('办件编号和申请编号一经分配永不收回');
  });
}

const counterSchema = new Schema<CaseNumberCounter>(
  { _id: { type: String, required: true }, next: { type: Number, required: true } },
  { collection: 'case_number_counters', versionKey: false },
);

export type CaseNumberModel = Model<CaseNumber>;
export type CaseNumberCounterModel = Model<CaseNumberCounter>;
export const caseNumberModel = (c: Connection): CaseNumberModel =>
  (c.models.CaseNumber as CaseNumberModel | undefined) ??
  c.model<CaseNumber>('CaseNumber', numberSchema);
export const caseNumberCounterModel = (c: Connection): CaseNumberCounterModel =>
  (c.models.CaseNumberCounter as CaseNumberCounterModel | undefined) ??
  c.model<CaseNumberCounter>('CaseNumberCounter', counterSchema);
