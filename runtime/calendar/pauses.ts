import { civilDateOf, toMillis, type CivilDate, type Instant } from './civil-date';
import { CalendarInputError } from './errors';

/**
 * A stretch during which a limit's clock stands still: 补正 (waiting for the applicant's
 * materials) or 暂停 for a procedure 行政许可法第四十五条 excludes (听证、招标、拍卖、检验、检测、
 * 检疫、鉴定、专家评审). Without `to` the pause is still open: the clock is stopped now.
 */
export interface Pause {
  from: Instant;
  to?: Instant | null;
  reason?: string;
}

/** Merged pauses in epoch milliseconds, in order; an open pause has `to = Infinity`. */
export interface PauseSpan {
  from: number;
  to: number;
}

export function mergePauses(pauses: readonly Pause[] = []): PauseSpan[] {
  const spans = pauses.map((p, i) => {
    const from = toMillis(p.from, `第 ${i + 1} 段暂停的开始时间`);
    const to = p.to == null ? Infinity : toMillis(p.to, `第 ${i + 1} 段暂停的结束时间`);
    if (to < from) throw new CalendarInputError(`第 ${i + 1} 段暂停的结束早于开始`);
    return { from, to };
  });
  spans.sort((a, b) => a.from - b.from);
  const merged: PauseSpan[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else merged.push({ ...s });
  }
  return merged;
}

export const isOpen = (spans: readonly PauseSpan[]): boolean =>
  spans.length > 0 && spans[spans.length - 1]!.to === Infinity;

/**
 * For limits in days a pause takes whole days: every civil date from the day it starts to the day
 * it ends, both included — the usual wording of such rules, "自……之日起至……之日止不计入".
 * `last` is undefined while the pause is open.
 */
export interface PausedDays {
  first: CivilDate;
  last?: CivilDate;
}

export function pausedDays(spans: readonly PauseSpan[]): PausedDays[] {
  return spans.map((s) => ({
    first: civilDateOf(new Date(s.from)),
    last: s.to === Infinity ? undefined : civilDateOf(new Date(s.to)),
  }));
}

export function isPausedDay(days: readonly PausedDays[], date: CivilDate): boolean {
  return days.some((p) => p.first <= date && (p.last === undefined || date <= p.last));
}
