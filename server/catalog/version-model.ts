import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { ItemContent } from '../../runtime/catalog/item';
import type { FormSchema } from '../../runtime/forms/schema';
import type { CompiledProcess } from '../../runtime/process/compiled';

/** One approved state of an item (CAT-6). Insert-only: cases keep running on it. */
export interface ItemVersion {
  /** `${itemId}:${n}`, so a version can be written once only. */
  _id: string;
  itemId: Types.ObjectId;
  countyId: Types.ObjectId;
  departmentId: Types.ObjectId;
  n: number;
  content: ItemContent;
  /** The flowchart as verified and compiled at approval. */
  process: { xml?: string; compiled?: CompiledProcess };
  forms: { key: string; name: string; schema: FormSchema }[];
  code: string;
  approvedBy: string;
  approvedByName: string;
  approvedAt: Date;
}

export const versionId = (itemId: unknown, n: number) => `${String(itemId)}:${n}`;

const versionSchema = new Schema<ItemVersion>(
  {
    _id: { type: String, required: true },
    itemId: { type: Schema.Types.ObjectId, required: true },
    countyId: { type: Schema.Types.ObjectId, required: true },
    departmentId: { type: Schema.Types.ObjectId, required: true },
    n: { type: Number, required: true, min: 1 },
    content: { type: Schema.Types.Mixed, required: true },
    process: { type: Schema.Types.Mixed, default: {} },
    forms: { type: Schema.Types.Mixed, default: [] },
    code: { type: String, required: true },
    approvedBy: { type: String, required: true },
    approvedByName: { type: String, required: true },
    approvedAt: { type: Date, required: true },
  },
  { collection: 'item_versions', versionKey: false, minimize: false },
);
versionSchema.index({ itemId: 1, n: 1 });
for (const op of [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'findOneAndDelete',
] as const) {
  versionSchema.pre(op, () => {
    throw new Error('事项版本一经审核即不可修改或删除');
  });
}

export type ItemVersionModel = Model<ItemVersion>;
export const itemVersionModel = (connection: Connection): ItemVersionModel =>
  (connection.models.ItemVersion as ItemVersionModel | undefined) ??
  connection.model<ItemVersion>('ItemVersion', versionSchema);
