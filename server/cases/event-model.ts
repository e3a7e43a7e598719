import { Schema, type Connection, type Model } from 'mongoose';
import type { CaseEvent } from '../../runtime/cases';

/**
 * What transitions told the platform (RUN-5), for supervision and background work to read: one
 * document per event, its stable id (`${caseId}#${n}`) as `_id`, so writing it twice is harmless.
 */
export type StoredEvent = Omit<CaseEvent, 'id'> & {
  _id: string;
  caseVersion: number;
  countyId: string;
  departmentIds: string[];
  itemId: string;
};

const eventSchema = new Schema<StoredEvent>(
  { _id: { type: String, required: true } },
  { collection: 'events', strict: false, versionKey: false },
);
eventSchema.index({ caseId: 1 });
eventSchema.index({ countyId: 1, type: 1 });

export type EventModel = Model<StoredEvent>;
export const eventModel = (c: Connection): EventModel =>
  (c.models.CaseEvent as EventModel | undefined) ?? c.model<StoredEvent>('CaseEvent', eventSchema);
