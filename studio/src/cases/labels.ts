import {
  DISCRETION_LEVELS,
  LIMIT_UNIT_LABELS,
  type DiscretionBenchmark,
  type LimitUnit,
} from '../../../runtime/catalog/item';
import { DEFAULT_COUNTING_RULES } from '../../../runtime/calendar/counting-rules';
import type { CancelReason, CaseStatus } from '../../../runtime/cases/state';
import type { TrailAction } from '../../../runtime/trail/entry';
import type { TimeState } from './types';

export { CASE_SOURCES, CASE_STATUS_LABELS, MITIGATIONS } from '../../../runtime/cases/state';
export { PENALTY_FIELDS } from '../../../runtime/cases/discretion';
export { DISCRETION_LEVELS, EX_OFFICIO_PROCEDURES } from '../../../runtime/catalog/item';
// Channels include 依职权立案 (exOfficio) and actions 立案 (open), RUN-17.
export {
  APPLICATION_CHANNELS,
  ID_TYPES,
  STEP_STATES,
  TRAIL_ACTIONS,
} from '../../../runtime/trail/entry';
export { EXCLUDED_TIME_KINDS, EX_OFFICIO_STAGES } from '../../../runtime/process/vocabulary';

/** 违法行为 · 情节 · 具体情节 of a benchmark row, as the engine names it in its messages. */
export function benchmarkText(
  b: Pick<DiscretionBenchmark, 'violation' | 'level' | 'circumstance'>,
): string {
  return [b.violation, b.level && DISCRETION_LEVELS[b.level], b.circumstance]
    .filter(Boolean)
    .join('·');
}

/** 10,000–30,000 元. */
export const fineRangeText = (r?: { min: number; max: number }) =>
  r ? `${r.min.toLocaleString('zh-CN')}–${r.max.toLocaleString('zh-CN')} 元` : '—';

export const STATUS_COLORS: Record<CaseStatus, string> = {
  preReview: 'cyan',
  preReviewReturned: 'orange',
  pendingAcceptance: 'blue',
  correction: 'orange',
  inProgress: 'processing',
  suspended: 'default',
  concluded: 'success',
  refused: 'error',
  withdrawn: 'default',
  terminated: 'error',
};

/** Green, yellow, red: the colours of electronic supervision's cards (SUP-2). */
export const TIME_COLORS: Record<TimeState, string> = {
  normal: 'green',
  warning: 'gold',
  overdue: 'red',
};

export const TIME_LABELS: Record<TimeState, string> = {
  normal: '正常',
  warning: '预警',
  overdue: '超期',
};

/**
 * Trail colours, as hex: antd's named "blue" is the theme's primary colour (red here), which would
 * paint every ordinary entry as an alarm. Results in green or red, steps back or stops in orange
 * or grey, everything else blue.
 */
export const TRAIL_COLOR = '#1677ff';
export const TRAIL_COLORS: Partial<Record<TrailAction, string>> = {
  accept: '#52c41a',
  open: '#52c41a',
  conclude: '#52c41a',
  refuse: '#ff4d4f',
  terminate: '#ff4d4f',
  urge: '#ff4d4f',
  withdraw: '#bfbfbf',
  suspend: '#bfbfbf',
  automatic: '#bfbfbf',
  return: '#fa8c16',
  requestCorrection: '#fa8c16',
  takeBack: '#fa8c16',
};

/** Why a work item was cancelled, shown in place of an opinion. */
export const CANCEL_REASONS: Record<CancelReason, string> = {
  returned: '已退回',
  takenBack: '已取回',
  timer: '超时自动取消',
  signingDecided: '会签已有结论',
  ended: '办件已结束',
  refused: '不予受理',
  withdrawn: '申请人已撤回',
  terminated: '办件已终止',
};

export const WORK_ITEM_STATUS: Record<string, { text: string; color: string }> = {
  open: { text: '待签收', color: 'blue' },
  claimed: { text: '办理中', color: 'processing' },
  waiting: { text: '等待加签', color: 'gold' },
  completed: { text: '已办理', color: 'success' },
  cancelled: { text: '已取消', color: 'default' },
};

/** Office hours in a working day by default (08:30–12:00, 14:00–17:30; docs/runtime-rules.md). */
const OFFICE_MINUTES_PER_DAY = DEFAULT_COUNTING_RULES.officeHours.reduce(
  (sum, p) => sum + minutesOf(p.to) - minutesOf(p.from),
  0,
);
function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * Counted office hours as working days, hours and minutes: 「1 个工作日 2 小时 45 分」, never
 * 「9.75 小时」 (issue 13). A working day is the default office day (7 hours).
 */
export function officeTimeText(hours: number, minutesPerDay = OFFICE_MINUTES_PER_DAY): string {
  const total = Math.round(Math.abs(hours) * 60);
  const days = Math.floor(total / minutesPerDay);
  const h = Math.floor((total % minutesPerDay) / 60);
  const m = total % 60;
  const parts = [days ? `${days} 个工作日` : '', h ? `${h} 小时` : '', m ? `${m} 分钟` : ''].filter(
    Boolean,
  );
  return parts.length ? parts.join(' ') : '0 分钟';
}

/** 「剩余 3 个工作日」, 「今日到期」, 「超期 2 个工作日」, 「超期 1 个工作日 2 小时 45 分钟」. */
export function remainingText(remaining: number, unit: LimitUnit): string {
  const u = LIMIT_UNIT_LABELS[unit];
  if (unit === 'hours') {
    if (remaining < 0) return `超期 ${officeTimeText(remaining)}`;
    return `剩余 ${officeTimeText(remaining)}`;
  }
  if (remaining < 0) return `超期 ${-remaining} ${u}`;
  if (remaining === 0) return '今日到期';
  return `剩余 ${remaining} ${u}`;
}

const SHANGHAI = 'Asia/Shanghai';
const parts = (iso: string) =>
  Object.fromEntries(
    new Intl.DateTimeFormat('zh-CN', {
      timeZone: SHANGHAI,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;

/** A time as the county reads it (Beijing time), whatever the browser's zone. */
export function timeText(iso: string | undefined | null): string {
  if (!iso) return '—';
  const p = parts(iso);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** A limit ends at 24:00 of its last day: shown so, not as 00:00 of the day after. */
export function dueText(iso: string | undefined | null): string {
  if (!iso) return '—';
  const p = parts(iso);
  if (p.hour === '00' && p.minute === '00') {
    const before = parts(new Date(Date.parse(iso) - 60_000).toISOString());
    return `${before.year}-${before.month}-${before.day} 24:00`;
  }
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
