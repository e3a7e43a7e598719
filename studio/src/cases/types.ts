/** Cases (办件) as the server's case routes answer them (server/cases/routes.ts, case-detail.ts). */
import type {
  DiscretionBenchmark,
  ExOfficioProcedure,
  HandlingKind,
  Initiation,
  InternalProcess,
  LimitUnit,
  TimeLimit,
} from '../../../runtime/catalog/item';
import type { ExOfficioStage } from '../../../runtime/process/vocabulary';
import type { CaseState, CaseStatus } from '../../../runtime/cases/state';
import type { WorkQueue } from '../../../runtime/cases/queues';
import type { ItemType } from '../../../runtime/catalog/item-types';
import type { FormSchema } from '../../../runtime/forms/schema';
import type { CompiledProcess } from '../../../runtime/process/compiled';
import type { TrailEntry } from '../../../runtime/trail/entry';

export type { CaseState, CaseStatus, WorkItem } from '../../../runtime/cases/state';
export type { TrailEntry } from '../../../runtime/trail/entry';
export type { WorkQueue } from '../../../runtime/cases/queues';
export type {
  DiscretionBenchmark,
  ExOfficioProcedure,
  Initiation,
} from '../../../runtime/catalog/item';
export type { ExOfficioStage } from '../../../runtime/process/vocabulary';

/** Green, yellow or red (RUN-6, SUP-2). */
export type TimeState = 'normal' | 'warning' | 'overdue';

/** `GET /api/work-queues`. */
export interface QueueCount {
  queue: WorkQueue;
  label: string;
  count: number;
}

/** `GET /api/work-queues` `stages`: the reader's live ex officio steps by stage (RUN-17). */
export interface StageCount {
  stage: ExOfficioStage;
  label: string;
  count: number;
}

/** One row of `GET /api/work-queues/:queue`. */
export interface QueueRow {
  caseId: string;
  caseNo?: string;
  applicationNo?: string;
  caseName: string;
  /** Masked by the server as the case keeps it. */
  applicantName: string;
  itemId: string;
  itemCode: string;
  itemName: string;
  caseStatus: CaseStatus;
  caseStatusLabel: string;
  queue: WorkQueue;
  workItemId?: string;
  nodeId?: string;
  stepName?: string;
  /** Ex officio steps: 待立案审批, 调查中 … (RUN-17). */
  stage?: ExOfficioStage;
  stageLabel?: string;
  claimed: boolean;
  mine: boolean;
  since: string;
  dueAt?: string | null;
  overdue: boolean;
  remaining?: number;
  remainingUnit?: LimitUnit;
  timeState?: TimeState;
  stopped?: boolean;
  version: number;
}

/** What remains of a limit at the time of the request (runtime/calendar `RemainingTime`). */
export interface Remaining {
  unit: LimitUnit;
  limit: number;
  remaining: number;
  due: string | null;
  stopped: boolean;
  state: TimeState;
}

export interface WorkItemTime extends Remaining {
  workItemId: string;
  nodeId: string;
  stepName: string;
}

/** `GET /api/cases/:id`. */
export interface CaseDetail {
  id: string;
  version: number;
  itemId: string;
  itemVersion: number;
  caseNo?: string;
  applicationNo?: string;
  status: CaseStatus;
  statusLabel: string;
  state: CaseState;
  timeliness: { legal?: Remaining; promised?: Remaining; workItems: WorkItemTime[] } | null;
  timelinessProblem?: string;
  diagram: { active: string[]; done: string[] };
  trail: TrailEntry[];
}

/** `GET /api/cases/:id/diagram`. */
export interface CaseDiagram {
  itemVersion: number;
  xml?: string;
  active: string[];
  done: string[];
  handlingKind: HandlingKind;
  materials: { id: string; name: string; required: boolean }[];
  fee?: { charged: boolean; standardFen?: number };
  internal?: InternalProcess;
  /** 依职权 items (RUN-17): their procedure and the 自由裁量基准 a 决定 step picks from (CAT-2). */
  initiation?: Initiation;
  procedure?: ExOfficioProcedure;
  discretion?: DiscretionBenchmark[];
  forms: { key: string; name: string; schema: FormSchema }[];
}

/** `GET /api/items/:id/versions/:n`: only what the case screens read. */
export interface ItemVersionInfo {
  n: number;
  code: string;
  content: {
    name: string;
    handlingKind: HandlingKind;
    materials: { id: string; name: string; required: boolean }[];
    promisedLimit?: TimeLimit;
    legalLimit?: TimeLimit;
    fee: { charged: boolean; amountFen?: number };
    internal?: InternalProcess;
    type: ItemType;
    initiation?: Initiation;
    procedure?: ExOfficioProcedure;
  };
  process: { xml?: string; compiled?: CompiledProcess };
  forms: { key: string; name: string; schema: FormSchema }[];
}

/** `GET /api/cases/:id/trail/verify`. */
export type TrailCheck =
  | { ok: true; entries: number; message: string }
  | { ok: false; entries: number; firstBadSeq: number; reason: string; message: string };

/** What every command answers: enough to know where the case stands now. */
export interface CommandAnswer {
  id: string;
  version: number;
  status: CaseStatus;
  statusLabel: string;
  caseNo?: string;
}
