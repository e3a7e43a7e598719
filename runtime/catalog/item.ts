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

/** 违法情节 of a discretion benchmark (CAT-2). */
export const DISCRETION_LEVELS = {
  minor: '轻微',
  ordinary: '一般',
  serious: '较重',
  grave: '严重',
} as const;
export type DiscretionLevel = keyof typeof DISCRETION_LEVELS;

/** One row of an item's 自由裁量基准 (CAT-2): a violation in one circumstance and its penalty. */
export interface DiscretionBenchmark extends Identified {
  /** 违法行为, when the item holds several. */
  violation?: string;
  level?: DiscretionLevel;
  circumstance: string;
  /** 处罚种类 as published, e.g. 「警告，并处 1 万元以下罚款」. */
  penalty: string;
  /** The range for a fine, in yuan, when the penalty is a fine. */
  fineRange?: { min: number; max: number };
}

/**
 * 依申请 or 依职权 (RUN-17): whether a case is applied for, or opened by the department itself
 * (立案) against a party, following its own legal procedure.
 */
export const INITIATIONS = { onApplication: '依申请', exOfficio: '依职权' } as const;
export type Initiation = keyof typeof INITIATIONS;

/** The legal procedures of ex officio cases (RUN-17, PROC-5), each with its template. */
export const EX_OFFICIO_PROCEDURES = {
  penaltyOrdinary: '行政处罚普通程序',
  penaltySummary: '行政处罚简易程序',
  seizure: '行政强制（查封、扣押）',
  inspection: '行政检查',
  levy: '行政征收',
} as const;
export type ExOfficioProcedure = keyof typeof EX_OFFICIO_PROCEDURES;

/** Types whose items a department opens itself, unless the item says otherwise. */
export const EX_OFFICIO_TYPES: readonly ItemType[] = ['CF', 'QZ', 'ZS', 'ZY', 'JG'];

/** Whether an item's cases are opened ex officio: stated on the item, else by its type. */
export function initiationOf(content: Pick<ItemContent, 'type' | 'initiation'>): Initiation {
  return (
    content.initiation ?? (EX_OFFICIO_TYPES.includes(content.type) ? 'exOfficio' : 'onApplication')
  );
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
  /** 依申请 or 依职权 (RUN-17); absent: by the item's type (`initiationOf`). */
  initiation?: Initiation;
  /** The legal procedure an ex officio item's cases follow (its flowchart's template). */
  procedure?: ExOfficioProcedure;
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
