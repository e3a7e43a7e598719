import type { TimerBoundaryNode } from '../../process/compiled';
import type { CommandHandler } from '../command';
import { caseTimeliness } from '../deadlines';
import { CaseError } from '../errors';
import { fireTimer } from '../flow';
import { isFinal, type CaseState } from '../state';
import type { Tx } from '../tx';

/**
 * The scheduler's tick: timers whose time has come fire (催办, 超时), and deadline warnings and
 * overdue alarms are emitted once each (RUN-5, RUN-6; SUP-2's yellow and red cards). The time is
 * the context's `now`; nothing happens on a case that has ended.
 */
export interface TickCommand {
  type: 'tick';
}

const ALL: CaseState['status'][] = [
  'preReview',
  'preReviewReturned',
  'pendingAcceptance',
  'correction',
  'inProgress',
  'suspended',
  'concluded',
  'refused',
  'withdrawn',
  'terminated',
];

export const tick: CommandHandler<TickCommand> = {
  type: 'tick',
  label: '定时检查',
  allowedIn: ALL,
  run(tx) {
    if (tx.actor.kind !== 'system') throw new CaseError('not_permitted', '定时检查只能由系统发起');
    if (isFinal(tx.state.status)) return;
    fireDueTimers(tx);
    if (!isFinal(tx.state.status)) emitDeadlineAlerts(tx);
  },
};

function fireDueTimers(tx: Tx): void {
  const now = tx.ctx.now.getTime();
  for (let guard = 0; guard < 1000; guard++) {
    const due = tx.state.timers
      .filter((t) => t.fireAt !== null && Date.parse(t.fireAt) <= now)
      .sort((a, b) => Date.parse(a.fireAt!) - Date.parse(b.fireAt!))[0];
    if (!due || isFinal(tx.state.status)) return;
    const token = tx.state.tokens.find((t) => t.id === due.tokenId);
    if (!token) {
      tx.state.timers = tx.state.timers.filter((t) => t !== due);
      continue;
    }
    fireTimer(tx, tx.def.node(due.boundaryId) as TimerBoundaryNode, token);
  }
}

const RANK = { normal: 0, warning: 1, overdue: 2 } as const;

function emitDeadlineAlerts(tx: Tx): void {
  const { state } = tx;
  const t = caseTimeliness(tx.def, state, tx.ctx.calendar, tx.ctx.now, tx.rules);
  const alert = (
    key: string,
    level: 'normal' | 'warning' | 'overdue',
    stopped: boolean,
    emit: (type: 'deadlineWarning' | 'deadlineOverdue') => void,
  ) => {
    if (level === 'normal' || stopped) return;
    const seen = state.alerts.find((a) => a.key === key);
    if (seen && RANK[seen.level] >= RANK[level]) return;
    if (seen) seen.level = level;
    else state.alerts.push({ key, level });
    emit(level === 'overdue' ? 'deadlineOverdue' : 'deadlineWarning');
  };
  for (const subject of ['legal', 'promised'] as const) {
    const r = t[subject];
    if (!r) continue;
    alert(subject, r.state, r.stopped, (type) =>
      tx.emit({
        type,
        subject,
        dueAt: r.due?.toISOString() ?? null,
        remaining: r.remaining,
        unit: r.unit,
      }),
    );
  }
  for (const w of t.workItems) {
    alert(`workItem:${w.workItemId}`, w.state, w.stopped, (type) =>
      tx.emit({
        type,
        subject: 'workItem',
        workItemId: w.workItemId,
        nodeId: w.nodeId,
        stepName: w.stepName,
        dueAt: w.due?.toISOString() ?? null,
        remaining: w.remaining,
        unit: w.unit,
      }),
    );
  }
}
