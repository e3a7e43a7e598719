import { requireAdmin, requireText } from '../access';
import type { CommandHandler } from '../command';
import { endCase } from '../ending';

/** 终止: an administrator ends a case that cannot go on (the applicant died, a court order …). */
export interface TerminateCommand {
  type: 'terminate';
  reason: string;
}

export const terminate: CommandHandler<TerminateCommand> = {
  type: 'terminate',
  label: '终止',
  allowedIn: [
    'preReview',
    'preReviewReturned',
    'pendingAcceptance',
    'correction',
    'inProgress',
    'suspended',
  ],
  run(tx, command) {
    requireAdmin(tx, '终止办件');
    const reason = requireText(command.reason, '终止的理由');
    endCase(tx, 'terminated', { opinion: `终止办理：${reason}`, action: 'terminate' });
  },
};
