import { claimItem, findItem } from '../access';
import type { CommandHandler } from '../command';
import { CaseError } from '../errors';

/** 签收 (RUN-3): a holder of the step's posts takes the work item; others no longer see it. */
export interface ClaimCommand {
  type: 'claim';
  workItemId: string;
}

export const claim: CommandHandler<ClaimCommand> = {
  type: 'claim',
  label: '签收',
  allowedIn: ['pendingAcceptance', 'inProgress'],
  run(tx, command) {
    const item = findItem(tx, command.workItemId);
    if (item.status === 'claimed' && item.assignee?.userId === tx.actor.userId && item.touched) {
      throw new CaseError('wrong_item_state', `您已签收「${item.name}」`);
    }
    // An item assigned to a person (退回 to them, 转办, chosen signers) is taken by signing it.
    if (!(item.status === 'claimed' && item.assignee?.userId === tx.actor.userId))
      claimItem(tx, item);
    item.touched = true;
    tx.record({
      action: 'claim',
      actor: tx.trailActor(item),
      process: tx.processInfo(item, { stepState: 'claimed' }),
    });
  },
};
