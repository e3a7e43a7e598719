import { inUnit, isAdmin, requireApplicant, requireText } from '../access';
import type { CommandHandler } from '../command';
import { CaseError } from '../errors';
import { endCase } from '../ending';

/**
 * 撤回 (RUN-4): the applicant withdraws their own application at any time before it ends —
 * online themselves, or by asking the window (a written request, a call …), which then records
 * the withdrawal for them with how it was asked (`request`).
 */
export interface WithdrawCommand {
  type: 'withdraw';
  reason?: string;
  /** Staff only: how the applicant asked for it (书面申请、电话 …). Required from staff. */
  request?: string;
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
    const reason = command.reason?.trim();
    const a = tx.actor;
    if (a.kind !== 'staff') {
      requireApplicant(tx, '撤回申请');
      endCase(tx, 'withdrawn', {
        opinion: reason ? `申请人撤回申请：${reason}` : '申请人撤回申请',
        action: 'withdraw',
      });
      return;
    }
    // The window that receives the case records it; an administrator may too.
    const atWindow =
      tx.def.acceptancePostIds.some((p) => a.postIds.includes(p)) &&
      inUnit(a, tx.state.acceptingUnit.id);
    if (!atWindow && !isAdmin(a)) {
      throw new CaseError(
        'not_permitted',
        `只有${tx.state.acceptingUnit.name}的受理窗口人员才能代为登记申请人的撤回申请`,
      );
    }
    const request = requireText(command.request, '申请人提出撤回的方式（如书面申请）');
    endCase(tx, 'withdrawn', {
      opinion: `应申请人请求撤回（${request}）${reason ? `：${reason}` : ''}`,
      action: 'withdraw',
    });
  },
};
