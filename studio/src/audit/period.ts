import dayjs from 'dayjs';

/** A date-time range from a search form as the log routes take it: ISO instants. */
export function periodQuery(range: unknown): { from?: string; to?: string } {
  if (!Array.isArray(range) || range.length !== 2) return {};
  const [from, to] = range as [string | undefined, string | undefined];
  return {
    from: from ? dayjs(from).toISOString() : undefined,
    to: to ? dayjs(to).toISOString() : undefined,
  };
}
