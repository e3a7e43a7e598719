import { inUnit } from '../access';
import type { CommandHandler } from '../command';
import { CaseError } from '../errors';
import { isLive } from '../state';

/**
 * 登记收费 (RUN-16): staff of the accepting window or of the handling department record what was
 * actually charged; supervision compares it with the item's standard (收费合规性). A charge on an
 * item that charges nothing is compared with zero.
 */
export interface RecordFeeCommand {
  type: 'recordFee';
  amountFen: number;
  /** 收费票据号 or how it was paid. */
  receipt?: string;
  note?: string;
}

const MAX_FEN = 10_000_000_000;

export const recordFee: CommandHandler<RecordFeeCommand> = {
  type: 'recordFee',
  label: '登记收费',
  allowedIn: ['pendingAcceptance', 'correction', 'inProgress', 'suspended', 'concluded'],
  run(tx, c) {
    const a = tx.actor;
    const { state } = tx;
    if (
      a.kind !== 'staff' ||
      !(inUnit(a, state.acceptingUnit.id) || inUnit(a, state.handlingUnit.id))
    ) {
      throw new CaseError('not_permitted', '只有受理窗口或承办部门的工作人员才能登记本办件的收费');
    }
    if (!Number.isSafeInteger(c.amountFen) || c.amountFen <= 0 || c.amountFen > MAX_FEN) {
      throw new CaseError('invalid_command', '收费金额须为大于 0 的金额（以分计）');
    }
    const fee = tx.def.def.fee;
    const standardFen = !fee ? null : fee.charged ? (fee.standardFen ?? null) : 0;
    state.fees = [...(state.fees ?? []), { amountFen: c.amountFen, at: tx.now, userId: a.userId }];
    const item = state.workItems.find((w) => isLive(w) && w.assignee?.userId === a.userId);
    tx.emit({
      type: 'feeCharged',
      amountFen: c.amountFen,
      standardFen,
      userId: a.userId,
      ...(item ? { workItemId: item.id } : {}),
    });
    const yuan = (fen: number) => (fen / 100).toFixed(2);
    const parts = [
      `收费 ${yuan(c.amountFen)} 元`,
      standardFen === null ? '' : `（收费标准 ${yuan(standardFen)} 元）`,
      c.receipt?.trim() ? `，票据 ${c.receipt.trim()}` : '',
      c.note?.trim() ? `：${c.note.trim()}` : '',
    ];
    tx.record({ action: 'fee', process: tx.processInfo(item, { opinion: parts.join('') }) });
  },
};
