import type { LimitUnit } from '../catalog/item';
import type { JsonValue } from './canonical-json';

/**
 * One entry of a case's trail (操作痕迹, RUN-7): who did what, when, with which opinion,
 * attachments and data. The fields follow the national guideline's record of a case (工信部联信
 * 〔2011〕455号, 六(四) 办理过程信息项 and 六(五) 办理结果信息项); field comments give the
 * source's names. Times are ISO 8601 strings in UTC as `Date.prototype.toISOString` writes them.
 */

/** What happened; the glossary's names. */
export const TRAIL_ACTIONS = {
  apply: '申请',
  accept: '受理',
  refuse: '不予受理',
  requestCorrection: '补正告知',
  supplyCorrection: '补正材料',
  claim: '签收',
  complete: '办理',
  return: '退回',
  reassign: '转办',
  suspend: '暂停',
  resume: '恢复',
  escalate: '上报',
  conclude: '办结',
  withdraw: '撤回',
  push: '部门系统推送',
  // Added with the case engine (runtime/cases).
  preReview: '预审',
  addSigner: '加签',
  takeBack: '取回',
  terminate: '终止',
  urge: '催办',
  timer: '定时触发',
  message: '接收消息',
  automatic: '自动办理',
  // A page of a material or a step's attachment, with its digests (RUN-7).
  attach: '上传文件',
  // Notices and decisions the platform made (RUN-10).
  document: '制作文书',
  // The fee actually charged on the case (RUN-16).
  fee: '收费',
  // An ex officio case opened by the department (RUN-17).
  open: '立案',
} as const;
export type TrailAction = keyof typeof TRAIL_ACTIONS;

/** 岗位（环节）状态. */
export const STEP_STATES = {
  waiting: '待签收',
  claimed: '办理中',
  completed: '已办理',
  returned: '已退回',
  reassigned: '已转办',
  suspended: '已暂停',
} as const;
export type StepState = keyof typeof STEP_STATES;

/** 办结状态. */
export const FINAL_STATES = {
  granted: '准予',
  denied: '不予',
  withdrawn: '撤回',
  terminated: '终止',
} as const;
export type FinalState = keyof typeof FINAL_STATES;

/** 办件申请方式. */
export const APPLICATION_CHANNELS = {
  online: '网上申请',
  window: '窗口申请',
  township: '基层代收',
  departmentSystem: '部门系统推送',
  exOfficio: '依职权立案',
} as const;
export type ApplicationChannel = keyof typeof APPLICATION_CHANNELS;

/** 证件类型. */
export const ID_TYPES = {
  residentId: '居民身份证',
  passport: '护照',
  hkMacaoPermit: '港澳居民来往内地通行证',
  taiwanPermit: '台湾居民来往大陆通行证',
  foreignerPermit: '外国人永久居留身份证',
  creditCode: '统一社会信用代码',
  other: '其他',
} as const;
export type IdType = keyof typeof ID_TYPES;

export interface UnitRef {
  id: string;
  name: string;
}

/** Who acted (RUN-7): 办理人员工号, 办理人员姓名 and the post they acted in. */
export interface TrailActor {
  kind: 'staff' | 'applicant' | 'system' | 'departmentSystem';
  userId?: string;
  /** 办理人员工号. */
  staffNo?: string;
  /** 办理人员姓名, or the applicant's or system's name. */
  name: string;
  post?: UnitRef;
}

/** An attachment by reference; `sm3` of its bytes pins the content into the chain. */
export interface AttachmentRef {
  fileId: string;
  name: string;
  sm3?: string;
  size?: number;
}

/** 申请者 or 联系人/代理人: 名称/姓名, 证件类型, 证件号码. */
export interface Party {
  name: string;
  idType: IdType;
  idNumber: string;
}

/** 风险点类别, 风险点描述, 风险内控的手段. */
export interface RiskRecord {
  category: string;
  description: string;
  control: string;
}

/** The step-level part of 办理过程信息项, carried by every staff action. */
export interface ProcessInfo {
  /** 办理部门. */
  department: UnitRef;
  /** 办理业务处室（科室）. */
  office?: UnitRef;
  /** 事项编码. */
  itemCode: string;
  /** 岗位（环节）名称. */
  step?: { id: string; name: string };
  /** 岗位（环节）状态 after the action. */
  stepState?: StepState;
  /** When the step began and ended (the entry's `at` is 处理时间). */
  stepStartedAt?: string;
  stepEndedAt?: string;
  /** 处理意见. */
  opinion?: string;
  /** 办理附件. */
  attachments?: AttachmentRef[];
  risk?: RiskRecord;
}

/** The case-level part of 办理过程信息项, recorded once when the case starts. */
export interface ApplicationInfo {
  /** 办件名称. */
  caseName: string;
  /** 办件摘要. */
  summary?: string;
  /** 办件申请方式. */
  channel: ApplicationChannel;
  /** 办件申请表格: the form and its version. */
  forms: { formId: string; name: string; version?: number }[];
  /** 办件申请提交材料. */
  materials: { materialId: string; name: string; files: AttachmentRef[] }[];
  /** 办件申请时间. */
  appliedAt: string;
  /** 申请者. */
  applicant: Party;
  /** 联系人/代理人. */
  contact?: Party;
  /** 办件承诺期限, 承诺期限单位. */
  promisedLimit?: { value: number; unit: LimitUnit };
  /** 被督办（被投诉）单位 (SUP-4, SUP-5). */
  target?: UnitRef;
}

/** 办理结果信息项, recorded with `conclude` (and with `refuse` or `withdraw`). */
export interface ResultInfo {
  /** 办理部门. */
  department: UnitRef;
  /** 事项编码. */
  itemCode: string;
  /** 办结状态. */
  finalState: FinalState;
  /** 办结意见. */
  opinion: string;
  /** 办理附件. */
  attachments?: AttachmentRef[];
  /** 办结时间. */
  concludedAt: string;
}

/** An entry as stored: MongoDB-friendly (FerretDB too), and hashed exactly as stored. */
export interface TrailEntry {
  caseId: string;
  /** 1, 2, 3 … in the order of the chain. */
  seq: number;
  /** 处理时间. */
  at: string;
  action: TrailAction;
  actor: TrailActor;
  process?: ProcessInfo;
  application?: ApplicationInfo;
  result?: ResultInfo;
  /**
   * The data the action changed (form values, before/after), as canonical JSON text: form keys are
   * arbitrary, may hold '.' or '$' and arrays of arrays, none of which MongoDB or FerretDB store
   * as keys or values. Read it with `readTrailData`.
   */
  data?: string;
  /** The previous entry's hash; for the first entry, the case's genesis hash. */
  prevHash: string;
  /** SM3 of the canonical JSON of this entry without `hash`. */
  hash: string;
}

/** What a caller supplies; the chain fills in the rest. */
export interface NewTrailEntry {
  at: Date | string;
  action: TrailAction;
  actor: TrailActor;
  process?: ProcessInfo;
  application?: ApplicationInfo;
  result?: ResultInfo;
  data?: JsonValue;
}

/** The fields that are hashed, in no particular order (the canonical form sorts them). */
export const HASHED_FIELDS = [
  'caseId',
  'seq',
  'at',
  'action',
  'actor',
  'process',
  'application',
  'result',
  'data',
  'prevHash',
] as const satisfies readonly (keyof TrailEntry)[];

export function readTrailData(entry: Pick<TrailEntry, 'data'>): unknown {
  return entry.data === undefined ? undefined : JSON.parse(entry.data);
}
