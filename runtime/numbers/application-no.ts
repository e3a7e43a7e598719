import type { CivilDate } from '../calendar/civil-date';
import {
  compactDate,
  countyProblems,
  dateProblems,
  expandDate,
  NumberFormatError,
  normaliseNumberInput,
  serialProblems,
  serialText,
  type NumberParseResult,
  type NumberProblem,
} from './parts';

/**
 * 申请编号 (RUN-11, POR-6): given to an online application when it is submitted, before any
 * department has accepted it, so it names only the county — `SQ-330303-20261122-000045`, SQ for
 * 申请. The national guideline (七(三)9) makes it the applicant's key for following an
 * application; accepted, the case gets its own 办件编号 as well.
 */
export interface ApplicationNoParts {
  countyCode: string;
  /** The submission date, Asia/Shanghai. */
  date: CivilDate;
  serial: number;
}

const APPLICATION_NO_RE = /^SQ-(\d{6})-(\d{8})-(\d{6})$/;
const APPLICATION_NO_COMPACT_RE = /^SQ-?(\d{6})(\d{8})(\d{6})$/;

function problemsOf(parts: ApplicationNoParts): NumberProblem[] {
  return [
    ...countyProblems(parts.countyCode),
    ...dateProblems(parts.date),
    ...serialProblems(parts.serial),
  ];
}

export function formatApplicationNo(parts: ApplicationNoParts): string {
  const problems = problemsOf(parts);
  if (problems.length) throw new NumberFormatError(problems);
  return `SQ-${parts.countyCode}-${compactDate(parts.date)}-${serialText(parts.serial)}`;
}

export function parseApplicationNo(input: string): NumberParseResult<ApplicationNoParts> {
  const s = normaliseNumberInput(String(input));
  const m = APPLICATION_NO_RE.exec(s) ?? APPLICATION_NO_COMPACT_RE.exec(s);
  if (!m) {
    return {
      ok: false,
      problems: [
        {
          field: 'number',
          message: `申请编号「${String(input).trim()}」应为 SQ-县级区划代码-申请日期-6 位流水号，如 SQ-330303-20261122-000045`,
        },
      ],
    };
  }
  const parts = { countyCode: m[1]!, date: expandDate(m[2]!), serial: Number(m[3]) };
  const problems = problemsOf(parts);
  return problems.length ? { ok: false, problems } : { ok: true, parts };
}

/** One counter per county and day, named like the numbers it issues (`SQ-330303-20261122`). */
export function applicationNoCounterKey(
  parts: Pick<ApplicationNoParts, 'countyCode' | 'date'>,
): string {
  const problems = [...countyProblems(parts.countyCode), ...dateProblems(parts.date)];
  if (problems.length) throw new NumberFormatError(problems);
  return `SQ-${parts.countyCode}-${compactDate(parts.date)}`;
}
