import { Schema, type Connection, type Model } from 'mongoose';
import type { ChangeKind } from '../catalog/item-model';

/**
 * The portal's own collections (POR-1 … POR-11). Each is keyed so a retried write lands on the
 * same document: announcements by item and version, query attempts by case number.
 */

/** 主题 (life events): staff assign items to a theme; the portal lists by it (POR-2). */
export interface Theme {
  /** A short slug: `birth`, `employment` … */
  _id: string;
  name: string;
  audience: 'person' | 'business';
  sortOrder: number;
  /** Item ids (not codes: a code is assigned only at the first approval). */
  itemIds: string[];
}

/** 网上咨询: a citizen's question about an item, answered by its department in the studio. */
export interface Consultation {
  _id: string;
  itemId: string;
  departmentId: string;
  itemName: string;
  question: string;
  /** How to reach the asker is not kept: the answer is published on the item's page. */
  askedAt: Date;
  answer?: string;
  answeredBy?: string;
  answeredAt?: Date;
}

/** 目录变更公告 (POR-11): one per approved change of the catalog. */
export interface Announcement {
  /** `${itemId}:${kind}:${version}`: an approval retried writes it once. */
  _id: string;
  itemId: string;
  kind: ChangeKind;
  itemCode?: string;
  itemName: string;
  departmentName: string;
  reason?: string;
  at: Date;
}

/** Failed result queries per case number (POR-7): the same fields as a login lockout. */
export interface QueryAttempts {
  /** The case number as typed (trimmed). */
  _id: string;
  failureCount: number;
  failureWindowStart?: Date;
  lockedUntil?: Date;
}

const themeSchema = new Schema<Theme>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true, maxlength: 40 },
    audience: { type: String, enum: ['person', 'business'], required: true },
    sortOrder: { type: Number, default: 0 },
    itemIds: { type: [String], default: [] },
  },
  { collection: 'themes', versionKey: false },
);

const consultationSchema = new Schema<Consultation>(
  {
    _id: { type: String, required: true },
    itemId: { type: String, required: true },
    departmentId: { type: String, required: true },
    itemName: { type: String, required: true },
    question: { type: String, required: true, maxlength: 1000 },
    askedAt: { type: Date, required: true },
    answer: { type: String, maxlength: 2000 },
    answeredBy: String,
    answeredAt: Date,
  },
  { collection: 'consultations', versionKey: false },
);

const announcementSchema = new Schema<Announcement>(
  {
    _id: { type: String, required: true },
    itemId: { type: String, required: true },
    kind: { type: String, required: true },
    itemCode: String,
    itemName: { type: String, required: true },
    departmentName: { type: String, default: '' },
    reason: String,
    at: { type: Date, required: true },
  },
  { collection: 'announcements', versionKey: false },
);

const queryAttemptsSchema = new Schema<QueryAttempts>(
  {
    _id: { type: String, required: true },
    failureCount: { type: Number, default: 0 },
    failureWindowStart: Date,
    lockedUntil: Date,
  },
  { collection: 'portal_query_attempts', versionKey: false },
);

const modelOf = <T>(c: Connection, name: string, schema: Schema<T>): Model<T> =>
  (c.models[name] as Model<T> | undefined) ?? c.model<T>(name, schema);

export const themeModel = (c: Connection) => modelOf(c, 'Theme', themeSchema);
export const consultationModel = (c: Connection) => modelOf(c, 'Consultation', consultationSchema);
export const announcementModel = (c: Connection) => modelOf(c, 'Announcement', announcementSchema);
export const queryAttemptsModel = (c: Connection) =>
  modelOf(c, 'PortalQueryAttempts', queryAttemptsSchema);

/** The themes a new county starts with (life events of citizens and of businesses). */
export const DEFAULT_THEMES: Omit<Theme, 'itemIds'>[] = [
  { _id: 'birth', name: '生育收养', audience: 'person', sortOrder: 1 },
  { _id: 'education', name: '教育入学', audience: 'person', sortOrder: 2 },
  { _id: 'employment', name: '就业创业', audience: 'person', sortOrder: 3 },
  { _id: 'marriage', name: '婚姻登记', audience: 'person', sortOrder: 4 },
  { _id: 'housing', name: '住房保障', audience: 'person', sortOrder: 5 },
  { _id: 'social-security', name: '社会保障', audience: 'person', sortOrder: 6 },
  { _id: 'elderly', name: '养老服务', audience: 'person', sortOrder: 7 },
  { _id: 'start-business', name: '开办企业', audience: 'business', sortOrder: 11 },
  { _id: 'safety', name: '安全生产', audience: 'business', sortOrder: 12 },
  { _id: 'construction', name: '工程建设', audience: 'business', sortOrder: 13 },
  { _id: 'transport', name: '交通运输', audience: 'business', sortOrder: 14 },
  { _id: 'close-business', name: '注销歇业', audience: 'business', sortOrder: 15 },
];
