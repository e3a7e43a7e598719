import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { CalendarOverride } from '../../runtime/calendar';
import { explainUnique } from '../database/unique';

/**
 * A county's change to the official calendar (RUN-6): one day made a working day or a day off
 * (a typhoon closure, a local holiday), or a year the county has entered itself and declares
 * covered. `key` (`day:2026-10-08`, `year:2027`) keeps one entry per date or year and county.
 */
export interface CalendarOverrideDoc {
  _id: Types.ObjectId;
  countyId: Types.ObjectId;
  key: string;
  kind: 'day' | 'year';
  date?: string;
  dayKind?: 'workday' | 'holiday';
  year?: number;
  reason: string;
  createdBy: string;
  createdByName: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<CalendarOverrideDoc>(
  {
    countyId: { type: Schema.Types.ObjectId, required: true },
    key: { type: String, required: true },
    kind: { type: String, enum: ['day', 'year'], required: true },
    date: { type: String, match: /^\d{4}-\d{2}-\d{2}$/ },
    dayKind: { type: String, enum: ['workday', 'holiday'] },
    year: { type: Number, min: 1992, max: 2200 },
    reason: { type: String, required: true, trim: true, maxlength: 200 },
    createdBy: { type: String, required: true },
    createdByName: { type: String, required: true },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'calendar_overrides' },
);
schema.index({ countyId: 1, key: 1 }, { unique: true });
explainUnique(schema, ['countyId', 'key'], {
  fields: (v) => [String(v.key).startsWith('year:') ? 'year' : 'date'],
  message: (v) =>
    String(v.key).startsWith('year:')
      ? `已声明 ${String(v.key).slice(5)} 年由本县录入`
      : `${String(v.key).slice(4)} 已有本县的调整，请修改该条`,
});

export type CalendarOverrideModel = Model<CalendarOverrideDoc>;
export const calendarOverrideModel = (c: Connection): CalendarOverrideModel =>
  (c.models.CalendarOverride as CalendarOverrideModel | undefined) ??
  c.model<CalendarOverrideDoc>('CalendarOverride', schema);

export const overrideKey = (o: { kind: 'day' | 'year'; date?: string; year?: number }) =>
  o.kind === 'day' ? `day:${o.date}` : `year:${o.year}`;

/** What the engine's WorkCalendar takes. */
export function asCalendarOverride(o: CalendarOverrideDoc): CalendarOverride {
  return o.kind === 'year'
    ? { year: o.year!, covered: true, reason: o.reason }
    : { date: o.date!, kind: o.dayKind!, reason: o.reason };
}
