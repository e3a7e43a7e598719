/**
 * A computation needed a day of a year whose holidays and adjusted workdays nobody has supplied.
 * Guessing Monday–Friday there would give wrong deadlines around every holiday, so it is refused.
 */
export class CalendarNotCoveredError extends Error {
  constructor(
    readonly year: number,
    readonly coveredYears: readonly number[],
  ) {
    const range = coveredYears.length
      ? `现有 ${describeYears(coveredYears)} 年的数据`
      : '尚无任何年份的数据';
    super(
      `${year} 年的节假日和调休安排不在工作日历中（${range}），无法计算期限；` +
        `请系统管理员在「日历管理」中导入国务院办公厅关于 ${year} 年部分节假日安排的通知`,
    );
    this.name = 'CalendarNotCoveredError';
  }
}

/** Bad input to the calendar: a malformed date, an unordered pause, an impossible limit … */
export class CalendarInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarInputError';
  }
}

/** `2004—2026`, or `2004—2026、2028` when there are gaps. */
export function describeYears(years: readonly number[]): string {
  const sorted = [...years].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(j > i ? `${sorted[i]}—${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return runs.join('、');
}
