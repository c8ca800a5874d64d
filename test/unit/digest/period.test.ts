// The digest's period and run key: DST-safe wall-clock maths in the strategy's time zone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  digestPeriod,
  digestRunKey,
  isoWeekLabel,
  localDate,
  occurrenceOfRunKey,
  shiftLocalDays,
  wallTime,
  wallTimeToUtc,
} from '../../../src/domain/digest/period.js';
import { digestSchedule } from '../../../src/jobs/digest-schedule.js';

const AMS = 'Europe/Amsterdam';
const at = (year: number, month: number, day: number, hour: number, minute = 0) => ({
  year,
  month,
  day,
  hour,
  minute,
  second: 0,
});

describe('wall-clock time to UTC', () => {
  it('reads an ordinary winter and summer time', () => {
    expect(wallTimeToUtc(at(2026, 1, 12, 8), AMS).toISOString()).toBe('2026-01-12T07:00:00.000Z');
    expect(wallTimeToUtc(at(2026, 7, 6, 8), AMS).toISOString()).toBe('2026-07-06T06:00:00.000Z');
  });

  it('takes a time in the spring-forward gap as the instant the clock jumped (02:30 -> 03:00 CEST)', () => {
    expect(wallTimeToUtc(at(2026, 3, 29, 2, 30), AMS).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(wallTimeToUtc(at(2026, 3, 8, 2, 30), 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
  });

  it('takes the doubled autumn hour at its first instant (02:30 CEST, not CET)', () => {
    expect(wallTimeToUtc(at(2026, 10, 25, 2, 30), AMS).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(wallTimeToUtc(at(2026, 10, 25, 3, 0), AMS).toISOString()).toBe('2026-10-25T02:00:00.000Z');
  });

  it('round-trips every existing wall time (property, several zones)', () => {
    const zones = [
      'Europe/Amsterdam',
      'Europe/London',
      'America/New_York',
      'Australia/Sydney',
      'Asia/Kolkata',
      'UTC',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const instant = new Date(Math.floor(ms / 60_000) * 60_000);
          const back = wallTimeToUtc(wallTime(instant, zone), zone);
          // In a doubled hour the earlier instant is chosen; otherwise the same instant comes back.
          expect(sameWallClock(back, instant, zone)).toBe(true);
          expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(instant.getTime() - back.getTime()).toBeLessThanOrEqual(3_600_000);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

function sameWallClock(a: Date, b: Date, zone: string): boolean {
  return JSON.stringify(wallTime(a, zone)) === JSON.stringify(wallTime(b, zone));
}

describe('the digest period', () => {
  it('starts a week before when no previous run is known, also across the gap', () => {
    // 03:00 (the jumped 02:30) minus seven days is 03:00 CET.
    expect(digestPeriod(new Date('2026-03-29T01:00:00.000Z'), AMS).start).toBe('2026-03-22T02:00:00.000Z');
    // A previous run more than a week (plus DST slack) before is not used.
    expect(
      digestPeriod(new Date('2026-11-23T07:00:00.000Z'), AMS, new Date('2026-11-01T07:00:00.000Z')).start,
    ).toBe('2026-11-16T07:00:00.000Z');
    // A daily schedule: since yesterday's run.
    expect(
      digestPeriod(new Date('2026-11-23T07:00:00.000Z'), AMS, new Date('2026-11-22T07:00:00.000Z')).start,
    ).toBe('2026-11-22T07:00:00.000Z');
  });

  it('is the week before the run: Monday 08:00 to Monday 08:00 local, labelled by ISO week', () => {
    const p = digestPeriod(new Date('2026-11-23T07:00:00.000Z'), AMS);
    expect(p).toEqual({
      runKey: 'digest:2026-11-23T07:00:00.000Z',
      occurrence: '2026-11-23T07:00:00.000Z',
      start: '2026-11-16T07:00:00.000Z',
      end: '2026-11-23T07:00:00.000Z',
      startDate: '2026-11-16',
      endDate: '2026-11-23',
      label: '2026-W47',
      timeZone: AMS,
    });
  });

  it('spans 167 hours across spring-forward and 169 across the autumn change', () => {
    const spring = digestPeriod(
      new Date('2026-03-30T06:00:00.000Z'),
      AMS,
      new Date('2026-03-23T07:00:00.000Z'),
    );
    expect(spring.start).toBe('2026-03-23T07:00:00.000Z');
    const autumn = digestPeriod(
      new Date('2026-10-26T07:00:00.000Z'),
      AMS,
      new Date('2026-10-19T06:00:00.000Z'),
    );
    expect(autumn.start).toBe('2026-10-19T06:00:00.000Z');
  });

  it('gives consecutive weekly runs periods that meet without gap or overlap, also for 30 2 * * 0 (property)', () => {
    for (const [cron, zone] of [
      ['30 2 * * 0', AMS],
      ['0 8 * * 1', AMS],
      ['0 9 * * 1', 'Europe/London'],
      ['30 2 * * 0', 'America/New_York'],
    ] as const) {
      const s = digestSchedule(cron, zone);
      let prev = s.nextAfter(new Date('2025-12-25T00:00:00Z')) as Date;
      for (let i = 0; i < 110; i++) {
        const next = s.nextAfter(prev) as Date;
        expect(s.periodOf(next).start, `${cron} ${zone} after ${prev.toISOString()}`).toBe(
          prev.toISOString(),
        );
        prev = next;
      }
    }
  });

  it('names runs by their occurrence in UTC and reads the occurrence back', () => {
    const d = new Date('2026-03-29T01:00:00.000Z');
    expect(digestRunKey(d)).toBe('digest:2026-03-29T01:00:00.000Z');
    expect(occurrenceOfRunKey(digestRunKey(d))?.toISOString()).toBe(d.toISOString());
    expect(occurrenceOfRunKey('digest:2026-W48')).toBeNull();
    expect(occurrenceOfRunKey('remind:case-1:step-0')).toBeNull();
  });

  it('labels ISO weeks at year ends (2026 has a week 53)', () => {
    expect(isoWeekLabel('2026-12-31')).toBe('2026-W53');
    expect(isoWeekLabel('2027-01-03')).toBe('2026-W53');
    expect(isoWeekLabel('2027-01-04')).toBe('2027-W01');
    expect(isoWeekLabel('2024-12-30')).toBe('2025-W01');
    expect(isoWeekLabel('2026-02-28')).toBe('2026-W09');
  });

  it('shifts by local days and reads local dates', () => {
    expect(shiftLocalDays(new Date('2026-03-30T06:00:00.000Z'), -84, AMS).toISOString()).toBe(
      '2026-01-05T07:00:00.000Z',
    );
    expect(localDate(new Date('2026-11-22T23:30:00.000Z'), AMS)).toBe('2026-11-23');
  });
});
