import { ownClaimedItem } from '../access';
import type { CommandHandler } from '../command';
import { CaseError } from '../errors';
import { createInstance, createWorkItem, tokenOf } from '../flow';
import type { Signer } from '../state';

/**
 * 加签: another person (or post) signs at this step. Before the handler (前加签): the handler's
 * item waits until the added signer has completed, then the handler decides. After (后加签): the
 * added signer handles once the handler has completed, before the flow moves on. On a
 * multi-instance step the signer is one more instance (sequential: next in turn, or last).
 */
export interface AddSignerCommand {
  type: 'addSigner';
  workItemId: string;
  signer: Signer;
  position: 'before' | 'after';
  reason?: string;
}

function checkSigner(signer: Signer | undefined): Signer {
  if (signer && 'user' in signer && signer.user?.userId && signer.user.name) {
    return { user: { userId: signer.user.userId, name: signer.user.name } };
  }
  if (signer && 'postIds' in signer && Array.isArray(signer.postIds) && signer.postIds.length) {
    return { postIds: [...signer.postIds] };
  }
  throw new CaseError('invalid_command', '请指定加签的人员或岗位');
}

export const addSigner: CommandHandler<AddSignerCommand> = {
  type: 'addSigner',
  label: '加签',
  allowedIn: ['inProgress'],
  run(tx, command) {
    const item = ownClaimedItem(tx, command.workItemId, '加签');
    const signer = checkSigner(command.signer);
    if (command.position !== 'before' && command.position !== 'after') {
      throw new CaseError('invalid_command', '加签位置应为前加签或后加签');
    }
    const token = tokenOf(tx, item.tokenId);
    const node = tx.def.userTask(item.nodeId);
    if (token.multi) {
      const multi = token.multi;
      if (multi.sequential && command.position === 'before')
        multi.signers.splice(multi.created, 0, signer);
      else multi.signers.push(signer);
      if (!multi.sequential) createInstance(tx, token, node);
    } else if (command.position === 'before') {
      item.status = 'waiting';
      createWorkItem(tx, token, node, signer, {
        added: { by: tx.actor.userId, position: 'before', holdsItemId: item.id },
      });
    } else {
      token.after = [...(token.after ?? []), signer];
    }
    const who = 'user' in signer ? signer.user.name : `岗位 ${signer.postIds.join('、')}`;
    tx.record({
      action: 'addSigner',
      actor: tx.trailActor(item),
      process: tx.processInfo(item, {
        stepState: 'claimed',
        opinion: `${command.position === 'before' ? '前' : '后'}加签：${who}${command.reason ? `（${command.reason}）` : ''}`,
      }),
    });
    tx.emit({
      type: 'signerAdded',
      workItemId: item.id,
      nodeId: item.nodeId,
      stepName: item.name,
      position: command.position,
    });
  },
};
