import { CalendarNotCoveredError, dueAt, type WorkCalendar } from '../calendar';

/**
 * Faults of the platform (OPS-3): classed by how much of the service they take down, each class
 * with the time the operators have to respond and to restore service. Pure: the time and the
 * calendar are passed in.
 */
export const FAULT_CLASSES = ['A', 'B', 'C'] as const;
export type FaultClass = (typeof FAULT_CLASSES)[number];

export const FAULT_CLASS_LABELS: Record<FaultClass, string> = {
  A: 'A类（系统瘫痪）',
  B: 'B类（部分功能不可用）',
  C: 'C类（一般故障）',
};

export const FAULT_STATES = ['reported', 'responding', 'resolved'] as const;
export type FaultState = (typeof FAULT_STATES)[number];

export const FAULT_STATE_LABELS: Record<FaultState, string> = {
  reported: '待响应',
  responding: '处理中',
  resolved: '已恢复',
};

/**
 * A span of time: minutes on the clock (an outage runs nights and holidays too), or working days
 * on the county's calendar (a minor fault waits for office hours).
 */
export interface Span {
  value: number;
  unit: 'minutes' | 'workingDays';
}

export interface FaultTarget {
  respond: Span;
  resolve: Span;
}

export type FaultTargets = Record<FaultClass, FaultTarget>;

/**
 * The defaults (docs/operations.md): a system down is answered within a quarter of an hour and
 * restored the same half-day; part down within half an hour and a day; a minor fault within a
 * morning and five working days.
 */
export const DEFAULT_FAULT_TARGETS: FaultTargets = {
  A: { respond: { value: 15, unit: 'minutes' }, resolve: { value: 240, unit: 'minutes' } },
  B: { respond: { value: 30, unit: 'minutes' }, resolve: { value: 1440, unit: 'minutes' } },
  C: { respond: { value: 240, unit: 'minutes' }, resolve: { value: 5, unit: 'workingDays' } },
};

/** `15m`, `4h`, `5wd`: how the targets are written in FAULT_TARGETS. */
export function parseSpan(text: string): Span | undefined {
  const m = /^(\d{1,5})(m|h|wd)$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (n < 1) return undefined;
  if (m[2] === 'wd') return n <= 366 ? { value: n, unit: 'workingDays' } : undefined;
  return { value: m[2] === 'h' ? n * 60 : n, unit: 'minutes' };
}

export function spanText(s: Span): string {
  if (s.unit === 'workingDays') return `${s.value}个工作日`;
  if (s.value % 60 === 0) return `${s.value / 60}小时`;
  return `${s.value}分钟`;
}

/**
 * `A=15m/4h,B=30m/24h,C=4h/5wd`: the classes named are replaced, the others keep their default.
 * Answers the problem in Chinese instead of targets when the text is wrong.
 */
export function parseFaultTargets(text: string): FaultTargets | string {
  const targets: FaultTargets = { ...DEFAULT_FAULT_TARGETS };
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([ABC])=([^/]+)\/(.+)$/.exec(part);
    if (!m) return `「${part}」应写成 A=15m/4h 的形式（m 分钟、h 小时、wd 工作日）`;
    const respond = parseSpan(m[2]!);
    const resolve = parseSpan(m[3]!);
    if (!respond || !resolve) return `「${part}」中的时长应写成 15m、4h 或 5wd`;
    targets[m[1] as FaultClass] = { respond, resolve };
  }
  return targets;
}

/** When a span from `start` runs out; null where the calendar does not cover the days it needs. */
export function spanEnd(start: string, span: Span, calendar: WorkCalendar): string | null {
  if (span.unit === 'minutes')
    return new Date(Date.parse(start) + span.value * 60_000).toISOString();
  try {
    return (
      dueAt(calendar, {
        start,
        limit: { value: span.value, unit: 'workingDays' },
      })?.toISOString() ?? null
    );
  } catch (err) {
    if (err instanceof CalendarNotCoveredError) return null;
    throw err;
  }
}

/** What a fault's timing needs to know of it. */
export interface FaultTimes {
  faultClass: FaultClass;
  occurredAt: string;
  reportedAt: string;
  respondedAt?: string;
  resolvedAt?: string;
  /** The targets in force when it was recorded: a later change of configuration rewrites no history. */
  targets: FaultTarget;
}

export interface FaultTiming {
  respondBy: string | null;
  resolveBy: string | null;
  /** Minutes from report to response, and to restoration. */
  responseMinutes: number | null;
  resolutionMinutes: number | null;
  /** Minutes the fault lasted, from when it occurred to restoration. */
  outageMinutes: number | null;
  /**
   * true: done in time; false: done late, or not done and the time is up; null: not done and
   * still in time (or no calendar to tell).
   */
  responseMet: boolean | null;
  resolutionMet: boolean | null;
}

const minutesBetween = (a: string, b: string) =>
  Math.round((Date.parse(b) - Date.parse(a)) / 60_000);

function met(doneAt: string | undefined, by: string | null, now: string): boolean | null {
  if (!by) return null;
  if (doneAt) return doneAt <= by;
  return now > by ? false : null;
}

/**
 * Both times count from the report: the operators cannot answer a fault before they know of it.
 * The outage, from when it occurred, is shown beside them.
 */
export function faultTiming(f: FaultTimes, calendar: WorkCalendar, now: string): FaultTiming {
  const respondBy = spanEnd(f.reportedAt, f.targets.respond, calendar);
  const resolveBy = spanEnd(f.reportedAt, f.targets.resolve, calendar);
  return {
    respondBy,
    resolveBy,
    responseMinutes: f.respondedAt ? minutesBetween(f.reportedAt, f.respondedAt) : null,
    resolutionMinutes: f.resolvedAt ? minutesBetween(f.reportedAt, f.resolvedAt) : null,
    outageMinutes: f.resolvedAt ? minutesBetween(f.occurredAt, f.resolvedAt) : null,
    responseMet: met(f.respondedAt, respondBy, now),
    resolutionMet: met(f.resolvedAt, resolveBy, now),
  };
}

/** The next state a command leads to, or the reason it may not be given now. */
export function nextState(
  state: FaultState,
  command: 'respond' | 'note' | 'resolve',
): FaultState | string {
  switch (command) {
    case 'respond':
      return state === 'reported' ? 'responding' : `故障${FAULT_STATE_LABELS[state]}，不能再次响应`;
    case 'note':
      return state === 'responding'
        ? 'responding'
        : state === 'reported'
          ? '故障尚未响应，请先响应再记录处理情况'
          : '故障已恢复，不能再记录处理情况';
    case 'resolve':
      return state === 'responding'
        ? 'resolved'
        : state === 'reported'
          ? '故障尚未响应，请先响应再登记恢复'
          : '故障已恢复，不能再次登记恢复';
  }
}
