import type { Actor } from './context';
import { CaseError } from './errors';
import type { Tx } from './tx';
import { type WorkItem } from './state';

/**
 * Access within a case (RUN-3, RUN-12): who may act on a work item or on the case. Which cases
 * a user may see at all (department access, CASL) stays with the server.
 */

export const isStaff = (a: Actor): boolean => a.kind === 'staff';
export const isAdmin = (a: Actor): boolean => a.kind === 'staff' && a.roles.includes('admin');
export const inUnit = (a: Actor, unitId: string): boolean =>
  a.unitId === unitId || a.departmentId === unitId;

/** Holds one of the item's posts, in its unit when the item is bound to one. */
export function isCandidate(
  a: Actor,
  item: Pick<WorkItem, 'candidatePostIds' | 'unit' | 'unitBound'>,
): boolean {
  return (
    a.kind === 'staff' &&
    item.candidatePostIds.some((p) => a.postIds.includes(p)) &&
    (!item.unitBound || inUnit(a, item.unit.id))
  );
}

export function findItem(tx: Tx, workItemId: string | undefined): WorkItem {
  const item = workItemId ? tx.state.workItems.find((w) => w.id === workItemId) : undefined;
  if (!item) {
    throw new CaseError('unknown_work_item', `办件中没有待办事项「${workItemId ?? ''}」`, {
      workItemId,
    });
  }
  return item;
}

const ITEM_STATUS: Record<WorkItem['status'], string> = {
  open: '尚未签收',
  claimed: '已签收',
  waiting: '正在等待加签人办理',
  completed: '已办理完毕',
  cancelled: '已取消',
};

/** The actor's own claimed work item: what completing, returning, suspending … act on. */
export function ownClaimedItem(tx: Tx, workItemId: string | undefined, doing: string): WorkItem {
  const item = findItem(tx, workItemId);
  const a = tx.actor;
  if (item.status === 'open' && isCandidate(a, item)) {
    throw new CaseError('wrong_item_state', `「${item.name}」尚未签收，请先签收再${doing}`);
  }
  if (item.status !== 'claimed' && item.status !== 'open') {
    throw new CaseError(
      'wrong_item_state',
      `「${item.name}」${ITEM_STATUS[item.status]}，不能${doing}`,
    );
  }
  if (item.assignee?.userId !== a.userId || a.kind !== 'staff') {
    const who = item.assignee ? `由 ${item.assignee.name} 签收办理` : '尚未签收';
    throw new CaseError('not_assignee', `「${item.name}」${who}，只有签收人本人才能${doing}`);
  }
  return item;
}

/** Claims an open item for the actor (签收), or checks it is already theirs. */
export function claimItem(tx: Tx, item: WorkItem, doing = '签收'): boolean {
  const a = tx.actor;
  if (item.status === 'claimed' && item.assignee?.userId === a.userId) return false;
  if (item.status !== 'open') {
    const detail =
      item.status === 'claimed'
        ? `已由 ${item.assignee?.name ?? ''} 签收`
        : ITEM_STATUS[item.status];
    throw new CaseError('wrong_item_state', `「${item.name}」${detail}，不能${doing}`);
  }
  if (!isCandidate(a, item)) {
    const bound =
      item.unitBound && !inUnit(a, item.unit.id) ? `，且本环节由${item.unit.name}办理` : '';
    throw new CaseError(
      'not_candidate',
      `您不在「${item.name}」的办理岗位上${bound}，不能${doing}`,
      { candidatePostIds: item.candidatePostIds, unitId: item.unit.id },
    );
  }
  item.status = 'claimed';
  item.touched = true;
  item.claimedAt = tx.now;
  const postId = item.candidatePostIds.find((p) => a.postIds.includes(p));
  item.assignee = { userId: a.userId, name: a.name, ...(postId ? { postId } : {}) };
  tx.emit({
    type: 'workItemClaimed',
    workItemId: item.id,
    nodeId: item.nodeId,
    stepName: item.name,
    assigneeId: a.userId,
  });
  return true;
}

export function requireApplicant(tx: Tx, doing: string): void {
  const a = tx.actor;
  const own = tx.state.applicant.accountId;
  if (a.kind !== 'applicant' || !own || a.userId !== own) {
    throw new CaseError('not_applicant', `只有本办件的申请人本人才能${doing}`);
  }
}

export function requireAdmin(tx: Tx, doing: string): void {
  if (!isAdmin(tx.actor)) throw new CaseError('not_permitted', `只有系统管理员才能${doing}`);
}

export function requireText(value: unknown, what: string): string {
  if (typeof value !== 'string' || !value.trim()) {
    throw new CaseError('invalid_command', `请填写${what}`);
  }
  return value.trim();
}
