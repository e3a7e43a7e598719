import { Schema, type Connection, type Model, type Query, type Types } from 'mongoose';
import type { ItemContent } from '../../runtime/catalog/item';
import { ITEM_TYPE_CODES, type ItemType } from '../../runtime/catalog/item-types';
import { itemsWritten } from './item-revision';

export const ITEM_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'cancelled'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  approved: '已发布',
  cancelled: '已取消',
};

/** The typed change under way (CAT-5); each takes effect only when a reviewer approves it. */
export const CHANGE_KINDS = {
  new: '新增',
  change: '变更',
  cancel: '取消',
  delegate: '下放',
  split: '拆分',
} as const;
export type ChangeKind = keyof typeof CHANGE_KINDS;

/**
 * An item that 下放 or 拆分 will create. Its id is chosen when the change is requested, so an
 * approval that stops half-way and is retried creates each successor once (no transactions).
 */
export interface Successor {
  itemId: Types.ObjectId;
  countyId: Types.ObjectId;
  departmentId: Types.ObjectId;
  subjectCode: string;
  content: ItemContent;
}

export interface PendingChange {
  kind: ChangeKind;
  reason: string;
  successors?: Successor[];
}

/** A reviewer's remark on one field of the draft (CAT-8). */
export interface ItemComment {
  id: string;
  /** Field path as completeness and diff name it: `materials[m1].name`. */
  field: string;
  text: string;
  authorId: string;
  authorName: string;
  at: Date;
  resolved: boolean;
}

/** An item of the catalog (事项): its working copy and where it stands in review. */
export interface Item {
  _id: Types.ObjectId;
  countyId: Types.ObjectId;
  /** The subject unit (a department or township), so access rules match on it. */
  departmentId: Types.ObjectId;
  subjectCode: string;
  /** Copied from the draft for lists and search. */
  name: string;
  type: ItemType;
  status: ItemStatus;
  /** Assigned on the first approval; kept by later versions. */
  code?: string;
  draft: ItemContent;
  /** The last approved version; 0 before the first approval. */
  currentVersion: number;
  pendingChange?: PendingChange;
  returnReason?: string;
  /** The item this one was delegated or split from. */
  predecessorId?: Types.ObjectId;
  /** The items that replaced this one when it was delegated or split. */
  successorIds?: Types.ObjectId[];
  comments: ItemComment[];
  /**
   * 试运行 (OPS-5): approved for trial operation since then; its cases are marked trial, left out
   * of statistics and publicity, until a reviewer moves it to formal operation.
   */
  trial?: { since: Date; version: number; by: string; byName: string };
  /** When it went into formal operation after a trial. */
  formalSince?: Date;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const commentSchema = new Schema<ItemComment>(
  {
    id: { type: String, required: true },
    field: { type: String, required: true },
    text: { type: String, required: true, maxlength: 2000 },
    authorId: { type: String, required: true },
    authorName: { type: String, required: true },
    at: { type: Date, required: true },
    resolved: { type: Boolean, default: false },
  },
  { _id: false },
);

const itemSchema = new Schema<Item>(
  {
    countyId: { type: Schema.Types.ObjectId, required: true },
    departmentId: { type: Schema.Types.ObjectId, required: true },
    subjectCode: { type: String, required: true, match: /^\d{8}[A-Z]{2}$/ },
    name: { type: String, default: '', maxlength: 200 },
    type: { type: String, enum: ITEM_TYPE_CODES, required: true },
    status: { type: String, enum: ITEM_STATUSES, required: true },
    code: { type: String },
    // Validated as a whole by the route's zod schema; stored as it is.
    draft: { type: Schema.Types.Mixed, required: true },
    currentVersion: { type: Number, default: 0 },
    pendingChange: {
      type: new Schema(
        {
          kind: { type: String, enum: Object.keys(CHANGE_KINDS) },
          reason: String,
          successors: {
            type: [
              new Schema(
                {
                  itemId: { type: Schema.Types.ObjectId, required: true },
                  countyId: { type: Schema.Types.ObjectId, required: true },
                  departmentId: { type: Schema.Types.ObjectId, required: true },
                  subjectCode: { type: String, required: true },
                  content: { type: Schema.Types.Mixed, required: true },
                },
                { _id: false, minimize: false },
              ),
            ],
            default: undefined,
          },
        },
        { _id: false },
      ),
    },
    returnReason: String,
    predecessorId: Schema.Types.ObjectId,
    successorIds: { type: [Schema.Types.ObjectId], default: undefined },
    comments: { type: [commentSchema], default: [] },
    trial: {
      type: new Schema(
        { since: Date, version: Number, by: String, byName: String },
        { _id: false },
      ),
      default: undefined,
    },
    formalSince: Date,
    version: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'items', minimize: false },
);
// No unique index on `code`: it is optional, and item_serials already makes codes unique.
itemSchema.index({ countyId: 1, departmentId: 1, type: 1 });
itemSchema.index({ code: 1 });
itemSchema.index({ status: 1 });

// Every write tells the in-memory catalog list (item-list.ts); writes that bypass mongoose do not.
itemSchema.post('save', async function (this: { toObject(): Item; constructor: unknown }) {
  await itemsWritten((this.constructor as ItemModel).db, [this.toObject()]);
});
itemSchema.post('insertMany', async function (this: ItemModel, docs: unknown) {
  const written = (docs as { toObject(): Item }[]).map((d) => d.toObject());
  await itemsWritten(this.db, written);
});
itemSchema.post('findOneAndUpdate', async function (this: Query<unknown, Item>, doc: unknown) {
  // Callers ask for the document after the update; a null is a write that matched nothing.
  if (!doc) return;
  const item = (doc as { toObject?: () => Item }).toObject?.() ?? (doc as Item);
  await itemsWritten(
    this.model.db,
    this.getOptions().returnDocument === 'after' || this.getOptions().new ? [item] : 'unknown',
  );
});
itemSchema.post(
  ['updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'findOneAndDelete', 'replaceOne'],
  { document: false, query: true },
  async function (this: Query<unknown, Item>) {
    await itemsWritten(this.model.db, 'unknown');
  },
);
itemSchema.post('bulkWrite', async function (this: ItemModel) {
  await itemsWritten(this.db, 'unknown');
});

export type ItemModel = Model<Item>;
export const itemModel = (connection: Connection): ItemModel =>
  (connection.models.Item as ItemModel | undefined) ?? connection.model<Item>('Item', itemSchema);

/** A query on items; the typed filter of mongoose trips over the nested optional content. */
export type ItemFilter = Parameters<ItemModel['findOne']>[0];
