import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { ItemContent } from '../../runtime/catalog/item';
import { ITEM_TYPE_CODES, type ItemType } from '../../runtime/catalog/item-types';

export const ITEM_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'cancelled'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  approved: '已发布',
  cancelled: '已取消',
};

/** The typed change under way (CAT-5); 下放 and 拆分 are not handled yet. */
export const CHANGE_KINDS = { new: '新增', change: '变更', cancel: '取消' } as const;
export type ChangeKind = keyof typeof CHANGE_KINDS;

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
  pendingChange?: { kind: ChangeKind; reason: string };
  returnReason?: string;
  comments: ItemComment[];
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
        { kind: { type: String, enum: Object.keys(CHANGE_KINDS) }, reason: String },
        { _id: false },
      ),
    },
    returnReason: String,
    comments: { type: [commentSchema], default: [] },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'items', minimize: false },
);
// No unique index on `code`: it is optional, and item_serials already makes codes unique.
itemSchema.index({ countyId: 1, departmentId: 1, type: 1 });
itemSchema.index({ code: 1 });
itemSchema.index({ status: 1 });

export type ItemModel = Model<Item>;
export const itemModel = (connection: Connection): ItemModel =>
  (connection.models.Item as ItemModel | undefined) ?? connection.model<Item>('Item', itemSchema);

/** A query on items; the typed filter of mongoose trips over the nested optional content. */
export type ItemFilter = Parameters<ItemModel['findOne']>[0];
