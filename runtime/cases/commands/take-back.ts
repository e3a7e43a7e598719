import { findItem } from '../access';
import type { CommandHandler } from '../command';
import { CaseError } from '../errors';
import { cancelToken, run, setOutcome } from '../flow';
import type { Token } from '../state';

/**
 * 取回: the one who completed a step takes it back while the next step is untouched — nobody
 * has claimed, drafted or been handed it. Not possible once the completion passed an automatic
 * step (a document made, a notice sent), a join or an end: those cannot be undone.
 */
export interface TakeBackCommand {
  type: 'takeBack';
  workItemId: string;
}

export const takeBack: CommandHandler<TakeBackCommand> = {
  type: 'takeBack',
  label: '取回',
  allowedIn: ['inProgress'],
  run(tx, command) {
    const { state } = tx;
    const item = findItem(tx, command.workItemId);
    if (item.status !== 'completed' || item.assignee?.userId !== tx.actor.userId) {
      throw new CaseError('not_assignee', `只有办理了「${item.name}」的本人才能取回`);
    }
    const followed = item.followedBy;
    if (!followed) {
      throw new CaseError(
        'not_reversible',
        `「${item.name}」办理后流程已经过自动环节、汇合或结束（或已被取回过），不能取回`,
      );
    }
    const tokens = followed.tokenIds.map((id) => state.tokens.find((t) => t.id === id));
    const next = state.workItems.filter((w) => followed.workItemIds.includes(w.id));
    const touched = next.find((w) => w.touched || (w.status !== 'open' && w.status !== 'claimed'));
    if (tokens.some((t) => !t) || touched) {
      const name = touched?.name ?? '下一环节';
      throw new CaseError('not_reversible', `「${name}」已有人签收或办理，不能取回`);
    }
    for (const t of tokens as Token[]) cancelToken(tx, t, 'takenBack');
    state.splits = state.splits.filter((s) => !followed.splitIds.includes(s.id));
    setOutcome(tx, followed.outcomeBefore);
    delete item.followedBy;
    const back: Token = {
      id: tx.id(),
      nodeId: item.nodeId,
      scope: [...item.scope],
      enteredAt: tx.now,
      waiting: 'task',
    };
    run(tx, [back], { assign: { nodeId: item.nodeId, person: item.assignee } });
    const again = state.workItems.find((w) => w.tokenId === back.id);
    if (again) {
      again.unit = { ...item.unit };
      again.unitBound = item.unitBound;
      again.touched = true;
      again.draft = {
        ...(item.opinion ? { opinion: item.opinion } : {}),
        ...(item.attachments ? { attachments: item.attachments } : {}),
        ...(item.outcome ? { outcome: item.outcome } : {}),
      };
    }
    tx.record({
      action: 'takeBack',
      actor: tx.trailActor(item),
      process: tx.processInfo(again ?? item, { stepState: 'claimed', opinion: '取回重办' }),
    });
    tx.emit({
      type: 'workItemTakenBack',
      workItemId: item.id,
      nodeId: item.nodeId,
      stepName: item.name,
    });
  },
};
