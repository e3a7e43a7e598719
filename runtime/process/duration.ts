/**
 * ISO 8601 durations for timer boundary events (e.g. `P3D`, `PT4H`, `P1DT12H`, `P2W`): what the
 * runtime adds to the time a step began to know when its timer fires.
 */
export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const num = String.raw`(\d+(?:[.,]\d+)?)`;
const PATTERN = new RegExp(
  `^P(?:${num}Y)?(?:${num}M)?(?:${num}D)?(?:T(?:${num}H)?(?:${num}M)?(?:${num}S)?)?$`,
);
const WEEKS = new RegExp(`^P${num}W$`);

const value = (text: string | undefined) => (text ? Number(text.replace(',', '.')) : 0);

/** The duration, or undefined when the text is not an ISO 8601 duration longer than zero. */
export function parseIsoDuration(text: string): IsoDuration | undefined {
  const source = text.trim();
  const weeks = WEEKS.exec(source);
  const match = weeks ? null : PATTERN.exec(source);
  if (!weeks && (!match || source.endsWith('T') || source === 'P')) return undefined;
  const [, y, mo, d, h, mi, s] = match ?? [];
  const duration: IsoDuration = {
    years: value(y),
    months: value(mo),
    weeks: value(weeks?.[1]),
    days: value(d),
    hours: value(h),
    minutes: value(mi),
    seconds: value(s),
  };
  return Object.values(duration).some((v) => v > 0) ? duration : undefined;
}
