import chineseDays from 'chinese-days/dist/chinese-days.json';

/**
 * The State Council's holiday arrangements (国务院办公厅关于部分节假日安排的通知), as published
 * in chinese-days: `holidays` are days off (including weekends inside a holiday), `workdays` are
 * adjusted working days (调休上班, often a Saturday or Sunday). Values read "English,中文,n".
 */
export interface OfficialCalendarData {
  holidays: Readonly<Record<string, string>>;
  workdays: Readonly<Record<string, string>>;
  /** Years whose arrangement the data holds; any other year is refused, not guessed. */
  coveredYears: readonly number[];
}

/**
 * A year is covered when the data holds its Spring Festival: every yearly notice includes it, and
 * chinese-days has no entry at all for years it lacks (it answers them as plain Monday–Friday).
 * Counting on 春节 rather than on any key also ignores a stray late-December date that a notice
 * for the following year may carry (e.g. 2018-12-29 from the 2019 notice).
 */
export function yearsWithSpringFestival(holidays: Readonly<Record<string, string>>): number[] {
  const years = new Set<number>();
  for (const [date, name] of Object.entries(holidays)) {
    if (name.includes('春节')) years.add(Number(date.slice(0, 4)));
  }
  return [...years].sort((a, b) => a - b);
}

let cached: OfficialCalendarData | undefined;

/** chinese-days' data, read once. */
export function officialCalendarData(): OfficialCalendarData {
  if (!cached) {
    const { holidays, workdays } = chineseDays as {
      holidays: Record<string, string>;
      workdays: Record<string, string>;
    };
    cached = Object.freeze({
      holidays,
      workdays,
      coveredYears: Object.freeze(yearsWithSpringFestival(holidays)),
    });
  }
  return cached;
}
