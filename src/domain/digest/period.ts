// The digest's period and run key, in the strategy's time zone. Pure: instants are passed in.
//
// A digest run is named by its occurrence (the cron time it belongs to) in UTC: `digest:<ISO>`.
// Its period runs from the previous occurrence of the same schedule up to this one, so
// consecutive runs meet without gap or overlap, also when an occurrence was moved by a DST change
// (a weekly digest: the week before, 167 or 169 hours across a change). A period never covers more
// than a week: for a sparser schedule (or with no previous occurrence known) it starts at the same
// wall-clock time seven calendar days earlier in the time zone. A wall time that does not exist (the
// spring-forward gap) means the instant the clock jumped, one that exists twice (the autumn hour)
// its first instant: the choices croner makes for a fixed-time job.

export interface DigestPeriod {
  /** `digest:<occurrence in UTC ISO>`: the key every instance and `koers digest --send` claim. */
  runKey: string;
  /** The occurrence (the period's end), UTC ISO. */
  occurrence: string;
  /** Inclusive start, UTC ISO. */
  start: string;
  /** Exclusive end (= occurrence), UTC ISO. */
  end: string;
  /** Local calendar dates (YYYY-MM-DD) of start and end in the time zone. */
  startDate: string;
  endDate: string;
  /** ISO week of the period's middle, e.g. `2026-W47`: a label for people, never a key. */
  label: string;
  timeZone: string;
  /**
   * A running period (a preview, never claimed): it started at the latest occurrence and ends
   * now; `occurrence` and `runKey` name the run that will report on it once it is complete.
   */
  running?: true;
}

export const PERIOD_DAYS = 7;
const MINUTE_MS = 60_000;

export function digestRunKey(occurrence: Date): string {
  return `digest:${occurrence.toISOString()}`;
}

/** The occurrence a run key names, or null when it is not a digest run key. */
export function occurrenceOfRunKey(runKey: string): Date | null {
  const m = /^digest:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)$/.exec(runKey);
  if (!m) return null;
  const d = new Date(m[1] as string);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Slack for a week that crosses a DST change (and the gap shift) when comparing with a previous run. */
const WEEK_SLACK_MS = 2 * 3_600_000;

export function digestPeriod(occurrence: Date, timeZone: string, previous: Date | null = null): DigestPeriod {
  const wall = wallTime(occurrence, timeZone);
  const weekBefore = shiftLocalDays(occurrence, -PERIOD_DAYS, timeZone);
  const start =
    previous !== null &&
    previous.getTime() < occurrence.getTime() &&
    previous.getTime() >= weekBefore.getTime() - WEEK_SLACK_MS
      ? previous
      : weekBefore;
  const mid = new Date((start.getTime() + occurrence.getTime()) / 2);
  return {
    runKey: digestRunKey(occurrence),
    occurrence: occurrence.toISOString(),
    start: start.toISOString(),
    end: occurrence.toISOString(),
    startDate: ymd(wallTime(start, timeZone)),
    endDate: ymd(wall),
    label: isoWeekLabel(ymd(wallTime(mid, timeZone))),
    timeZone,
  };
}

/**
 * The running period: the one `upcoming` (the period of the next occurrence) will report on, cut
 * off at `now`. Before `upcoming` starts (a schedule sparser than weekly leaves days no period
 * covers) it is the week up to now.
 */
export function runningDigestPeriod(upcoming: DigestPeriod, now: Date): DigestPeriod {
  const start =
    upcoming.start <= now.toISOString()
      ? new Date(upcoming.start)
      : shiftLocalDays(now, -PERIOD_DAYS, upcoming.timeZone);
  return {
    ...upcoming,
    start: start.toISOString(),
    end: now.toISOString(),
    startDate: ymd(wallTime(start, upcoming.timeZone)),
    endDate: ymd(wallTime(now, upcoming.timeZone)),
    running: true,
  };
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const wallFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time of an instant in a time zone. */
export function wallTime(instant: Date, timeZone: string): WallTime {
  let f = wallFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallFormats.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of the time zone from UTC at an instant, in minutes (Amsterdam in summer: +120). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const w = wallTime(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / MINUTE_MS);
}

/**
 * The instant a wall-clock time names in a time zone. In the spring-forward gap: the first instant
 * after the gap; in the doubled autumn hour: the first of the two instants.
 */
export function wallTimeToUtc(w: WallTime, timeZone: string): Date {
  const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  // Offsets a day either side cover every DST rule in use; the earlier instant wins a tie.
  const candidates = new Set([
    offsetMinutes(new Date(naive - 86_400_000), timeZone),
    offsetMinutes(new Date(naive), timeZone),
    offsetMinutes(new Date(naive + 86_400_000), timeZone),
  ]);
  const exact = [...candidates]
    .map((off) => new Date(naive - off * MINUTE_MS))
    .filter((d) => sameWall(wallTime(d, timeZone), w))
    .sort((a, b) => a.getTime() - b.getTime());
  if (exact[0]) return exact[0];
  // In the spring-forward gap the wall time does not exist: take the instant the clock jumped.
  const before = offsetMinutes(new Date(naive - 86_400_000), timeZone);
  const after = offsetMinutes(new Date(naive + 86_400_000), timeZone);
  return new Date(transitionBetween(naive - after * MINUTE_MS, naive - before * MINUTE_MS, timeZone, before));
}

/** The first whole minute in [from, to] whose offset differs from `offsetBefore` (binary search). */
function transitionBetween(from: number, to: number, timeZone: string, offsetBefore: number): number {
  let a = Math.min(from, to) - MINUTE_MS;
  let b = Math.max(from, to);
  while (b - a > MINUTE_MS) {
    const m = Math.floor((a + b) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetMinutes(new Date(m), timeZone) === offsetBefore) a = m;
    else b = m;
  }
  return b;
}

function sameWall(a: WallTime, b: WallTime): boolean {
  return (
    a.year === b.year &&
    a.month === b.month &&
    a.day === b.day &&
    a.hour === b.hour &&
    a.minute === b.minute &&
    a.second === b.second
  );
}

function addDays(w: WallTime, days: number): Pick<WallTime, 'year' | 'month' | 'day'> {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function ymd(w: Pick<WallTime, 'year' | 'month' | 'day'>): string {
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** ISO 8601 week of a calendar date: `2026-W48` (weeks start on Monday; week 1 holds a Thursday). */
export function isoWeekLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  const weekday = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The same wall-clock time `days` calendar days away in the time zone (DST-safe). */
export function shiftLocalDays(instant: Date, days: number, timeZone: string): Date {
  const w = wallTime(instant, timeZone);
  return wallTimeToUtc({ ...w, ...addDays(w, days) }, timeZone);
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return ymd(wallTime(instant, timeZone));
}
