import type { AttachmentRef } from '../../trail/entry';
import { ownClaimedItem } from '../access';
import type { CommandHandler } from '../command';
import { checkDraft } from '../forms';
import type { Outcome } from '../state';

/**
 * 暂存: the assignee keeps unfinished form data and opinion on the work item. Not an act on the
 * case, so it leaves no trail entry; what counts is recorded when the step is completed.
 */
export interface SaveDraftCommand {
  type: 'saveDraft';
  workItemId: string;
  data?: Record<string, unknown>;
  opinion?: string;
  attachments?: AttachmentRef[];
  outcome?: Outcome;
}

export const saveDraft: CommandHandler<SaveDraftCommand> = {
  type: 'saveDraft',
  label: '暂存',
  allowedIn: ['pendingAcceptance', 'inProgress'],
  run(tx, command) {
    const item = ownClaimedItem(tx, command.workItemId, '暂存');
    checkDraft(tx, tx.def.userTask(item.nodeId), command.data);
    item.draft = {
      ...(command.data ? { data: command.data } : {}),
      ...(command.opinion ? { opinion: command.opinion } : {}),
      ...(command.attachments ? { attachments: command.attachments } : {}),
      ...(command.outcome ? { outcome: command.outcome } : {}),
    };
    item.touched = true;
  },
};
