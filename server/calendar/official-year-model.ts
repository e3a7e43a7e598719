import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { OfficialYear } from '../../runtime/calendar';
import { explainUnique } from '../database/unique';

/**
 * A year's holiday arrangement entered by an administrator from the State Council's notice
 * (RUN-6), for years the chinese-days package does not have yet, or has wrong. National data:
 * one document per year, not per county.
 */
export interface OfficialYearDoc {
  _id: Types.ObjectId;
  year: number;
  holidays: { date: string; name: string }[];
  workdays: { date: string; name: string }[];
  source: { title: string; issuedOn: string; number?: string; papers?: string[] };
  /** How it was entered: a holiday-cn file or the on-screen festival form. */
  format: 'holiday-cn' | 'festivals';
  enteredBy: string;
  enteredByName: string;
  at: Date;
  version: number;
}

const day = new Schema(
  { date: { type: String, required: true }, name: { type: String, required: true } },
  { _id: false },
);

const schema = new Schema<OfficialYearDoc>(
  {
    year: { type: Number, required: true, min: 2004, max: 2200 },
    holidays: { type: [day], default: undefined },
    workdays: { type: [day], default: undefined },
    source: {
      title: { type: String, required: true },
      issuedOn: { type: String, required: true },
      number: String,
      papers: { type: [String], default: undefined },
    },
    format: { type: String, enum: ['holiday-cn', 'festivals'], required: true },
    enteredBy: { type: String, required: true },
    enteredByName: { type: String, required: true },
    at: { type: Date, required: true },
    version: { type: Number, default: 0 },
  },
  { collection: 'official_calendar_years' },
);
schema.index({ year: 1 }, { unique: true });
explainUnique(schema, ['year'], {
  fields: ['year'],
  message: (v) => `${String(v.year)} 年的安排已导入，请确认替换`,
});

export type OfficialYearModel = Model<OfficialYearDoc>;
export const officialYearModel = (c: Connection): OfficialYearModel =>
  (c.models.OfficialCalendarYear as OfficialYearModel | undefined) ??
  c.model<OfficialYearDoc>('OfficialCalendarYear', schema);

/** What the engine's WorkCalendar takes. */
export const asOfficialYear = (d: OfficialYearDoc): OfficialYear => ({
  year: d.year,
  holidays: d.holidays ?? [],
  workdays: d.workdays ?? [],
});
