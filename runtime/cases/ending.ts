import type { AttachmentRef, FinalState, TrailAction } from '../trail/entry';
import type { Tx } from './tx';
import { isLive, type CancelReason, type WorkItem } from './state';

type EndKind = 'concluded' | 'refused' | 'withdrawn' | 'terminated';

const CANCEL: Record<EndKind, CancelReason> = {
  concluded: 'ended',
  refused: 'refused',
  withdrawn: 'withdrawn',
  terminated: 'terminated',
};

/**
 * Ends a case: whatever still runs is cancelled, an open pause is closed, and the result record
 * (办理结果信息项, RUN-9) goes into the trail with the action that ended it.
 */
export function endCase(
  tx: Tx,
  kind: EndKind,
  how: {
    opinion: string;
    action: TrailAction;
    item?: WorkItem;
    attachments?: AttachmentRef[];
    byEndEvent?: boolean;
  },
): void {
  const { state } = tx;
  for (const item of state.workItems) {
    if (!isLive(item)) continue;
    item.status = 'cancelled';
    item.cancelledAt = tx.now;
    item.cancelReason = CANCEL[kind];
    delete item.draft;
    tx.emit({
      type: 'workItemCancelled',
      workItemId: item.id,
      nodeId: item.nodeId,
      stepName: item.name,
      reason: CANCEL[kind],
    });
  }
  state.tokens = [];
  state.splits = [];
  state.timers = [];
  for (const pause of state.pauses) if (!pause.to) pause.to = tx.now;
  const finalState: FinalState =
    kind === 'concluded'
      ? (state.decision?.result ?? (state.outcome === 'reject' ? 'denied' : 'granted'))
      : kind === 'refused'
        ? 'denied'
        : kind;
  state.status = kind;
  state.endedAt = tx.now;
  state.result = { finalState, opinion: how.opinion, at: tx.now };
  const attachments =
    how.attachments ?? (kind === 'concluded' ? state.decision?.attachments : undefined);
  tx.record({
    action: how.action,
    actor: how.byEndEvent ? { kind: 'system', name: '系统' } : tx.trailActor(how.item),
    process: tx.processInfo(how.item, { opinion: how.opinion }),
    result: {
      department: state.handlingUnit,
      itemCode: state.itemCode,
      finalState,
      opinion: how.opinion,
      ...(attachments?.length ? { attachments } : {}),
      concludedAt: tx.now,
    },
  });
  if (kind === 'concluded')
    tx.emit({ type: 'caseConcluded', result: finalState === 'denied' ? 'denied' : 'granted' });
  else if (kind === 'withdrawn') tx.emit({ type: 'caseWithdrawn' });
  else if (kind === 'terminated')
    tx.emit({ type: 'caseTerminated', reason: how.opinion, byEndEvent: !!how.byEndEvent });
}

/** When the last main token has ended, the process is done and the case concluded. */
export function settleProcessEnd(tx: Tx): void {
  const { state } = tx;
  if (state.status !== 'inProgress') return;
  if (state.tokens.some((t) => !t.side)) return;
  const granted =
    (state.decision?.result ?? (state.outcome === 'reject' ? 'denied' : 'granted')) === 'granted';
  const opinion = state.decision?.text ?? (granted ? '准予' : '不予');
  endCase(tx, 'concluded', { opinion, action: 'conclude' });
}
