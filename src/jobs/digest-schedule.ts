// The digest's cron in the strategy's time zone (croner). croner treats a fixed time such as
// `30 2 * * 0` as a fixed-time job: inside the spring-forward gap it runs once when the clock has
// jumped (03:00), and in the doubled autumn hour once, at the first 02:30. Occurrences are
// computed from instants the caller gives (its clock and the last claimed run), never from "now".
import { Cron } from 'croner';
import { type DigestPeriod, digestPeriod, runningDigestPeriod } from '../domain/digest/period.js';

export interface DigestSchedule {
  cron: string;
  timeZone: string;
  /** The latest occurrence at or before `instant`, or null. */
  latestAtOrBefore(instant: Date): Date | null;
  /** The first occurrence strictly after `instant`, or null. */
  nextAfter(instant: Date): Date | null;
  /** Occurrences in (after, upTo], counted up to `cap`. */
  countBetween(after: Date, upTo: Date, cap?: number): number;
  /** The period a run at `occurrence` reports on: from the previous occurrence (at most a week). */
  periodOf(occurrence: Date): DigestPeriod;
  /** The period running at `now`, from its start up to `now`; null when no occurrence follows. */
  runningAt(now: Date): DigestPeriod | null;
}

export class InvalidScheduleError extends Error {
  readonly code = 'KOERS_DIGEST_CRON';
}

const cache = new Map<string, DigestSchedule>();

export function digestSchedule(cron: string, timeZone: string): DigestSchedule {
  const key = `${timeZone} ${cron}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let job: Cron;
  try {
    job = new Cron(cron, { timezone: timeZone, paused: true });
  } catch (err) {
    throw new InvalidScheduleError(`digest.cron "${cron}" in ${timeZone}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const schedule: DigestSchedule = {
    cron,
    timeZone,
    // croner's previousRuns is exclusive of its reference: one millisecond later includes it.
    latestAtOrBefore: (instant) => job.previousRuns(1, new Date(instant.getTime() + 1))[0] ?? null,
    nextAfter: (instant) => job.nextRun(instant),
    periodOf: (occurrence) => digestPeriod(occurrence, timeZone, job.previousRuns(1, occurrence)[0] ?? null),
    runningAt(now) {
      const next = job.nextRun(now);
      return next === null ? null : runningDigestPeriod(schedule.periodOf(next), now);
    },
    countBetween(after, upTo, cap = 1000) {
      let n = 0;
      let t = job.nextRun(after);
      while (t !== null && t.getTime() <= upTo.getTime() && n < cap) {
        n++;
        t = job.nextRun(t);
      }
      return n;
    },
  };
  if (cache.size > 50) cache.clear();
  cache.set(key, schedule);
  return schedule;
}
