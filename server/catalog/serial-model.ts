import { Schema, type Connection, type Model, type Types } from 'mongoose';

/** An issued serial (CAT-4); `_id` is the item code itself, so no serial is issued twice. */
export interface ItemSerial {
  _id: string;
  subjectCode: string;
  type: string;
  serial: number;
  itemId: Types.ObjectId;
  at: Date;
}

/** Where to start looking for the next free serial of a subject and type; only a hint. */
export interface ItemSerialCounter {
  _id: string;
  next: number;
}

const serialSchema = new Schema<ItemSerial>(
  {
    _id: { type: String, required: true },
    subjectCode: { type: String, required: true },
    type: { type: String, required: true },
    serial: { type: Number, required: true },
    itemId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'item_serials', versionKey: false },
);
serialSchema.index({ itemId: 1 });
// Serials are never given back, not even when the item is cancelled.
for (const op of ['deleteOne', 'deleteMany', 'findOneAndDelete'] as const) {
  serialSchema.pre(op, () => {
    throw new Error('事项序号一经分配永不收回');
  });
}

const counterSchema = new Schema<ItemSerialCounter>(
  { _id: { type: String, required: true }, next: { type: Number, required: true } },
  { collection: 'item_serial_counters', versionKey: false },
);

export type ItemSerialModel = Model<ItemSerial>;
export type ItemSerialCounterModel = Model<ItemSerialCounter>;
export const itemSerialModel = (c: Connection): ItemSerialModel =>
  (c.models.ItemSerial as ItemSerialModel | undefined) ??
  c.model<ItemSerial>('ItemSerial', serialSchema);
export const itemSerialCounterModel = (c: Connection): ItemSerialCounterModel =>
  (c.models.ItemSerialCounter as ItemSerialCounterModel | undefined) ??
  c.model<ItemSerialCounter>('ItemSerialCounter', counterSchema);
