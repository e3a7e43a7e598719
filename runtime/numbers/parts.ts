import { ItemCodeError, subjectCode } from '../catalog/item-code';
import { isCivilDate, type CivilDate } from '../calendar/civil-date';

/** Which part of a number is wrong, and why, in words for the person who typed it. */
export interface NumberProblem {
  field: 'number' | 'subjectCode' | 'countyCode' | 'date' | 'serial';
  message: string;
}

export type NumberParseResult<P> =
  { ok: true; parts: P } | { ok: false; problems: NumberProblem[] };

export class NumberFormatError extends Error {
  constructor(readonly problems: NumberProblem[]) {
    super(problems.map((p) => p.message).join('；'));
    this.name = 'NumberFormatError';
  }
}

/** Six digits: up to 999,999 a day per counter, far above a county's daily volume. */
export const MAX_DAILY_SERIAL = 999_999;

export function subjectProblems(code: string): NumberProblem[] {
  if (!/^\d{8}[A-Z]{2}$/.test(code)) {
    return [
      {
        field: 'subjectCode',
        message: `办理主体编码「${code}」应为 10 位：6 位县级区划代码 + 2 位乡镇编码 + 2 位大写部门代码`,
      },
    ];
  }
  try {
    subjectCode({
      countyCode: code.slice(0, 6),
      townshipCode: code.slice(6, 8),
      deptCode: code.slice(8, 10),
    });
    return [];
  } catch (err) {
    if (!(err instanceof ItemCodeError)) throw err;
    return err.problems.map((p) => ({ field: 'subjectCode', message: p.message }));
  }
}

export function countyProblems(code: string): NumberProblem[] {
  if (!/^\d{6}$/.test(code))
    return [{ field: 'countyCode', message: `县级区划代码「${code}」应为 6 位数字` }];
  return subjectProblems(`${code}00AA`).map((p) => ({ ...p, field: 'countyCode' }));
}

export function dateProblems(date: string): NumberProblem[] {
  return isCivilDate(date) && date >= '2000-01-01'
    ? []
    : [{ field: 'date', message: `日期「${date}」不是有效的日期` }];
}

export function serialProblems(serial: number): NumberProblem[] {
  return Number.isInteger(serial) && serial >= 1 && serial <= MAX_DAILY_SERIAL
    ? []
    : [{ field: 'serial', message: `流水号应为 1—${MAX_DAILY_SERIAL} 的整数，收到 ${serial}` }];
}

/** `2026-11-22` ↔ `20261122`. */
export const compactDate = (date: CivilDate): string => date.replaceAll('-', '');
export const expandDate = (digits: string): CivilDate =>
  `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;

export const serialText = (serial: number): string => String(serial).padStart(6, '0');

/**
 * What an applicant types, made comparable: spaces dropped, full-width letters and digits
 * (Chinese input methods produce them) made half-width, every kind of dash (and the IME's ——) made one '-', upper case.
 */
export function normaliseNumberInput(input: string): string {
  return input
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/-+/g, '-')
    .toUpperCase();
}
