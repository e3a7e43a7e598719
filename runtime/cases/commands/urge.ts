import { findItem } from '../access';
import type { CommandHandler } from '../command';
import { CaseError } from '../errors';
import { isLive, type WorkItem } from '../state';

/** 催办: a supervisor, an administrator or the applicant presses for a step (or every open one). */
export interface UrgeCommand {
  type: 'urge';
  workItemId?: string;
  message?: string;
}

export const urge: CommandHandler<UrgeCommand> = {
  type: 'urge',
  label: '催办',
  allowedIn: ['pendingAcceptance', 'correction', 'inProgress', 'suspended'],
  run(tx, command) {
    const a = tx.actor;
    const { state } = tx;
    const supervisor =
      a.kind === 'staff' && (a.roles.includes('supervisor') || a.roles.includes('admin'));
    const applicant =
      a.kind === 'applicant' &&
      !!state.applicant.accountId &&
      a.userId === state.applicant.accountId;
    if (!supervisor && !applicant) {
      throw new CaseError('not_permitted', '只有监察人员、系统管理员或本办件的申请人才能催办');
    }
    let items: WorkItem[];
    if (command.workItemId) {
      const item = findItem(tx, command.workItemId);
      if (!isLive(item))
        throw new CaseError('wrong_item_state', `「${item.name}」已不在办理中，无须催办`);
      items = [item];
    } else {
      items = state.workItems.filter(isLive);
    }
    if (!items.length) throw new CaseError('wrong_item_state', '办件当前没有待办事项，无须催办');
    const message = command.message?.trim();
    for (const item of items) {
      item.urged = (item.urged ?? 0) + 1;
      tx.emit({
        type: 'workItemUrged',
        workItemId: item.id,
        nodeId: item.nodeId,
        stepName: item.name,
        by: a.userId,
        ...(message ? { message } : {}),
      });
    }
    tx.record({
      action: 'urge',
      process: tx.processInfo(items.length === 1 ? items[0] : undefined, {
        opinion: `催办${items.map((i) => `「${i.name}」`).join('、')}${message ? `：${message}` : ''}`,
      }),
    });
  },
};
