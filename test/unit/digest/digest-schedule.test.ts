// The digest schedule over a year of weeks in Europe/Amsterdam: one occurrence per week at the
// configured local time, across both DST changes, also inside the spring-forward gap and the
// doubled autumn hour.
import { describe, expect, it } from 'vitest';
import { wallTime } from '../../../src/domain/digest/period.js';
import { dueDigest } from '../../../src/jobs/digest-due.js';
import { digestSchedule, InvalidScheduleError } from '../../../src/jobs/digest-schedule.js';

const AMS = 'Europe/Amsterdam';

function yearOf(cron: string, from: string, to: string): Date[] {
  const s = digestSchedule(cron, AMS);
  const out: Date[] = [];
  for (let t = s.nextAfter(new Date(from)); t !== null && t < new Date(to); t = s.nextAfter(t)) out.push(t);
  return out;
}

describe('digest.cron in Europe/Amsterdam over 2026', () => {
  it('0 8 * * 1: 52 Mondays, each at 08:00 local', () => {
    const runs = yearOf('0 8 * * 1', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
    expect(runs).toHaveLength(52);
    for (const r of runs) expect(wallTime(r, AMS)).toMatchObject({ hour: 8, minute: 0 });
    expect(new Set(runs.map((r) => r.getUTCHours()))).toEqual(new Set([6, 7]));
  });

  it('30 2 * * 0: 52 Sundays at 02:30 local, at 03:00 on the spring-forward day, once on the doubled hour', () => {
    const runs = yearOf('30 2 * * 0', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
    expect(runs).toHaveLength(52);
    const iso = runs.map((r) => r.toISOString());
    expect(iso).toContain('2026-03-29T01:00:00.000Z'); // 03:00 CEST: 02:30 does not exist that day
    expect(iso).toContain('2026-10-25T00:30:00.000Z'); // the first 02:30 (CEST); not also 01:30Z (CET)
    expect(iso).not.toContain('2026-10-25T01:30:00.000Z');
    for (const r of runs) {
      const w = wallTime(r, AMS);
      if (r.toISOString() === '2026-03-29T01:00:00.000Z') expect(w).toMatchObject({ hour: 3, minute: 0 });
      else expect(w).toMatchObject({ hour: 2, minute: 30 });
    }
    // Consecutive runs are a week apart, give or take the hour the clocks moved.
    for (let i = 1; i < runs.length; i++) {
      const hours = ((runs[i] as Date).getTime() - (runs[i - 1] as Date).getTime()) / 3_600_000;
      expect([167, 167.5, 168, 168.5, 169]).toContain(hours);
    }
  });

  it('rejects a malformed cron with a stable code', () => {
    expect(() => digestSchedule('every monday', AMS)).toThrow(InvalidScheduleError);
  });
});

describe('which digest is due', () => {
  const s = digestSchedule('0 8 * * 1', AMS);
  const LATE = 600_000;

  it('owes nothing on a fresh install (first start now)', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    expect(dueDigest(s, now, now.toISOString(), null, LATE)).toBeNull();
  });

  it('owes the first occurrence after the first start, on time', () => {
    const due = dueDigest(s, new Date('2026-11-30T07:00:20Z'), '2026-11-25T12:00:00.000Z', null, LATE);
    expect(due).toMatchObject({ missed: 1, catchUp: false });
    expect(due?.occurrence.toISOString()).toBe('2026-11-30T07:00:00.000Z');
  });

  it('owes nothing once the latest occurrence is claimed', () => {
    expect(
      dueDigest(
        s,
        new Date('2026-12-02T12:00:00Z'),
        '2026-11-01T00:00:00.000Z',
        '2026-11-30T07:00:00.000Z',
        LATE,
      ),
    ).toBeNull();
  });

  it('after two missed weeks owes only the latest, as a catch-up', () => {
    const due = dueDigest(
      s,
      new Date('2026-12-16T10:00:00Z'),
      '2026-11-01T00:00:00.000Z',
      '2026-11-30T07:00:00.000Z',
      LATE,
    );
    expect(due?.occurrence.toISOString()).toBe('2026-12-14T07:00:00.000Z');
    expect(due).toMatchObject({ missed: 2, catchUp: true });
  });

  it('calls a single occurrence run two hours late a catch-up too', () => {
    const due = dueDigest(
      s,
      new Date('2026-11-30T09:00:00Z'),
      '2026-11-01T00:00:00.000Z',
      '2026-11-23T07:00:00.000Z',
      LATE,
    );
    expect(due).toMatchObject({ missed: 1, catchUp: true, lateMs: 2 * 3_600_000 });
  });
});
