import type { AttachmentRef } from '../../trail/entry';
import { ownClaimedItem } from '../access';
import type { CommandHandler } from '../command';
import { CaseError } from '../errors';
import { completeWorkItem } from './complete';

/**
 * 办结 (RUN-4): the decision — granted or denied — made at the last step handled by people.
 * It completes that step with the decision; the case is concluded when its flow reaches the end
 * (documents and delivery after it are automatic). At a step with steps still after it, it is
 * refused: the flowchart decides where a case may be concluded (RUN-5).
 */
export interface ConcludeCommand {
  type: 'conclude';
  workItemId: string;
  decision: { result: 'granted' | 'denied'; text: string; attachments?: AttachmentRef[] };
  data?: Record<string, unknown>;
  opinion?: string;
  attachments?: AttachmentRef[];
}

export const conclude: CommandHandler<ConcludeCommand> = {
  type: 'conclude',
  label: '办结',
  allowedIn: ['inProgress'],
  run(tx, command) {
    const item = ownClaimedItem(tx, command.workItemId, '办结');
    if (!tx.def.isFinalStep(item.nodeId)) {
      throw new CaseError(
        'not_final_step',
        `「${item.name}」之后还有办理环节，不能在此办结；请办理本环节，由流程送往下一环节`,
      );
    }
    if (!command.decision) throw new CaseError('invalid_command', '办结须作出准予或不予的决定');
    const { type: _type, workItemId: _id, ...input } = command;
    completeWorkItem(tx, item, input);
  },
};
