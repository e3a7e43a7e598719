import type { TimeLimit } from '../catalog/item';
import { civilDateOf, startOfDay } from '../calendar/civil-date';
import { dueAt } from '../calendar/deadline';
import type { Pause } from '../calendar/pauses';
import { remaining, type RemainingTime } from '../calendar/remaining';
import type { WorkCalendar } from '../calendar/work-calendar';
import type { IsoDuration } from '../process/duration';
import type { TimerBoundaryNode } from '../process/compiled';
import type { EngineRules } from './context';
import type { PreparedDefinition } from './definition';
import { asCaseError } from './errors';
import type { Tx } from './tx';
import { isLive, type CaseState } from './state';

/**
 * Deadlines (RUN-6) on the official calendar: the case's legal and promised limits run from
 * acceptance, each work item's from its creation, a timer's from the step's start; every clock
 * stands still during the case's pauses (补正, 暂停, the wait for a higher level's reply).
 * A year the calendar does not cover is the error `calendar_not_covered`, never a guess.
 */

function pausesOf(state: CaseState): Pause[] {
  return state.pauses.map((p) => ({ from: p.from, to: p.to ?? null }));
}

function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw asCaseError(error);
  }
}

// Without pauses a day-counted limit depends only on its start day: worth remembering, since
// every work item computes one.
const plainDue = new WeakMap<WorkCalendar, Map<string, string | null>>();

export function limitDue(
  calendar: WorkCalendar,
  start: string,
  limit: TimeLimit,
  pauses: Pause[],
  rules: EngineRules,
): string | null {
  return guarded(() => {
    const byDay = limit.unit !== 'hours' && pauses.length === 0 && !rules.counting;
    // The Shanghai day number of the start: cheaper than its civil date, and as exact.
    const day = Math.floor((Date.parse(start) + 8 * 3600_000) / 86_400_000);
    const key = byDay ? `${day}|${limit.unit}|${limit.value}` : '';
    let memo = byDay ? plainDue.get(calendar) : undefined;
    if (byDay && memo?.has(key)) return memo.get(key)!;
    const due = dueAt(calendar, { start, limit, pauses }, rules.counting);
    const text = due ? due.toISOString() : null;
    if (byDay) {
      if (!memo) plainDue.set(calendar, (memo = new Map()));
      if (memo.size > 5_000) memo.clear();
      memo.set(key, text);
    }
    return text;
  });
}

/** When a step's limit runs out, counting the case's pauses. */
export function workItemDue(tx: Tx, createdAt: string, limit: TimeLimit): string | null {
  return limitDue(tx.ctx.calendar, createdAt, limit, pausesOf(tx.state), tx.rules);
}

/**
 * A timer's duration as a limit on the calendar (decision, docs/engine.md): days and weeks are
 * working days (a week is five), a time part counts office hours (a day of a mixed duration is
 * eight of them), years and months are calendar months counted as natural days.
 */
export function timerLimit(d: IsoDuration, startedAt: string): TimeLimit {
  const timeHours = d.hours + d.minutes / 60 + d.seconds / 3600;
  if (d.years || d.months) {
    const day = civilDateOf(startedAt);
    const [y, m, dd] = day.split('-').map(Number) as [number, number, number];
    const target = new Date(Date.UTC(y + d.years, m - 1 + d.months, 1));
    const last = new Date(
      Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
    ).getUTCDate();
    target.setUTCDate(Math.min(dd, last));
    const shifted = target.toISOString().slice(0, 10);
    const days = Math.round((startOfDay(shifted) - startOfDay(day)) / 86_400_000);
    const natural = days + Math.ceil(d.days + d.weeks * 7 + timeHours / 24);
    return { value: Math.max(1, natural), unit: 'naturalDays' };
  }
  const days = d.days + d.weeks * 5;
  if (timeHours === 0 && Number.isInteger(days)) return { value: days, unit: 'workingDays' };
  const hours = Math.max(1 / 60, Math.round((days * 8 + timeHours) * 60) / 60);
  return { value: hours, unit: 'hours' };
}

export function timerFireAt(tx: Tx, boundary: TimerBoundaryNode, startedAt: string): string | null {
  return limitDue(
    tx.ctx.calendar,
    startedAt,
    timerLimit(boundary.durationParts, startedAt),
    pausesOf(tx.state),
    tx.rules,
  );
}

/** The case's limits, from acceptance (RUN-6). */
export function startCaseDeadlines(
  tx: Tx,
  acceptedAt: string,
  o: { legalOnly?: boolean } = {},
): void {
  const { legalLimit } = tx.def.def;
  const promisedLimit = o.legalOnly ? undefined : tx.def.def.promisedLimit;
  tx.state.deadlines = {};
  const pauses = pausesOf(tx.state);
  for (const [key, limit] of [
    ['legal', legalLimit],
    ['promised', promisedLimit],
  ] as const) {
    if (!limit) continue;
    tx.state.deadlines[key] = {
      limit,
      startedAt: acceptedAt,
      dueAt: limitDue(tx.ctx.calendar, acceptedAt, limit, pauses, tx.rules),
    };
  }
}

/** After a pause opens or closes: every running clock moves. */
export function refreshDeadlines(tx: Tx): void {
  const { state } = tx;
  const pauses = pausesOf(state);
  const calendar = tx.ctx.calendar;
  for (const d of [state.deadlines.legal, state.deadlines.promised]) {
    if (d) d.dueAt = limitDue(calendar, d.startedAt, d.limit, pauses, tx.rules);
  }
  for (const item of state.workItems) {
    if (!isLive(item)) continue;
    const node = tx.def.node(item.nodeId);
    if (node.kind === 'userTask') {
      item.dueAt = limitDue(calendar, item.createdAt, node.step.limit, pauses, tx.rules);
    }
  }
  for (const timer of state.timers) {
    const boundary = tx.def.node(timer.boundaryId) as TimerBoundaryNode;
    timer.fireAt = limitDue(
      calendar,
      timer.startedAt,
      timerLimit(boundary.durationParts, timer.startedAt),
      pauses,
      tx.rules,
    );
  }
}

export interface WorkItemTimeliness extends RemainingTime {
  workItemId: string;
  nodeId: string;
  stepName: string;
}

export interface CaseTimeliness {
  legal?: RemainingTime;
  promised?: RemainingTime;
  workItems: WorkItemTimeliness[];
}

/**
 * Remaining working days and normal / warning / overdue for the case and each live work item
 * at `now` (RUN-6, read by supervision SUP-2). Ended cases have nothing running.
 */
export function caseTimeliness(
  prepared: PreparedDefinition,
  state: CaseState,
  calendar: WorkCalendar,
  now: Date,
  rules: Partial<EngineRules> = {},
): CaseTimeliness {
  return guarded(() => {
    const options = { rules: rules.counting, warning: rules.warning };
    const pauses = pausesOf(state);
    const out: CaseTimeliness = { workItems: [] };
    if (state.endedAt) return out;
    for (const key of ['legal', 'promised'] as const) {
      const d = state.deadlines[key];
      if (d)
        out[key] = remaining(
          calendar,
          { start: d.startedAt, limit: d.limit, pauses },
          now,
          options,
        );
    }
    for (const item of state.workItems) {
      if (!isLive(item)) continue;
      const node = prepared.node(item.nodeId);
      if (node.kind !== 'userTask') continue;
      const left = remaining(
        calendar,
        { start: item.createdAt, limit: node.step.limit, pauses },
        now,
        options,
      );
      out.workItems.push({
        workItemId: item.id,
        nodeId: item.nodeId,
        stepName: item.name,
        ...left,
      });
    }
    return out;
  });
}
