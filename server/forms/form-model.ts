import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { FormSchema } from '../../runtime/forms/schema';

/** An e-form of an item (FORM-1), edited with the item's draft and copied into its versions. */
export interface ItemForm {
  /** `${itemId}:${key}`: one form per key and item, enforced by the primary key. */
  _id: string;
  itemId: Types.ObjectId;
  countyId: Types.ObjectId;
  departmentId: Types.ObjectId;
  key: string;
  name: string;
  schema: FormSchema;
  version: number;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export const formId = (itemId: unknown, key: string) => `${String(itemId)}:${key}`;

const formSchema = new Schema<ItemForm>(
  {
    _id: { type: String, required: true },
    itemId: { type: Schema.Types.ObjectId, required: true },
    countyId: { type: Schema.Types.ObjectId, required: true },
    departmentId: { type: Schema.Types.ObjectId, required: true },
    key: { type: String, required: true },
    name: { type: String, required: true, maxlength: 100 },
    // Checked as a whole by checkFormSchema before it is stored.
    schema: { type: Schema.Types.Mixed, required: true },
    version: { type: Number, default: 0 },
    updatedBy: { type: String, required: true },
  },
  { collection: 'item_forms', timestamps: true, minimize: false },
);
formSchema.index({ itemId: 1 });

export type ItemFormModel = Model<ItemForm>;
export const itemFormModel = (connection: Connection): ItemFormModel =>
  (connection.models.ItemForm as ItemFormModel | undefined) ??
  connection.model<ItemForm>('ItemForm', formSchema);
