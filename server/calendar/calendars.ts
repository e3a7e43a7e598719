import { WorkCalendar } from '../../runtime/calendar';
import {
  asCalendarOverride,
  type CalendarOverrideDoc,
  type CalendarOverrideModel,
} from './override-model';

/** How long a county's calendar is trusted before its overrides are read again. */
const REFRESH_MS = 60_000;

/**
 * Each county's WorkCalendar: the official data with the county's overrides (RUN-6). Built once
 * and reused — deadlines are computed on every command — and rebuilt when this process changes
 * an override, or after a minute, so a change made by another process is seen too.
 */
export class CountyCalendars {
  private readonly cache = new Map<string, { calendar: Promise<WorkCalendar>; at: number }>();

  constructor(private readonly overrides: CalendarOverrideModel) {}

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

  private async load(countyId: string): Promise<WorkCalendar> {
    const docs = await this.overrides.find({ countyId }).lean<CalendarOverrideDoc[]>().exec();
    return WorkCalendar.official(docs.map(asCalendarOverride));
  }
}
