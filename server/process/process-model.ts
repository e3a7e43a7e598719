import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { CompiledProcess } from '../../runtime/process/compiled';
import type { ProcessProblem } from '../../runtime/process/verify';

/**
 * An item's flowchart as the clerk last saved it (PROC-1), with what verification found. It
 * changes with the item's draft; approval copies it, compiled, into the item's version (CAT-6).
 */
export interface ItemProcess {
  /** The item's id: one flowchart per item (PROC-5). */
  _id: Types.ObjectId;
  countyId: Types.ObjectId;
  departmentId: Types.ObjectId;
  xml: string;
  problems: ProcessProblem[];
  /** Present when verification found nothing. */
  compiled?: CompiledProcess;
  version: number;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

const processSchema = new Schema<ItemProcess>(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    countyId: { type: Schema.Types.ObjectId, required: true },
    departmentId: { type: Schema.Types.ObjectId, required: true },
    xml: { type: String, required: true },
    problems: { type: Schema.Types.Mixed, default: [] },
    compiled: { type: Schema.Types.Mixed },
    version: { type: Number, default: 0 },
    updatedBy: { type: String, required: true },
  },
  { collection: 'item_processes', timestamps: true, minimize: false },
);

export type ItemProcessModel = Model<ItemProcess>;
export const itemProcessModel = (connection: Connection): ItemProcessModel =>
  (connection.models.ItemProcess as ItemProcessModel | undefined) ??
  connection.model<ItemProcess>('ItemProcess', processSchema);
