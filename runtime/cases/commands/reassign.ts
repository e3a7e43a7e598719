import { isAdmin, findItem, requireText } from '../access';
import type { CommandHandler } from '../command';
import { CaseError } from '../errors';
import type { Person } from '../state';

/**
 * 转办 (RUN-4): the assignee (or an administrator) hands the work item to other posts — it is
 * open for them to claim — or to one person, who has it at once.
 */
export interface ReassignCommand {
  type: 'reassign';
  workItemId: string;
  to: { postIds: string[] } | { user: Person };
  reason: string;
}

export const reassign: CommandHandler<ReassignCommand> = {
  type: 'reassign',
  label: '转办',
  allowedIn: ['pendingAcceptance', 'inProgress'],
  run(tx, command) {
    const item = findItem(tx, command.workItemId);
    const a = tx.actor;
    const reason = requireText(command.reason, '转办的理由');
    if (item.status !== 'open' && item.status !== 'claimed') {
      throw new CaseError('wrong_item_state', `「${item.name}」已不在办理中，不能转办`);
    }
    const own =
      item.status === 'claimed' && item.assignee?.userId === a.userId && a.kind === 'staff';
    if (!own && !isAdmin(a)) {
      throw new CaseError('not_assignee', `只有「${item.name}」的签收人或系统管理员才能转办`);
    }
    const to = command.to;
    let toText: string;
    if (to && 'postIds' in to && Array.isArray(to.postIds) && to.postIds.length) {
      item.candidatePostIds = [...to.postIds];
      item.status = 'open';
      delete item.assignee;
      delete item.claimedAt;
      toText = `岗位 ${to.postIds.join('、')}`;
    } else if (to && 'user' in to && to.user?.userId && to.user.name) {
      item.status = 'claimed';
      item.assignee = { userId: to.user.userId, name: to.user.name };
      item.claimedAt = tx.now;
      toText = to.user.name;
    } else {
      throw new CaseError('invalid_command', '请指定转办给哪些岗位或哪一位人员');
    }
    item.touched = true;
    delete item.draft;
    tx.record({
      action: 'reassign',
      actor: tx.trailActor(item),
      process: tx.processInfo(item, {
        stepState: 'reassigned',
        opinion: `转办给${toText}：${reason}`,
      }),
      data: { to: JSON.parse(JSON.stringify(to)) },
    });
    tx.emit({
      type: 'workItemReassigned',
      workItemId: item.id,
      nodeId: item.nodeId,
      stepName: item.name,
      to: toText,
    });
  },
};
