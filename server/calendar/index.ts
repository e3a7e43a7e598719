/** The county's working-day calendar (RUN-6): overrides in the database, calendars built from them. */
export { CountyCalendars } from './calendars';
export { calendarAppError } from './errors';
export { calendarOverrideModel, type CalendarOverrideModel } from './override-model';
export { calendarRoutes, type CalendarDeps } from './routes';
export { officialYearModel, type OfficialYearModel } from './official-year-model';
