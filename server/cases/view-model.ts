import { Schema, type Connection, type Model } from 'mongoose';
import type { CaseView } from './view';

const viewSchema = new Schema<CaseView>(
  { _id: { type: String, required: true } },
  { collection: 'case_views', strict: false, versionKey: false, minimize: false },
);
viewSchema.index({ countyId: 1, departmentIds: 1 });

export type CaseViewModel = Model<CaseView>;
export const caseViewModel = (c: Connection): CaseViewModel =>
  (c.models.CaseView as CaseViewModel | undefined) ?? c.model<CaseView>('CaseView', viewSchema);
