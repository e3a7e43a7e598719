import { appendEntries, headOf } from '../trail/chain';
import type { NewTrailEntry, TrailEntry } from '../trail/entry';
import type { EngineContext } from './context';
import { copyState } from './copy';
import { COMMAND_HANDLERS, type CaseCommand } from './commands';
import { prepareDefinition, type CaseDefinition } from './definition';
import { refreshDeadlines } from './deadlines';
import { settleProcessEnd } from './ending';
import { asCaseError, CaseError } from './errors';
import type { CaseEvent } from './events';
import { CASE_STATUS_LABELS, isLive, type CaseState } from './state';
import { Tx } from './tx';

/** A transition before its trail entries are hashed. */
export interface Transition {
  state: CaseState;
  events: CaseEvent[];
  entries: NewTrailEntry[];
}

/** What the server writes in one guarded update: the state with its new trail entries. */
export interface CommandResult {
  state: CaseState;
  events: CaseEvent[];
  trail: TrailEntry[];
}

/** Why each status refuses what it refuses, said to the person who tried. */
const STATUS_REASONS: Record<CaseState['status'], (s: CaseState) => string> = {
  preReview: () => '申请尚在预审，还没有进入受理',
  preReviewReturned: () => '申请已退回申请人修改，尚未重新提交',
  pendingAcceptance: () => '办件尚未受理',
  correction: () => '办件正在等待申请人补正材料，计时已停止',
  inProgress: () => '办件已受理，正在办理中',
  suspended: (s) => {
    const p = [...s.pauses].reverse().find((x) => x.kind === 'suspension' && !x.to);
    return `办件已暂停${p ? `（${p.reason}）` : ''}，计时已停止，须先恢复办理`;
  },
  concluded: () => '办件已办结',
  refused: () => '办件已不予受理',
  withdrawn: () => '申请人已撤回申请',
  terminated: () => '办件已终止',
};

/**
 * Applies one command to a case: `(definition, state, command, context) → transition`, or a
 * CaseError. Pure: the input state is not changed, nothing is read but the arguments. The one
 * path through which every operation passes (style.md, the Camunda lesson): status check,
 * handler, end of process, the clock during a wait for a higher level, night-work control.
 */
export function decide(
  definition: CaseDefinition,
  state: CaseState | null,
  command: CaseCommand,
  context: EngineContext,
): Transition {
  const handler = COMMAND_HANDLERS[command?.type] as
    (typeof COMMAND_HANDLERS)[keyof typeof COMMAND_HANDLERS] | undefined;
  if (!handler) throw new CaseError('invalid_command', `未知的操作「${String(command?.type)}」`);
  const prepared = prepareDefinition(definition);
  if (state === null) {
    if (!handler.starts)
      throw new CaseError('invalid_command', `办件尚不存在，不能${handler.label}`);
  } else {
    if (state.itemId !== definition.itemId || state.itemVersion !== definition.itemVersion) {
      throw new CaseError(
        'invalid_command',
        '办件须按其开始时的事项版本办理，所给的定义不是该版本',
      );
    }
    if (!handler.allowedIn.includes(state.status)) {
      throw new CaseError(
        'wrong_state',
        `不能${handler.label}：${STATUS_REASONS[state.status](state)}（当前状态：${CASE_STATUS_LABELS[state.status]}）`,
        { status: state.status },
      );
    }
  }
  // The trail is a record in time order (RUN-7): a command dated before its last entry is a
  // wrong clock, not an event to record out of order.
  const last = state?.lastEntryAt;
  if (last && context.now.getTime() < Date.parse(last)) {
    throw new CaseError(
      'time_before_trail',
      `操作时间（${context.now.toISOString()}）早于本办件最后一条操作痕迹的时间（${last}），不能倒序记录`,
      { now: context.now.toISOString(), lastEntryAt: last },
    );
  }
  const working = state === null ? placeholder() : copyState(state);
  const tx = new Tx(prepared, working, context);
  try {
    (handler.run as (tx: Tx, command: CaseCommand) => void)(tx, command);
    settleProcessEnd(tx);
    syncEscalationPause(tx);
    flagNightWork(tx);
    if (tx.entries.length) tx.state.lastEntryAt = tx.now;
  } catch (error) {
    throw asCaseError(error);
  }
  return { state: tx.state, events: tx.events, entries: tx.entries };
}

/** `decide`, with the new trail entries numbered, linked and hashed after the state's head. */
export function executeCommand(
  definition: CaseDefinition,
  state: CaseState | null,
  command: CaseCommand,
  context: EngineContext,
): CommandResult {
  const t = decide(definition, state, command, context);
  const trail = t.entries.length
    ? appendEntries({ caseId: t.state.caseId, head: t.state.trailHead }, t.entries)
    : [];
  if (trail.length) t.state.trailHead = headOf(trail);
  return { state: t.state, events: t.events, trail };
}

function placeholder(): CaseState {
  return {} as CaseState;
}

/**
 * While the case only waits for a higher level's reply (上报件, RUN-12), the county's clock
 * stands still: that time is the higher level's (docs/process.md, limits within the promise).
 */
function syncEscalationPause(tx: Tx): void {
  const { state } = tx;
  if (state.status !== 'inProgress') return;
  const waiting =
    state.tokens.some((t) => t.waiting === 'message') && !state.workItems.some(isLive);
  const open = state.pauses.find((p) => p.kind === 'escalation' && !p.to);
  if (waiting && !open) {
    state.pauses.push({ from: tx.now, kind: 'escalation', reason: '等待上级或其他部门答复' });
    refreshDeadlines(tx);
  } else if (!waiting && open) {
    open.to = tx.now;
    refreshDeadlines(tx);
  }
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** RUN-5: staff acting at night (22:00–06:00 Asia/Shanghai by default) is reported. */
function flagNightWork(tx: Tx): void {
  if (tx.actor.kind !== 'staff' || !tx.entries.length) return;
  const shanghai = new Date(tx.ctx.now.getTime() + 8 * 3600_000);
  const m = shanghai.getUTCHours() * 60 + shanghai.getUTCMinutes();
  const from = minutes(tx.rules.nightFrom);
  const to = minutes(tx.rules.nightTo);
  const night = from > to ? m >= from || m < to : m >= from && m < to;
  if (!night) return;
  tx.emit({
    type: 'suspiciousActivity',
    pattern: 'nightWork',
    userId: tx.actor.userId,
    detail: `${tx.actor.name} 于北京时间 ${shanghai.toISOString().slice(11, 16)} 办理本办件（${tx.rules.nightFrom}—${tx.rules.nightTo} 为夜间）`,
  });
}
