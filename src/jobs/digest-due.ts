// Which digest is due, computed from what the database says happened (the scheduler's first
// start and the newest claimed run), never from "now minus a week": so a restart, a skewed
// replica or a changed clock never makes up or repeats a period.
//
// Policy for missed runs (pg-boss `once`): occurrences after the first start that nobody ran
// (every instance was down) are sent once, as the latest of them; the older ones are skipped,
// and the caller logs both. A fresh install (no first start before now) owes nothing.
import type { DigestSchedule } from './digest-schedule.js';

export interface DueDigest {
  occurrence: Date;
  /** Occurrences after the base that were never run, the due one included. */
  missed: number;
  /** How long after its occurrence it runs. */
  lateMs: number;
  /** True when it runs as a catch-up: older occurrences were skipped, or it runs late. */
  catchUp: boolean;
}

export function dueDigest(
  schedule: DigestSchedule,
  now: Date,
  firstStart: string,
  lastClaimed: string | null,
  lateAfterMs: number,
): DueDigest | null {
  const latest = schedule.latestAtOrBefore(now);
  if (latest === null) return null;
  const base = lastClaimed !== null && lastClaimed > firstStart ? lastClaimed : firstStart;
  if (latest.toISOString() <= base) return null;
  const missed = schedule.countBetween(new Date(base), latest);
  const lateMs = now.getTime() - latest.getTime();
  return { occurrence: latest, missed, lateMs, catchUp: missed > 1 || lateMs > lateAfterMs };
}
