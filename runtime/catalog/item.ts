import type { ItemType } from './item-types';

/** Units of a time limit (CAT-1): 工作日, 自然日, 小时. */
export type LimitUnit = 'workingDays' | 'naturalDays' | 'hours';
export const LIMIT_UNIT_LABELS: Record<LimitUnit, string> = {
  workingDays: '个工作日',
  naturalDays: '个自然日',
  hours: '小时',
};

export interface TimeLimit {
  value: number;
  unit: LimitUnit;
}

/** 办件类型 (CAT-10). */
export const HANDLING_KINDS = {
  immediate: '即办件',
  promised: '承诺件',
  deferredMaterials: '补办件',
  escalated: '上报件',
  joint: '联办件',
} as const;
export type HandlingKind = keyof typeof HANDLING_KINDS;

/** 主体性质: statutory organ, authorised organisation, entrusted unit. */
export const SUBJECT_NATURES = {
  statutory: '法定机关',
  authorised: '授权组织',
  entrusted: '受委托单位',
} as const;
export type SubjectNature = keyof typeof SUBJECT_NATURES;

/** Entries of lists carry a stable id, so versions are compared by identity, not position. */
export interface Identified {
  id: string;
}

export interface LegalBasis extends Identified {
  /** Law, regulation or rule, highest rank first in the list. */
  title: string;
  article: string;
  text: string;
}

/** One required material (FORM-2). */
export interface Material extends Identified {
  name: string;
  format: string;
  originalOrCopy: 'original' | 'copy' | 'both';
  count: number;
  medium: 'paper' | 'electronic' | 'both';
  submission: string;
  storage?: string;
  required: boolean;
}

export interface DiscretionBenchmark extends Identified {
  circumstance: string;
  penalty: string;
  /** The range for a fine, in yuan, when the penalty is a fine. */
  fineRange?: { min: number; max: number };
}

export interface ServiceForm extends Identified {
  /** 表格编号. */
  number?: string;
  name: string;
  description?: string;
  /** 填写说明. */
  instructions?: string;
  /** GridFS file id of the uploaded form. */
  fileId?: string;
  /** GridFS file id of a filled-in example (样表). */
  exampleFileId?: string;
}

export interface Faq extends Identified {
  question: string;
  answer: string;
}

/** The content of an item: the fields of table A1 / 附件1 (CAT-1, CAT-2, CAT-10). */
export interface ItemContent {
  type: ItemType;
  name: string;
  legalBasis: LegalBasis[];
  subject: { unitId: string; name: string; nature: SubjectNature; entrustingUnit?: string };
  acceptanceConditions?: string;
  materials: Material[];
  /** `amountFen`: the standard as one fixed amount in 分, when it is one (收费合规性, RUN-16). */
  fee: { charged: boolean; basis?: string; standard?: string; amountFen?: number };
  legalLimit?: TimeLimit;
  promisedLimit?: TimeLimit;
  office?: { unitId: string; name: string };
  address?: string;
  phone?: string;
  supervisionPhone?: string;
  handlingKind: HandlingKind;
  serviceForms: ServiceForm[];
  faq: Faq[];
  onlineUrl?: string;
  /** Publish concluded cases on the portal although the type does not require it (POR-8). */
  publishResults?: boolean;
  /** 行政处罚. */
  penalty?: { kinds: string[]; discretion: DiscretionBenchmark[]; publishResults: boolean };
  /** 行政强制. */
  coercion?: { procedure: string };
  /** 行政奖励. */
  reward?: { effectiveDate: string; expiryDate?: string; publishResults: boolean };
  /**
   * An internal process run on the same engine (督办, complaints: PROC-6, SUP-4), not a power
   * item: configured like one, never published on the portal nor applied for online.
   */
  internal?: InternalProcess;
}

export const INTERNAL_PROCESSES = {
  supervisionOrder: '督办',
  complaint: '投诉处理',
} as const;
export type InternalProcess = keyof typeof INTERNAL_PROCESSES;
