import { CalendarInputError, CalendarNotCoveredError } from '../../runtime/calendar';
import { AppError } from '../http/errors';

/**
 * A year the calendar does not cover is refused with the year named, never answered with a
 * Monday–Friday guess (RUN-6): 422, since the request is sound but the platform lacks the data.
 */
export function calendarAppError(err: unknown): AppError | undefined {
  if (err instanceof CalendarNotCoveredError) {
    return new AppError(422, 'calendar_not_covered', err.message, {
      year: err.year,
      coveredYears: [...err.coveredYears],
    });
  }
  if (err instanceof CalendarInputError) return new AppError(400, 'invalid_calendar', err.message);
  return undefined;
}
