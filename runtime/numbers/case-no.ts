import type { CivilDate } from '../calendar/civil-date';
import {
  compactDate,
  dateProblems,
  expandDate,
  NumberFormatError,
  normaliseNumberInput,
  serialProblems,
  serialText,
  subjectProblems,
  type NumberParseResult,
  type NumberProblem,
} from './parts';

/**
 * 办件编号 (RUN-11), given when a case is accepted: the handling subject's code (the first part
 * of the item code, CAT-4), the acceptance date in Asia/Shanghai, and a six-digit serial counted
 * per subject and day — `33030300AJ-20261122-000123`. Neither guideline fixes a format; this one
 * tells staff at a glance whose case it is and from which day, and an applicant reads it out
 * easily. Serials are unique per subject and day and never reused; gaps are allowed.
 */
export interface CaseNoParts {
  subjectCode: string;
  /** The acceptance date, Asia/Shanghai. */
  date: CivilDate;
  serial: number;
}

const CASE_NO_RE = /^(\d{8}[A-Z]{2})-(\d{8})-(\d{6})$/;
const CASE_NO_COMPACT_RE = /^(\d{8}[A-Z]{2})(\d{8})(\d{6})$/;

function problemsOf(parts: CaseNoParts): NumberProblem[] {
  return [
    ...subjectProblems(parts.subjectCode),
    ...dateProblems(parts.date),
    ...serialProblems(parts.serial),
  ];
}

/** Builds a case number; throws NumberFormatError naming every bad part. */
export function formatCaseNo(parts: CaseNoParts): string {
  const problems = problemsOf(parts);
  if (problems.length) throw new NumberFormatError(problems);
  return `${parts.subjectCode}-${compactDate(parts.date)}-${serialText(parts.serial)}`;
}

/**
 * Reads a case number as an applicant may type it: full-width characters, spaces, other dashes
 * or no dashes at all are accepted; anything else gets a reason.
 */
export function parseCaseNo(input: string): NumberParseResult<CaseNoParts> {
  const s = normaliseNumberInput(String(input));
  const m = CASE_NO_RE.exec(s) ?? CASE_NO_COMPACT_RE.exec(s);
  if (!m) {
    return {
      ok: false,
      problems: [
        {
          field: 'number',
          message: `办件编号「${String(input).trim()}」应为办理主体编码-受理日期-6 位流水号，如 33030300AJ-20261122-000123`,
        },
      ],
    };
  }
  const parts = { subjectCode: m[1]!, date: expandDate(m[2]!), serial: Number(m[3]) };
  const problems = problemsOf(parts);
  return problems.length ? { ok: false, problems } : { ok: true, parts };
}

/**
 * The counter a server increments for case numbers: one per subject and acceptance day, named
 * like the numbers it issues (`33030300AJ-20261122`). See docs/runtime-rules.md for how a serial
 * is claimed without two cases ever sharing one.
 */
export function caseNoCounterKey(parts: Pick<CaseNoParts, 'subjectCode' | 'date'>): string {
  const problems = [...subjectProblems(parts.subjectCode), ...dateProblems(parts.date)];
  if (problems.length) throw new NumberFormatError(problems);
  return `${parts.subjectCode}-${compactDate(parts.date)}`;
}
