import { CalendarNotCoveredError, civilDateOf, workingDaysElapsed } from '../calendar';
import type { Pause } from '../calendar';
import type { WorkCalendar } from '../calendar';
import type { InternalProcess } from '../catalog/item';
import type { FinalState, TrailEntry } from '../trail';

/**
 * Performance statistics (绩效统计, SUP-6): one fact record per case, derived from its trail (what
 * was done, when, by whom, at which step) and the engine's deadline; figures are aggregated from
 * the facts when asked. Facts are replaced whole whenever the case changes, so keeping them
 * current and rebuilding them from scratch run the same derivation and cannot disagree.
 */

/** One step handled (办理, 办结 or 受理 at a step): who, where, how long. */
export interface StepFact {
  nodeId: string;
  stepName: string;
  postId?: string;
  postName?: string;
  departmentId: string;
  departmentName: string;
  userId?: string;
  startedAt: string;
  endedAt: string;
  /** Working days the step took, paused days excepted; null where the calendar has no data. */
  days: number | null;
}

export interface CaseFacts {
  _id: string;
  version: number;
  countyId: string;
  itemId: string;
  itemCode: string;
  itemName: string;
  departmentId: string;
  departmentName: string;
  receivedAt: string;
  /** The civil date received (Asia/Shanghai): periods and filters read it. */
  receivedDay: string;
  acceptedAt?: string;
  refusedAt?: string;
  /** 办结, 撤回 or 终止. */
  endedAt?: string;
  finalState?: FinalState;
  /** Ended by 办结 (准予 or 不予). */
  concluded: boolean;
  /** The limit the case is held to (the promise, else the law); null while the clock stands still. */
  dueAt?: string | null;
  /** Working days from acceptance to conclusion, paused days excepted. */
  days?: number | null;
  steps: StepFact[];
  /** Steps that sent the case back (退回), by node. */
  returns: string[];
  urges: number;
  /** Trial-operation cases stay out of the figures (OPS-5). */
  trial?: boolean;
  /** A 督办 or complaint: counted against the unit it is about, not as a case handled. */
  internal?: InternalProcess;
  target?: { id: string; name: string };
}

export interface CaseFactsInput {
  caseId: string;
  version: number;
  countyId: string;
  itemId: string;
  itemCode: string;
  itemName: string;
  departmentId: string;
  departmentName: string;
  trail: readonly Pick<
    TrailEntry,
    'at' | 'action' | 'actor' | 'process' | 'application' | 'result'
  >[];
  dueAt?: string | null;
  pauses: readonly Pause[];
  trial?: boolean;
  internal?: InternalProcess;
  target?: { id: string; name: string };
}

const HANDLED = new Set(['accept', 'complete', 'conclude']);

function elapsed(
  calendar: WorkCalendar,
  from: string,
  to: string,
  pauses: readonly Pause[],
): number | null {
  try {
    return workingDaysElapsed(calendar, from, to, pauses);
  } catch (err) {
    // A year the county has not entered yet: the duration is unknown, not zero.
    if (err instanceof CalendarNotCoveredError) return null;
    throw err;
  }
}

export function caseFacts(input: CaseFactsInput, calendar: WorkCalendar): CaseFacts {
  const { trail, pauses } = input;
  const facts: CaseFacts = {
    _id: input.caseId,
    version: input.version,
    countyId: input.countyId,
    itemId: input.itemId,
    itemCode: input.itemCode,
    itemName: input.itemName,
    departmentId: input.departmentId,
    departmentName: input.departmentName,
    receivedAt: trail[0]?.at ?? '',
    receivedDay: '',
    concluded: false,
    steps: [],
    returns: [],
    urges: 0,
    ...(input.trial ? { trial: true } : {}),
    ...(input.internal ? { internal: input.internal } : {}),
    ...(input.target ? { target: { id: input.target.id, name: input.target.name } } : {}),
  };
  for (const e of trail) {
    switch (e.action) {
      case 'apply':
        facts.receivedAt = e.application?.appliedAt ?? e.at;
        break;
      case 'accept':
        facts.acceptedAt = e.at;
        break;
      case 'open':
        // 立案 (RUN-17): an ex officio case is received and taken on at once.
        facts.receivedAt = e.at;
        facts.acceptedAt = e.at;
        break;
      case 'refuse':
        facts.refusedAt = e.at;
        facts.endedAt = e.at;
        break;
      case 'conclude':
      case 'withdraw':
      case 'terminate':
        facts.endedAt = e.result?.concludedAt ?? e.at;
        if (e.result) facts.finalState = e.result.finalState;
        facts.concluded = e.action === 'conclude';
        break;
      case 'return':
        if (e.process?.step) facts.returns.push(e.process.step.id);
        break;
      case 'urge':
        facts.urges += 1;
        break;
    }
    const p = e.process;
    if (HANDLED.has(e.action) && p?.step && p.stepEndedAt) {
      const startedAt = p.stepStartedAt ?? p.stepEndedAt;
      facts.steps.push({
        nodeId: p.step.id,
        stepName: p.step.name,
        ...(e.actor.post ? { postId: e.actor.post.id, postName: e.actor.post.name } : {}),
        departmentId: p.department.id,
        departmentName: p.department.name,
        ...(e.actor.userId ? { userId: e.actor.userId } : {}),
        startedAt,
        endedAt: p.stepEndedAt,
        days: elapsed(calendar, startedAt, p.stepEndedAt, pauses),
      });
    }
  }
  facts.receivedDay = facts.receivedAt ? civilDateOf(facts.receivedAt) : '';
  if (facts.acceptedAt) facts.dueAt = input.dueAt ?? null;
  if (facts.concluded && facts.acceptedAt && facts.endedAt)
    facts.days = elapsed(calendar, facts.acceptedAt, facts.endedAt, pauses);
  return facts;
}

export const STATISTICS_DIMENSIONS = ['department', 'item', 'period', 'step', 'post'] as const;
export type StatisticsDimension = (typeof STATISTICS_DIMENSIONS)[number];

export interface StatisticsQuery {
  by: StatisticsDimension;
  /** Civil dates (Asia/Shanghai) the case was received between, inclusive. */
  from?: string;
  to?: string;
  departmentId?: string;
  itemId?: string;
  /** Periods as months (YYYY-MM) or days. */
  granularity?: 'month' | 'day';
}

/** Alerts raised on a case: yellow counts every card that was ever yellow. */
export interface CaseAlertCounts {
  yellow: number;
  red: number;
  byNode: Map<string, { yellow: number; red: number }>;
}

export interface StatisticsRow {
  key: string;
  name: string;
  /** The department of an item, step or post row. */
  departmentName?: string;
  received: number;
  accepted: number;
  refused: number;
  concluded: number;
  granted: number;
  denied: number;
  withdrawn: number;
  onTime: number;
  /** On time among the concluded, 0–1; null when none concluded. */
  onTimeRate: number | null;
  overdue: number;
  /** Steps handled (step and post rows) or cases concluded with a known duration. */
  measured: number;
  meanDays: number | null;
  p90Days: number | null;
  returned: number;
  urged: number;
  yellow: number;
  red: number;
  /** 督办 and complaints about the department (department rows and the total). */
  orders: number;
  complaints: number;
}

/** Durations are whole working days: a histogram gives the mean and percentile without sorting. */
interface Accumulator {
  row: StatisticsRow;
  hist: number[];
  sum: number;
  n: number;
}

const accumulator = (row: StatisticsRow): Accumulator => ({ row, hist: [], sum: 0, n: 0 });

function measure(a: Accumulator, days: number): void {
  a.hist[days] = (a.hist[days] ?? 0) + 1;
  a.sum += days;
  a.n += 1;
}

const emptyRow = (key: string, name: string, departmentName?: string): StatisticsRow => ({
  key,
  name,
  ...(departmentName ? { departmentName } : {}),
  received: 0,
  accepted: 0,
  refused: 0,
  concluded: 0,
  granted: 0,
  denied: 0,
  withdrawn: 0,
  onTime: 0,
  onTimeRate: null,
  overdue: 0,
  measured: 0,
  meanDays: null,
  p90Days: null,
  returned: 0,
  urged: 0,
  yellow: 0,
  red: 0,
  orders: 0,
  complaints: 0,
});

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function finish(a: Accumulator): StatisticsRow {
  const { row, hist, n } = a;
  row.measured = n;
  row.meanDays = n ? round2(a.sum / n) : null;
  row.p90Days = null;
  // The nearest rank, as `percentile` takes it from sorted values.
  const rank = Math.max(1, Math.ceil(0.9 * n));
  let seen = 0;
  for (let d = 0; n && d < hist.length; d++) {
    seen += hist[d] ?? 0;
    if (seen >= rank) {
      row.p90Days = d;
      break;
    }
  }
  row.onTimeRate = row.concluded ? round2(row.onTime / row.concluded) : null;
  return row;
}

/** Overdue: the limit ran out before the case ended, or has run out and it is still open. */
export const isOverdue = (f: CaseFacts, now: string): boolean =>
  !!f.dueAt && (f.endedAt ?? now) > f.dueAt;

export const isOnTime = (f: CaseFacts): boolean =>
  f.concluded && (!f.dueAt || (!!f.endedAt && f.endedAt <= f.dueAt));

/** Whether a case falls in the query's period and filters. */
export function inScope(f: CaseFacts, q: Omit<StatisticsQuery, 'by'>): boolean {
  if (f.trial) return false;
  if (q.departmentId && f.departmentId !== q.departmentId) return false;
  if (q.itemId && f.itemId !== q.itemId) return false;
  if (q.from && f.receivedDay < q.from) return false;
  if (q.to && f.receivedDay > q.to) return false;
  return true;
}

function addCase(
  a: Accumulator,
  f: CaseFacts,
  alerts: CaseAlertCounts | undefined,
  now: string,
): void {
  const r = a.row;
  r.received += 1;
  if (f.acceptedAt) r.accepted += 1;
  if (f.refusedAt) r.refused += 1;
  if (f.concluded) r.concluded += 1;
  if (f.finalState === 'granted') r.granted += 1;
  if (f.finalState === 'denied') r.denied += 1;
  if (f.finalState === 'withdrawn') r.withdrawn += 1;
  if (isOnTime(f)) r.onTime += 1;
  if (isOverdue(f, now)) r.overdue += 1;
  if (f.concluded && typeof f.days === 'number') measure(a, f.days);
  r.returned += f.returns.length;
  r.urged += f.urges;
  if (alerts) {
    r.yellow += alerts.yellow;
    r.red += alerts.red;
  }
}

/**
 * Figures per department, item, period, step or post over the cases in scope, with the county's
 * total. Steps and posts count the steps handled and their durations; cases, the rest.
 */
export function aggregateStatistics(
  facts: Iterable<CaseFacts>,
  q: StatisticsQuery,
  alertsOf: (caseId: string) => CaseAlertCounts | undefined,
  now: string,
): { rows: StatisticsRow[]; total: StatisticsRow } {
  const groups = new Map<string, Accumulator>();
  const total = accumulator(emptyRow('total', '合计'));
  const group = (key: string, name: () => string, departmentName?: string) => {
    let a = groups.get(key);
    if (!a) groups.set(key, (a = accumulator(emptyRow(key, name(), departmentName))));
    return a;
  };
  // Steps by item, then node: no key is built per step.
  const steps = new Map<string, Map<string, Accumulator>>();
  const stepOf = (f: CaseFacts, nodeId: string, make?: StepFact) => {
    let nodes = steps.get(f.itemId);
    if (!nodes) steps.set(f.itemId, (nodes = new Map()));
    let a = nodes.get(nodeId);
    if (!a && make) {
      const key = `${f.itemId}:${nodeId}`;
      nodes.set(
        nodeId,
        (a = accumulator(emptyRow(key, `${f.itemName}／${make.stepName}`, make.departmentName))),
      );
    }
    return a;
  };
  const days = q.granularity === 'day' ? 10 : 7;
  for (const f of facts) {
    if (!inScope(f, q)) continue;
    if (f.internal) {
      // A 督办 or complaint is about a department, not a case it handled.
      const key = f.internal === 'supervisionOrder' ? 'orders' : 'complaints';
      total.row[key] += 1;
      if (q.by === 'department' && f.target) group(f.target.id, () => f.target!.name).row[key] += 1;
      continue;
    }
    const alerts = alertsOf(f._id);
    addCase(total, f, alerts, now);
    switch (q.by) {
      case 'department':
        addCase(
          group(f.departmentId, () => f.departmentName),
          f,
          alerts,
          now,
        );
        continue;
      case 'item':
        addCase(
          group(f.itemId, () => f.itemName, f.departmentName),
          f,
          alerts,
          now,
        );
        continue;
      case 'period': {
        const key = f.receivedDay.slice(0, days);
        addCase(
          group(key, () => key),
          f,
          alerts,
          now,
        );
        continue;
      }
      case 'post':
        for (const s of f.steps) {
          if (!s.postId) continue;
          const a = group(s.postId, () => s.postName ?? s.postId!, s.departmentName);
          a.row.received += 1;
          a.row.concluded += 1;
          if (s.days !== null) measure(a, s.days);
        }
        continue;
      case 'step':
        for (const s of f.steps) {
          const a = stepOf(f, s.nodeId, s)!;
          a.row.received += 1;
          a.row.concluded += 1;
          if (s.days !== null) measure(a, s.days);
        }
        for (const nodeId of f.returns) {
          const a = stepOf(f, nodeId);
          if (a) a.row.returned += 1;
        }
        for (const [nodeId, c] of alerts?.byNode ?? []) {
          const a = stepOf(f, nodeId);
          if (!a) continue;
          a.row.yellow += c.yellow;
          a.row.red += c.red;
        }
    }
  }
  if (q.by === 'step')
    for (const nodes of steps.values()) for (const a of nodes.values()) groups.set(a.row.key, a);
  return { rows: [...groups.values()].map(finish), total: finish(total) };
}

export const STATISTICS_SORTS = [
  'received',
  'concluded',
  'onTimeRate',
  'overdue',
  'meanDays',
  'p90Days',
  'yellow',
  'red',
  'name',
] as const;
export type StatisticsSort = (typeof STATISTICS_SORTS)[number];

/** Rankings: the better performer first (fewer days, fewer cards, higher on-time rate). */
const collator = new Intl.Collator('zh-CN');
const byKey = (a: StatisticsRow, b: StatisticsRow) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function rankRows(rows: StatisticsRow[], sort: StatisticsSort): StatisticsRow[] {
  const ascending = ['meanDays', 'p90Days', 'overdue', 'yellow', 'red', 'name'].includes(sort);
  if (sort === 'name')
    return [...rows].sort((a, b) => collator.compare(a.name, b.name) || byKey(a, b));
  const value = (r: StatisticsRow) => r[sort];
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    // Rows without a figure go last whichever way the ranking runs.
    if (x === null || y === null) return x === y ? byKey(a, b) : x === null ? 1 : -1;
    return (ascending ? x - y : y - x) || byKey(a, b);
  });
}
