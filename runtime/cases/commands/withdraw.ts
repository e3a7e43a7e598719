import { requireApplicant } from '../access';
import type { CommandHandler } from '../command';
import { endCase } from '../ending';

/** 撤回 (RUN-4): the applicant withdraws their own application at any time before it ends. */
export interface WithdrawCommand {
  type: 'withdraw';
  reason?: string;
}

export const withdraw: CommandHandler<WithdrawCommand> = {
  type: 'withdraw',
  label: '撤回',
  allowedIn: [
    'preReview',
    'preReviewReturned',
    'pendingAcceptance',
    'correction',
    'inProgress',
    'suspended',
  ],
  run(tx, command) {
    requireApplicant(tx, '撤回申请');
    const reason = command.reason?.trim();
    endCase(tx, 'withdrawn', {
      opinion: reason ? `申请人撤回申请：${reason}` : '申请人撤回申请',
      action: 'withdraw',
    });
  },
};
