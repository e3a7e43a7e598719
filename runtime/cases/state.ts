import type { TimeLimit } from '../catalog/item';
import type { ExcludedTimeKind } from '../process/vocabulary';
import type { TrailHead } from '../trail/chain';
import type { AttachmentRef, FinalState, IdType, Party, UnitRef } from '../trail/entry';

/**
 * The state of one case (办件): one MongoDB document, changed by one guarded update per command.
 * Plain JSON that MongoDB and FerretDB store as it is: no array directly inside an array, no key
 * taken from data except form field keys (checkFormSchema keeps them free of '.' and '$').
 * Times are ISO 8601 strings in UTC (`toISOString`).
 */
export interface CaseTarget {
  unit: UnitRef;
  postIds: string[];
}

export interface CaseState {
  caseId: string;
  itemId: string;
  /** The item version the case runs on to its end (CAT-6). */
  itemVersion: number;
  itemCode: string;
  itemName: string;
  status: CaseStatus;
  channel: CaseChannel;
  /** 申请编号, for an online application (RUN-11, POR-6). */
  applicationNo?: string;
  /** 办件编号, given on acceptance (RUN-11). */
  caseNo?: string;
  caseName: string;
  summary?: string;
  applicant: Applicant;
  contact?: Party;
  /** The window that receives and accepts the case: a township's for 基层受理 (RUN-12). */
  acceptingUnit: UnitRef;
  /** The unit that exercises the item and handles the steps after acceptance. */
  handlingUnit: UnitRef;
  /**
   * The unit a 督办 or complaint is about (SUP-4, SUP-5): its steps marked `handledBy: target` go
   * to it, to the posts the server resolved when the case started (the unit's leading posts).
   */
  target?: CaseTarget;
  /**
   * An ex officio case (RUN-17): opened by the department (立案) against the party held in
   * `applicant` (当事人), with no application, acceptance or promised limit.
   */
  exOfficio?: ExOfficioCase;
  /** The penalty decided at the step marked `discretion`, checked against the 基准 (CAT-2). */
  penalty?: PenaltyDecision;
  appliedAt: string;
  acceptedAt?: string;
  endedAt?: string;
  /** Where execution rests: at user tasks and message waits. */
  tokens: Token[];
  /** Parallel and inclusive splits whose join has not fired yet. */
  splits: SplitInstance[];
  workItems: WorkItem[];
  timers: CaseTimer[];
  /** Form values per form (the application form and step forms), merged step by step. */
  forms: FormValues[];
  materials: ReceivedMaterial[];
  /** The open correction request, or the last one. */
  correction?: CorrectionRequest;
  /** Phases in which a correction was requested: 一次性告知 allows one each. */
  correctionPhases: CorrectionPhase[];
  /** Intervals the clocks stand still (RUN-6). */
  pauses: CasePause[];
  deadlines: { legal?: CaseDeadline; promised?: CaseDeadline };
  /** The case variable `outcome`: the decision of the step completed last. */
  outcome?: Outcome;
  /** The decision recorded by a step (决定) or by 办结. */
  decision?: Decision;
  /** The result record (RUN-9), once the case has ended. */
  result?: CaseResult;
  preReview?: { returns: number; reasons?: string[] };
  messages: ReceivedMessage[];
  /** Deadline alerts already emitted, so `tick` emits each once. */
  alerts: { key: string; level: 'warning' | 'overdue' }[];
  /** How many 退回 the case has seen (suspicious when repeated, RUN-5). */
  returnCount: number;
  /** Fees charged on the case, as recorded (RUN-16). */
  fees?: { amountFen: number; at: string; userId: string }[];
  /** Progress reports of a department system already taken in (SUP-2), by its id. */
  progressReports?: string[];
  /** Documents already recorded in the trail (RUN-10), by id: recorded once each. */
  documents?: string[];
  /** Numbers the events; an event id is `${caseId}#${n}`, stable for the same transition. */
  eventSeq: number;
  trailHead: TrailHead | null;
  /** When the trail's last entry was made: no command may be dated before it (issue 13). */
  lastEntryAt?: string;
  /** The server's optimistic-concurrency counter; the engine copies it and never changes it. */
  version?: number;
}

/** 案件来源 of an ex officio case. */
export const CASE_SOURCES = {
  inspection: '检查发现',
  report: '投诉举报',
  transfer: '移送',
  assigned: '上级交办',
  other: '其他',
} as const;
export type CaseSource = keyof typeof CASE_SOURCES;

export interface ExOfficioCase {
  procedure?: string;
  source: CaseSource;
  /** What was found or reported, in a sentence (案由). */
  sourceNote?: string;
  /** The case this one was opened from, e.g. an inspection's finding. */
  fromCaseId?: string;
  openedAt: string;
}

/** 从轻、减轻、不予处罚: each cites its article (行政处罚法 第三十条至第三十三条). */
export const MITIGATIONS = {
  none: '无',
  lighter: '从轻处罚',
  mitigated: '减轻处罚',
  exempt: '不予处罚',
} as const;
export type Mitigation = keyof typeof MITIGATIONS;

export interface PenaltyDecision {
  benchmarkId: string;
  violation?: string;
  circumstance: string;
  /** The penalty as decided, e.g. 「警告」「罚款」. */
  kind: string;
  fineYuan?: number;
  mitigation: Mitigation;
  article?: string;
  /** Why the decision leaves the benchmark's range. */
  reason?: string;
  /** The fine lies outside the benchmark's range (an alert was raised). */
  outside: boolean;
  decidedAt: string;
}

export type CaseStatus =
  | 'preReview'
  | 'preReviewReturned'
  | 'pendingAcceptance'
  | 'correction'
  | 'inProgress'
  | 'suspended'
  | 'concluded'
  | 'refused'
  | 'withdrawn'
  | 'terminated';

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  preReview: '待预审',
  preReviewReturned: '预审退回',
  pendingAcceptance: '待受理',
  correction: '补正中',
  inProgress: '办理中',
  suspended: '已暂停',
  concluded: '已办结',
  refused: '不予受理',
  withdrawn: '已撤回',
  terminated: '已终止',
};

export const FINAL_STATUSES: readonly CaseStatus[] = [
  'concluded',
  'refused',
  'withdrawn',
  'terminated',
];

/** The case variable `channel` (RUN-1). */
export type CaseChannel = 'online' | 'window' | 'push' | 'exOfficio';

export interface Applicant {
  /** The case variable `applicant.type`. */
  type: 'person' | 'organisation';
  name: string;
  idType: IdType;
  idNumber: string;
  /** The applicant's portal account, when there is one: only it may withdraw or supply. */
  accountId?: string;
  phone?: string;
}

export type Outcome = 'approve' | 'reject';

export interface Decision {
  result: 'granted' | 'denied';
  text: string;
  attachments?: AttachmentRef[];
  by: { userId: string; name: string };
  at: string;
}

export interface CaseResult {
  finalState: FinalState;
  opinion: string;
  at: string;
}

export interface Token {
  id: string;
  nodeId: string;
  /**
   * Branch ids from the outermost parallel or inclusive split inwards. A step visited with
   * scope S is on the path of a work item with scope T when S is a prefix of T (退回).
   */
  scope: string[];
  enteredAt: string;
  waiting: 'task' | 'message';
  /** A non-interrupting timer's side path: it does not keep the case open. */
  side?: boolean;
  /** Multi-instance bookkeeping (会签, 或签, ratio). */
  multi?: MultiInstance;
  /** 后加签 on a single-handler step: who signs after the handler, in order. */
  after?: Signer[];
}

export interface MultiInstance {
  sequential: boolean;
  signing: 'all' | 'any' | 'ratio';
  ratio?: number;
  /** Everyone who signs, in order; 加签 adds to it. */
  signers: Signer[];
  /** Instances created so far (sequential steps create them one by one). */
  created: number;
  approvals: number;
  rejections: number;
}

/** Who handles an instance: any holder of some posts, or one named person. */
export type Signer = { postIds: string[] } | { user: Person };

export interface Person {
  userId: string;
  name: string;
}

export interface SplitInstance {
  id: string;
  gatewayId: string;
  kind: 'parallel' | 'inclusive';
  /** The scope of the token that split. */
  scope: string[];
  branchIds: string[];
  arrived: string[];
}

export type WorkItemStatus = 'open' | 'claimed' | 'waiting' | 'completed' | 'cancelled';

export type CancelReason =
  | 'returned'
  | 'takenBack'
  | 'timer'
  | 'signingDecided'
  | 'ended'
  | 'refused'
  | 'withdrawn'
  | 'terminated';

/** 待办 and 已办: one step as one person or post handles it. */
export interface WorkItem {
  id: string;
  tokenId: string;
  nodeId: string;
  name: string;
  /** Holders of these posts may claim it (RUN-3). */
  candidatePostIds: string[];
  /** The unit that handles it: the accepting window, the handling unit, a 联办 unit. */
  unit: UnitRef;
  /** Only staff of `unit` may claim it: a window's acceptance, a 联办 branch (RUN-12). */
  unitBound: boolean;
  /** The step that accepts the case (受理): done by accept, refuse or requestCorrection. */
  acceptance?: boolean;
  status: WorkItemStatus;
  assignee?: Person & { postId?: string };
  /** Ever claimed or drafted: 取回 is only possible while the next step is untouched. */
  touched: boolean;
  draft?: WorkItemDraft;
  createdAt: string;
  claimedAt?: string;
  completedAt?: string;
  cancelledAt?: string;
  cancelReason?: CancelReason;
  /** Due instant from the step's limit; null while a pause stops the clock. */
  dueAt?: string | null;
  scope: string[];
  multi?: { index: number };
  /** 加签: added by whom, before or after that handler. */
  added?: { by: string; position: 'before' | 'after'; holdsItemId?: string };
  /** On completion. */
  outcome?: Outcome;
  opinion?: string;
  attachments?: AttachmentRef[];
  /** What the completion started, while it can still be taken back (取回). */
  followedBy?: {
    tokenIds: string[];
    workItemIds: string[];
    splitIds: string[];
    outcomeBefore?: Outcome;
  };
  urged?: number;
}

export interface WorkItemDraft {
  data?: Record<string, unknown>;
  opinion?: string;
  attachments?: AttachmentRef[];
  outcome?: Outcome;
}

export interface CaseTimer {
  id: string;
  boundaryId: string;
  tokenId: string;
  startedAt: string;
  /** null while a pause stops the clock. */
  fireAt: string | null;
}

export interface FormValues {
  key: string;
  values: Record<string, unknown>;
}

export interface ReceivedMaterial {
  materialId: string;
  name: string;
  files: AttachmentRef[];
  receivedAt: string;
  /** 容缺受理: accepted with this material to follow (补办件). */
  deferred?: boolean;
}

export type CorrectionPhase = 'acceptance' | 'handling';

export interface CorrectionRequest {
  phase: CorrectionPhase;
  workItemId: string;
  requestedAt: string;
  requestedBy: Person;
  items: CorrectionItem[];
  suppliedAt?: string;
}

/** One thing to supply: a material of the item's list, or something else named in words. */
export interface CorrectionItem {
  materialId?: string;
  name: string;
  reason: string;
}

export interface CasePause {
  from: string;
  to?: string;
  kind: 'correction' | 'suspension' | 'escalation';
  /** For a suspension: the procedure whose time is excluded (听证, 检验 …). */
  procedure?: ExcludedTimeKind;
  reason: string;
}

export interface CaseDeadline {
  limit: TimeLimit;
  startedAt: string;
  /** null while a pause stops the clock. */
  dueAt: string | null;
}

export interface ReceivedMessage {
  deliveryId: string;
  nodeId: string;
  name: string;
  at: string;
  outcome?: Outcome;
  opinion?: string;
}

export const isFinal = (status: CaseStatus): boolean => FINAL_STATUSES.includes(status);
export const isLive = (item: WorkItem): boolean =>
  item.status === 'open' || item.status === 'claimed' || item.status === 'waiting';
