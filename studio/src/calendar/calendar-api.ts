/** What the calendar routes answer (server/calendar, RUN-6). */

export interface CalendarDay {
  date: string;
  working: boolean;
  source: 'county' | 'official' | 'weekday' | 'weekend';
  name?: string;
}

export interface Coverage {
  today: string;
  coveredYears: number[];
  nextYear: number;
  nextYearCovered: boolean;
  warnFrom: string;
  nextYearMissing: boolean;
}

export interface NoticeSource {
  title: string;
  issuedOn: string;
  number?: string;
  papers?: string[];
}

export interface OfficialYearSummary {
  year: number;
  source: NoticeSource;
  format: 'holiday-cn' | 'festivals';
  holidays: number;
  workdays: number;
  enteredByName: string;
  at: string;
  version: number;
}

export interface OfficialYears {
  packageYears: number[];
  items: OfficialYearSummary[];
  countyYears: { year: number; reason: string }[];
}

export interface OfficialDay {
  date: string;
  name: string;
}

export interface Preview {
  year: number;
  holidays: OfficialDay[];
  workdays: OfficialDay[];
  source: NoticeSource;
  existing: OfficialYearSummary | null;
  inPackage: boolean;
}

export interface Festival {
  name: string;
  offFrom: string;
  offTo: string;
  workdays: string[];
}

/** The body of POST /api/calendar/official-years (and of its preview). */
export type ImportBody =
  | { format: 'holiday-cn'; file: unknown; source: NoticeSource; replace?: boolean }
  | {
      format: 'festivals';
      year: number;
      festivals: Festival[];
      source: NoticeSource;
      replace?: boolean;
    };

export interface CalendarOverride {
  id: string;
  kind: 'day' | 'year';
  date?: string;
  dayKind?: 'workday' | 'holiday';
  year?: number;
  reason: string;
  createdByName: string;
  version: number;
}

/** Said when a year is imported, so the layout's warning banner looks again. */
export const COVERAGE_CHANGED = 'calendar-coverage-changed';
