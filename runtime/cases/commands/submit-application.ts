import { CaseError } from '../errors';
import { submitApplicationForm } from '../forms';
import type { CommandHandler } from '../command';
import { requireApplicant } from '../access';
import { openCase, receiveMaterials, recordApplication, type ApplicationInput } from './start';

/** 网上申请 (RUN-1, POR-6): the applicant submits online; the window pre-reviews first. */
export interface SubmitApplicationCommand extends ApplicationInput {
  type: 'submitApplication';
  /** 申请编号, claimed by the server (RUN-11). */
  applicationNo: string;
  /** The window chosen to receive it (a township's for 基层受理); else the item's subject. */
  acceptingUnit?: { id: string; name: string };
}

export const submitApplication: CommandHandler<SubmitApplicationCommand> = {
  type: 'submitApplication',
  label: '提交申请',
  starts: true,
  // Resubmission after 预审退回: the same case, the same application number.
  allowedIn: ['preReviewReturned'],
  run(tx, command) {
    if (tx.actor.kind !== 'applicant')
      throw new CaseError('not_applicant', '网上申请只能由申请人本人提交');
    if (tx.state.status === 'preReviewReturned') {
      requireApplicant(tx, '重新提交申请');
      const change = submitApplicationForm(tx, command.data);
      receiveMaterials(tx, command.materials);
      tx.state.status = 'preReview';
      recordApplication(tx, 'apply', false, change);
      tx.emit({ type: 'applicationResubmitted' });
      return;
    }
    openCase(
      tx,
      { ...command, applicant: { ...command.applicant, accountId: tx.actor.userId } },
      {
        channel: 'online',
        status: 'preReview',
        acceptingUnit: command.acceptingUnit ?? tx.def.def.subject,
        applicationNo: command.applicationNo ?? '',
      },
    );
  },
};
