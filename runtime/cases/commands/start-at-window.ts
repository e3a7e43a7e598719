import { CaseError } from '../errors';
import type { CommandHandler } from '../command';
import { openCase, refuseExOfficio, type ApplicationInput } from './start';

/**
 * 窗口受理 (RUN-1): staff at a window register an application handed in there. The case awaits
 * acceptance at that window's unit — a township's for 基层受理 (RUN-12).
 */
export interface StartAtWindowCommand extends ApplicationInput {
  type: 'startAtWindow';
  /** Received by a township or community window for a county item (基层代收). */
  township?: boolean;
}

export const startAtWindow: CommandHandler<StartAtWindowCommand> = {
  type: 'startAtWindow',
  label: '窗口登记申请',
  starts: true,
  allowedIn: [],
  run(tx, command) {
    refuseExOfficio(tx.def.def);
    const a = tx.actor;
    if (a.kind !== 'staff' || !tx.def.acceptancePostIds.some((p) => a.postIds.includes(p))) {
      throw new CaseError('not_candidate', '您不在本事项的受理岗位上，不能登记申请');
    }
    openCase(tx, command, {
      channel: 'window',
      status: 'pendingAcceptance',
      acceptingUnit: { id: a.departmentId, name: a.departmentName ?? a.departmentId },
      ...(command.township ? { township: true } : {}),
    });
  },
};
