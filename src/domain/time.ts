// Calendar arithmetic in the organisation's time zone. Pure: `now` is always passed in.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The last date asked per time zone, and the minute it was asked for. */
const lastDates = new Map<string, { minute: number; date: string }>();
/**
 * Since 1973 every time zone is a whole number of minutes from UTC, so a date changes only on a
 * minute's boundary; before that some were not (Liberia was 44 minutes 30 seconds behind until 1972).
 */
const WHOLE_MINUTE_OFFSETS_FROM = Date.UTC(1973, 0, 1);

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function dateIn(now: Date, timeZone: string): string {
  const ms = now.getTime();
  const minute = ms >= WHOLE_MINUTE_OFFSETS_FROM ? Math.floor(ms / 60_000) : Number.NaN;
  const last = lastDates.get(timeZone);
  if (last && last.minute === minute) return last.date;
  let f = dateFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, f);
  }
  const date = f.format(now);
  lastDates.set(timeZone, { minute, date });
  return date;
}

/** A YYYY-MM-DD date plus whole months (the last day of a shorter month when the day overflows). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + Math.trunc(months);
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
