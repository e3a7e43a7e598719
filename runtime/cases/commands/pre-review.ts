import { inUnit, requireText } from '../access';
import type { CommandHandler } from '../command';
import { CaseError } from '../errors';
import { startAcceptance } from './start';

/**
 * 预审 (RUN-1): the window looks at an online application before it is formally received.
 * It passes (the case awaits acceptance) or goes back to the applicant with reasons.
 */
export interface PreReviewCommand {
  type: 'preReview';
  decision: 'pass' | 'return';
  /** Required when returning: what to change, each in one sentence. */
  reasons?: string[];
  opinion?: string;
}

export const preReview: CommandHandler<PreReviewCommand> = {
  type: 'preReview',
  label: '预审',
  allowedIn: ['preReview'],
  run(tx, command) {
    const a = tx.actor;
    const { state } = tx;
    if (
      a.kind !== 'staff' ||
      !tx.def.acceptancePostIds.some((p) => a.postIds.includes(p)) ||
      !inUnit(a, state.acceptingUnit.id)
    ) {
      throw new CaseError(
        'not_candidate',
        `您不在${state.acceptingUnit.name}的受理岗位上，不能预审本申请`,
      );
    }
    if (command.decision === 'return') {
      const reasons = (command.reasons ?? []).map((r) => requireText(r, '退回理由'));
      if (!reasons.length) throw new CaseError('invalid_command', '预审退回须写明理由');
      state.status = 'preReviewReturned';
      state.preReview = { returns: (state.preReview?.returns ?? 0) + 1, reasons };
      tx.record({
        action: 'preReview',
        process: tx.processInfo(undefined, {
          department: state.acceptingUnit,
          opinion: `预审退回：${reasons.join('；')}`,
        }),
      });
      tx.emit({ type: 'preReviewReturned', reasons });
      return;
    }
    if (command.decision !== 'pass')
      throw new CaseError('invalid_command', '预审结论应为通过或退回');
    tx.record({
      action: 'preReview',
      process: tx.processInfo(undefined, {
        department: state.acceptingUnit,
        opinion: command.opinion?.trim() || '预审通过',
      }),
    });
    tx.emit({ type: 'preReviewPassed' });
    startAcceptance(tx);
  },
};
