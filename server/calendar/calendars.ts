import { WorkCalendar } from '../../runtime/calendar';
import {
  asCalendarOverride,
  type CalendarOverrideDoc,
  type CalendarOverrideModel,
} from './override-model';
import {
  asOfficialYear,
  type OfficialYearDoc,
  type OfficialYearModel,
} from './official-year-model';

/** How long a county's calendar is trusted before its overrides are read again. */
const REFRESH_MS = 60_000;

/**
 * Each county's WorkCalendar: the official data, with the years imported from the State Council's
 * notices, and the county's overrides (RUN-6). Built once and reused — deadlines are computed on
 * every command — and rebuilt when this process changes an override or imports a year, or after
 * a minute, so a change made by another process is seen too.
 */
export class CountyCalendars {
  private readonly cache = new Map<string, { calendar: Promise<WorkCalendar>; at: number }>();

  constructor(
    private readonly overrides: CalendarOverrideModel,
    /** Years entered from the State Council's notices; shared by every county. */
    private readonly officialYears?: OfficialYearModel,
  ) {}

  of(countyId: string): Promise<WorkCalendar> {
    const hit = this.cache.get(countyId);
    if (hit && Date.now() - hit.at < REFRESH_MS) return hit.calendar;
    const calendar = this.load(countyId);
    this.cache.set(countyId, { calendar, at: Date.now() });
    calendar.catch(() => this.cache.delete(countyId));
    return calendar;
  }

  invalidate(countyId: string): void {
    this.cache.delete(countyId);
  }

  /** A year's national arrangement changed: every county's calendar is rebuilt. */
  invalidateAll(): void {
    this.cache.clear();
  }

  private async load(countyId: string): Promise<WorkCalendar> {
    const [docs, years] = await Promise.all([
      this.overrides.find({ countyId }).lean<CalendarOverrideDoc[]>().exec(),
      this.officialYears
        ? this.officialYears.find({}).lean<OfficialYearDoc[]>().exec()
        : Promise.resolve([]),
    ]);
    return WorkCalendar.official(docs.map(asCalendarOverride), years.map(asOfficialYear));
  }
}
