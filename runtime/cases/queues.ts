import type { ExOfficioStage } from '../process/vocabulary';
import type { Actor } from './context';
import { inUnit } from './access';
import { prepareDefinition, type CaseDefinition } from './definition';
import type { CaseState, CaseStatus } from './state';

/**
 * Work queues as flat rows derived from a case (the server stores and indexes them, replacing a
 * case's rows on every write, so they can always be rebuilt):
 * 待办 `todo` (every step to handle, the last included), 已办 `done`, 待补正 `correction`, 已暂停 `suspended`, and the window's 待预审
 * `preReview`, 待受理 `acceptance`, 待办结 `conclusion` (the last step handled by people).
 */
export type WorkQueue =
  'todo' | 'done' | 'correction' | 'suspended' | 'preReview' | 'acceptance' | 'conclusion';

export const WORK_QUEUE_LABELS: Record<WorkQueue, string> = {
  todo: '待办',
  done: '已办',
  correction: '待补正',
  suspended: '已暂停',
  preReview: '待预审',
  acceptance: '待受理',
  conclusion: '待办结',
};

export interface WorkQueueRow {
  /** Unique per row: `${caseId}:${workItemId ?? 'case'}:${queue}`. */
  key: string;
  queue: WorkQueue;
  caseId: string;
  caseNo?: string;
  applicationNo?: string;
  caseName: string;
  itemId: string;
  itemCode: string;
  caseStatus: CaseStatus;
  workItemId?: string;
  nodeId?: string;
  stepName?: string;
  /** Ex officio cases (RUN-17): the officer's queue the step belongs to (待立案审批, 调查中 …). */
  stage?: ExOfficioStage;
  /** Holders of any of these posts see the row … */
  postIds: string[];
  /** … in this unit, when `unitBound`. */
  unitId: string;
  unitBound: boolean;
  /** The person who has it (claimed) or did it (done): they see it whatever their posts. */
  userId?: string;
  /** When it arrived in the queue, for sorting. */
  since: string;
  dueAt?: string | null;
}

/** The rows a case puts into the work queues now. */
export function workQueueRows(definition: CaseDefinition, state: CaseState): WorkQueueRow[] {
  const prepared = prepareDefinition(definition);
  const base = {
    caseId: state.caseId,
    ...(state.caseNo ? { caseNo: state.caseNo } : {}),
    ...(state.applicationNo ? { applicationNo: state.applicationNo } : {}),
    caseName: state.caseName,
    itemId: state.itemId,
    itemCode: state.itemCode,
    caseStatus: state.status,
  };
  const rows: WorkQueueRow[] = [];
  if (state.status === 'preReview') {
    rows.push({
      ...base,
      key: `${state.caseId}:case:preReview`,
      queue: 'preReview',
      postIds: prepared.acceptancePostIds,
      unitId: state.acceptingUnit.id,
      unitBound: true,
      since: state.appliedAt,
    });
  }
  for (const item of state.workItems) {
    let queue: WorkQueue | undefined;
    if (item.status === 'completed') queue = 'done';
    else if (item.status === 'cancelled') continue;
    else if (state.status === 'correction') queue = 'correction';
    else if (state.status === 'suspended') queue = 'suspended';
    else if (state.status === 'pendingAcceptance' && item.acceptance) queue = 'acceptance';
    else if (state.status === 'inProgress' || state.status === 'pendingAcceptance')
      queue = prepared.isFinalStep(item.nodeId) ? 'conclusion' : 'todo';
    if (!queue) continue;
    // The last step is 待办 like any other (the chief looked for 决定 there, issue 13) and
    // also 待办结, the window on where cases are concluded.
    for (const q of queue === 'conclusion' ? (['todo', 'conclusion'] as const) : [queue])
      rows.push(rowOf(item, q));
  }
  return rows;

  function rowOf(item: CaseState['workItems'][number], queue: WorkQueue): WorkQueueRow {
    const node = prepared.node(item.nodeId);
    const stage = node.kind === 'userTask' ? node.step.stage : undefined;
    return {
      ...base,
      key: `${state.caseId}:${item.id}:${queue}`,
      queue,
      workItemId: item.id,
      nodeId: item.nodeId,
      stepName: item.name,
      ...(stage ? { stage } : {}),
      postIds: queue === 'done' ? [] : item.candidatePostIds,
      unitId: item.unit.id,
      unitBound: item.unitBound,
      ...(item.assignee ? { userId: item.assignee.userId } : {}),
      since: item.completedAt ?? item.claimedAt ?? item.createdAt,
      ...(item.dueAt !== undefined && queue !== 'done' ? { dueAt: item.dueAt } : {}),
    };
  }
}

/**
 * Whether a user sees a row: their own (claimed by or done by them), or open for one of their
 * posts in the right unit. The server's index query says the same: `userId = me OR (postIds ∩
 * mine AND no userId AND (NOT unitBound OR unitId ∈ {my unit, my department}))`.
 */
export function rowVisibleTo(row: WorkQueueRow, actor: Actor): boolean {
  if (actor.kind !== 'staff') return false;
  if (row.userId) return row.userId === actor.userId;
  return (
    row.postIds.some((p) => actor.postIds.includes(p)) &&
    (!row.unitBound || inUnit(actor, row.unitId))
  );
}
