import {
  DISCRETION_LEVELS,
  EX_OFFICIO_PROCEDURES,
  HANDLING_KINDS,
  INITIATIONS,
  LIMIT_UNIT_LABELS,
  SUBJECT_NATURES,
  initiationOf,
  type DiscretionLevel,
  type ExOfficioProcedure,
  type Initiation,
  type ItemContent,
  type LimitUnit,
} from '../../../runtime/catalog/item';
import { ITEM_TYPES, type ItemType } from '../../../runtime/catalog/item-types';

// Pure constants and types shared with the server: one source for the labels.
export {
  DISCRETION_LEVELS,
  EX_OFFICIO_PROCEDURES,
  HANDLING_KINDS,
  INITIATIONS,
  ITEM_TYPES,
  LIMIT_UNIT_LABELS,
  SUBJECT_NATURES,
  initiationOf,
};
export type { DiscretionLevel, ExOfficioProcedure, Initiation, ItemContent, ItemType, LimitUnit };

export type ItemStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'cancelled';

export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  approved: '已发布',
  cancelled: '已取消',
};

export const ITEM_STATUS_COLORS: Record<ItemStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  approved: 'success',
  cancelled: 'error',
};

export interface ItemComment {
  id: string;
  field: string;
  text: string;
  authorId: string;
  authorName: string;
  at: string;
  resolved: boolean;
}

/** An item as GET /api/items/:id answers (server/catalog/item-view.ts). */
export interface CatalogItem {
  id: string;
  countyId: string;
  departmentId: string;
  subjectCode: string;
  code?: string;
  name: string;
  type: ItemType;
  typeLabel: string;
  status: ItemStatus;
  statusLabel: string;
  currentVersion: number;
  pendingChange?: {
    kind: 'new' | 'change' | 'cancel' | 'delegate' | 'split';
    reason: string;
    label: string;
    successors?: { itemId: string; name: string; subjectName: string; type: ItemType }[];
  };
  returnReason?: string;
  /** 试运行 (OPS-5). */
  trial?: { since: string; version: number; byName: string };
  formalSince?: string;
  predecessorId?: string;
  successorIds?: string[];
  draft: ItemContent;
  comments: ItemComment[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A row of GET /api/items. */
export type CatalogRow = Omit<CatalogItem, 'draft' | 'comments'> & { openComments: number };

export interface CompletenessProblem {
  field: string;
  message: string;
}

export interface Completeness {
  complete: boolean;
  problems: CompletenessProblem[];
  byField: Record<string, string[]>;
}

export interface ItemVersion {
  itemId: string;
  n: number;
  code: string;
  approvedBy: string;
  approvedByName: string;
  approvedAt: string;
}

export interface FieldChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

export const MATERIAL_ORIGINAL_LABELS = { original: '原件', copy: '复印件', both: '原件及复印件' };
export const MATERIAL_MEDIUM_LABELS = { paper: '纸质', electronic: '电子', both: '纸质及电子' };

/** The penalty kinds of 行政处罚法 第九条, offered as choices (others may be typed). */
export const PENALTY_KINDS = [
  '警告',
  '通报批评',
  '罚款',
  '没收违法所得',
  '没收非法财物',
  '暂扣许可证件',
  '降低资质等级',
  '吊销许可证件',
  '限制开展生产经营活动',
  '责令停产停业',
  '责令关闭',
  '限制从业',
  '行政拘留',
];

/** A short entry id; randomUUID needs a secure context, which a plain-http intranet is not. */
export const newId = (): string =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID().slice(0, 8)
    : Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) =>
        b.toString(16).padStart(2, '0'),
      ).join('');

/** What the access rules match on, from an item or a row. */
export const scopeOf = (i: { countyId?: string; departmentId?: string }) => ({
  countyId: i.countyId,
  departmentId: i.departmentId,
});
