import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { explainUnique } from '../database/unique';

/** A post (岗位): a position in an office; flow steps are routed to posts (PROC-2, RUN-3). */
export interface Post {
  _id: Types.ObjectId;
  unitId: Types.ObjectId;
  countyId: Types.ObjectId;
  departmentId: Types.ObjectId;
  name: string;
  description?: string;
  /** 负责人岗位: its holders head the department and see its supervision alerts (SUP-10). */
  leading?: boolean;
  status: 'active' | 'inactive';
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const postSchema = new Schema<Post>(
  {
    unitId: { type: Schema.Types.ObjectId, required: true, label: '所属单位' },
    countyId: { type: Schema.Types.ObjectId, required: true },
    departmentId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true, trim: true, maxlength: 40, label: '岗位名称' },
    description: { type: String, maxlength: 200 },
    leading: { type: Boolean, default: false },
    status: { type: String, enum: ['active', 'inactive'], default: 'active' },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'posts' },
);
postSchema.index({ unitId: 1, name: 1 }, { unique: true });
explainUnique(postSchema, ['unitId', 'name'], {
  fields: ['name'],
  message: (p) => `该单位已有岗位「${String(p.name)}」`,
});
postSchema.index({ departmentId: 1 });

export type PostModel = Model<Post>;
export const postModel = (connection: Connection): PostModel =>
  (connection.models.Post as PostModel | undefined) ?? connection.model<Post>('Post', postSchema);
