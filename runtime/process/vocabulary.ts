/**
 * The closed vocabularies of our BPMN extension (PROC-2, PROC-3): what a value in a
 * `county:stepConfig` may be, with the label the studio shows.
 */

/** Procedures whose time is not counted against the limit (PROC-2; 《行政许可法》第四十五条). */
export const EXCLUDED_TIME_KINDS = {
  hearing: '听证',
  tendering: '招标',
  auction: '拍卖',
  inspection: '检验',
  testing: '检测',
  quarantine: '检疫',
  appraisal: '鉴定',
  expertReview: '专家评审',
} as const;
export type ExcludedTimeKind = keyof typeof EXCLUDED_TIME_KINDS;

/** What an automatic step (service task) does. */
export const SERVICE_ACTIONS = {
  document: '制作文书',
  notify: '通知申请人',
  push: '推送数据',
} as const;
export type ServiceAction = keyof typeof SERVICE_ACTIONS;

/** How a multi-instance step concludes: 会签 (all agree), 或签 (one is enough), or a share. */
export const SIGNING_MODES = {
  all: '会签（全部办理）',
  any: '或签（一人办理即可）',
  ratio: '按比例',
} as const;
export type SigningMode = keyof typeof SIGNING_MODES;

export const FIELD_ACCESS = {
  read: '只读',
  write: '可写',
  hidden: '隐藏',
} as const;
export type FieldAccess = keyof typeof FIELD_ACCESS;

/** 联办 (PROC-3): the lead department and the assisting ones. */
export const JOINT_ROLES = {
  lead: '主办',
  assisting: '协办',
} as const;
export type JointRole = keyof typeof JOINT_ROLES;

/**
 * Who handles a step other than the item's subject: 基层反馈 at the accepting window (RUN-12), or
 * the unit a 督办 or complaint is about, through its leading posts (PROC-6).
 */
export const HANDLED_BY = {
  acceptingUnit: '受理窗口所在单位（基层反馈）',
  // 督办 and complaints (SUP-4, SUP-5): the unit a case is about, named when it starts.
  target: '被督办（被投诉）单位',
} as const;
export type HandledBy = keyof typeof HANDLED_BY;

/**
 * Where an ex officio case stands (RUN-17): a step of a 处罚, 强制, 检查 or 征收 flowchart names its
 * stage, and an officer's queues are these stages.
 */
export const EX_OFFICIO_STAGES = {
  filing: '待立案审批',
  investigation: '调查中',
  notification: '待告知',
  hearing: '听证',
  legalReview: '待法制审核',
  decision: '待决定',
  service: '待送达',
  enforcement: '执行中',
} as const;
export type ExOfficioStage = keyof typeof EX_OFFICIO_STAGES;

export const RISK_LEVELS = {
  high: '高',
  medium: '中',
  low: '低',
} as const;
export type RiskLevel = keyof typeof RISK_LEVELS;

export const isKeyOf = <T extends object>(table: T, value: unknown): value is keyof T =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(table, value);
