import type { AttachmentRef } from '../../trail/entry';
import { requireText } from '../access';
import type { CommandHandler } from '../command';
import { endCase } from '../ending';
import { CaseError } from '../errors';
import { acceptanceItem } from './accept';

/** 不予受理 (RUN-2): the window refuses the application, with the reason; the case ends. */
export interface RefuseCommand {
  type: 'refuse';
  workItemId?: string;
  reason: string;
  attachments?: AttachmentRef[];
}

export const refuse: CommandHandler<RefuseCommand> = {
  type: 'refuse',
  label: '不予受理',
  // Also while the applicant has not supplied what acceptance asked for.
  allowedIn: ['pendingAcceptance', 'correction'],
  run(tx, command) {
    if (tx.state.status === 'correction' && tx.state.correction?.phase !== 'acceptance') {
      throw new CaseError(
        'wrong_state',
        '办件已受理，正在审查中补正：不能再不予受理；逾期未补正的，请在办理环节作出不予许可的决定',
      );
    }
    const reason = requireText(command.reason, '不予受理的理由');
    const item = acceptanceItem(
      tx,
      command.workItemId ?? tx.state.correction?.workItemId,
      '不予受理',
    );
    if (tx.state.status === 'correction') {
      for (const p of tx.state.pauses) if (!p.to) p.to = tx.now;
    }
    tx.emit({ type: 'caseRefused', reason });
    endCase(tx, 'refused', {
      opinion: `不予受理：${reason}`,
      action: 'refuse',
      item,
      ...(command.attachments ? { attachments: command.attachments } : {}),
    });
  },
};
