import { addDays, civilDateOf, type WorkCalendar } from '../../runtime/calendar';
import type { CaseDoc } from '../../server/cases/case-model';
import type { Alert } from '../../server/supervision';

/**
 * SUP-6's figures computed here, apart from the platform's code: straight from the stored trails,
 * the engine's deadline and the alerts, working days counted by hand day by day. Tests compare
 * what the statistics answer (API and page) with these.
 */
export interface Figures {
  received: number;
  accepted: number;
  concluded: number;
  granted: number;
  denied: number;
  onTime: number;
  onTimeRate: number | null;
  overdue: number;
  urged: number;
  yellow: number;
  red: number;
  meanDays: number | null;
  p90Days: number | null;
}

export const FIGURE_KEYS: (keyof Figures)[] = [
  'received',
  'accepted',
  'concluded',
  'granted',
  'denied',
  'onTime',
  'onTimeRate',
  'overdue',
  'urged',
  'yellow',
  'red',
  'meanDays',
  'p90Days',
];

export const pickFigures = (row: object) =>
  Object.fromEntries(FIGURE_KEYS.map((k) => [k, (row as Record<string, unknown>)[k]]));

interface Tally extends Omit<Figures, 'onTimeRate' | 'meanDays' | 'p90Days'> {
  days: number[];
}

const blank = (): Tally => ({
  received: 0,
  accepted: 0,
  concluded: 0,
  granted: 0,
  denied: 0,
  onTime: 0,
  overdue: 0,
  urged: 0,
  yellow: 0,
  red: 0,
  days: [],
});

/** Working days in (from, to], skipping any day a pause touched. */
function daysByHand(
  calendar: WorkCalendar,
  from: string,
  to: string,
  pauses: { from: string; to?: string | null }[],
) {
  const touched = new Set<string>();
  for (const p of pauses) {
    if (p.from >= to) continue;
    const last = civilDateOf(p.to && p.to < to ? p.to : to);
    for (let d = civilDateOf(p.from); d <= last; d = addDays(d, 1)) touched.add(d);
  }
  let n = 0;
  const end = civilDateOf(to);
  for (let d = addDays(civilDateOf(from), 1); d <= end; d = addDays(d, 1))
    if (calendar.isWorkingDay(d) && !touched.has(d)) n += 1;
  return n;
}

function figures(t: Tally): Figures {
  const sorted = [...t.days].sort((a, b) => a - b);
  const { days: _days, ...counts } = t;
  return {
    ...counts,
    onTimeRate: t.concluded ? Math.round((t.onTime / t.concluded) * 100) / 100 : null,
    meanDays: sorted.length
      ? Math.round((sorted.reduce((s, x) => s + x, 0) / sorted.length) * 100) / 100
      : null,
    p90Days: sorted.length ? sorted[Math.ceil(0.9 * sorted.length) - 1]! : null,
  };
}

/** The figures per handling department and for the county. */
export function expectedStatistics(
  docs: CaseDoc[],
  alerts: Alert[],
  calendar: WorkCalendar,
  now: string,
): { groups: Map<string, Figures>; total: Figures } {
  const tallies = new Map<string, Tally>();
  const total = blank();
  for (const d of docs) {
    const g = tallies.get(d.handlingDepartmentId) ?? blank();
    tallies.set(d.handlingDepartmentId, g);
    // 立案 (RUN-17): an ex officio case is taken on when it is opened.
    const accept = d.trail.find((e) => e.action === 'accept' || e.action === 'open');
    const conclude = d.trail.find((e) => e.action === 'conclude');
    const concludedAt = conclude && (conclude.result?.concludedAt ?? conclude.at);
    const ended = d.trail.find((e) =>
      ['conclude', 'withdraw', 'terminate', 'refuse'].includes(e.action),
    );
    const endedAt = ended ? (ended.result?.concludedAt ?? ended.at) : undefined;
    const due = (d.state.deadlines.promised ?? d.state.deadlines.legal)?.dueAt ?? null;
    const mine = alerts.filter((a) => a.caseId === d._id);
    for (const x of [g, total]) {
      x.received += 1;
      if (accept) x.accepted += 1;
      if (conclude) x.concluded += 1;
      if (conclude?.result?.finalState === 'granted') x.granted += 1;
      if (conclude?.result?.finalState === 'denied') x.denied += 1;
      if (concludedAt && (!due || concludedAt <= due)) x.onTime += 1;
      if (accept && due && (endedAt ?? now) > due) x.overdue += 1;
      x.urged += d.trail.filter((e) => e.action === 'urge').length;
      x.yellow += mine.filter((a) => a.level === 'yellow' || a.escalatedAt).length;
      x.red += mine.filter((a) => a.level === 'red').length;
      if (concludedAt && accept)
        x.days.push(daysByHand(calendar, accept.at, concludedAt, d.state.pauses));
    }
  }
  return {
    groups: new Map([...tallies].map(([k, t]) => [k, figures(t)])),
    total: figures(total),
  };
}
