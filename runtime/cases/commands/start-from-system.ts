import { CaseError } from '../errors';
import type { CommandHandler } from '../command';
import { openCase, type ApplicationInput } from './start';

/** 部门系统推送 (RUN-1, INT-1): a department system hands a case over; a window accepts it. */
export interface StartFromSystemCommand extends ApplicationInput {
  type: 'startFromSystem';
  /** The window that accepts it; else the item's subject. */
  acceptingUnit?: { id: string; name: string };
}

export const startFromSystem: CommandHandler<StartFromSystemCommand> = {
  type: 'startFromSystem',
  label: '接收部门系统推送',
  starts: true,
  allowedIn: [],
  run(tx, command) {
    if (tx.actor.kind !== 'system') {
      throw new CaseError('not_permitted', '只有经认证的部门系统才能推送办件');
    }
    openCase(tx, command, {
      channel: 'push',
      status: 'pendingAcceptance',
      acceptingUnit: command.acceptingUnit ?? tx.def.def.subject,
    });
  },
};
