// The calendar date of an instant in the organisation's time zone: what decides "today" in a
// status, a reminder's due day and the digest's week. Asked again and again for instants close
// together, it must still turn at the zone's midnight, to the millisecond.
import { describe, expect, it } from 'vitest';
import { dateIn } from '../../../src/domain/time.js';

const at = (iso: string) => new Date(iso);

describe('dateIn', () => {
  it("turns at the zone's midnight, also when asked twice in the same minute", () => {
    // Amsterdam is an hour ahead of UTC on 28 March 2026 (summer time starts the next night).
    expect(dateIn(at('2026-03-28T22:59:00.000Z'), 'Europe/Amsterdam')).toBe('2026-03-28');
    expect(dateIn(at('2026-03-28T22:59:59.999Z'), 'Europe/Amsterdam')).toBe('2026-03-28');
    expect(dateIn(at('2026-03-28T23:00:00.000Z'), 'Europe/Amsterdam')).toBe('2026-03-29');
    expect(dateIn(at('2026-03-28T22:59:59.999Z'), 'Europe/Amsterdam')).toBe('2026-03-28');
  });

  it('keeps zones apart', () => {
    const now = at('2026-12-07T23:30:00.000Z');
    expect(dateIn(now, 'Europe/Amsterdam')).toBe('2026-12-08');
    expect(dateIn(now, 'UTC')).toBe('2026-12-07');
    expect(dateIn(now, 'America/Curacao')).toBe('2026-12-07');
    expect(dateIn(now, 'Europe/Amsterdam')).toBe('2026-12-08');
  });

  it('turns mid-minute where a zone was not a whole number of minutes from UTC', () => {
    // Liberia kept 44 minutes 30 seconds behind UTC until 1972.
    expect(dateIn(at('1960-01-01T00:44:29.999Z'), 'Africa/Monrovia')).toBe('1959-12-31');
    expect(dateIn(at('1960-01-01T00:44:30.000Z'), 'Africa/Monrovia')).toBe('1960-01-01');
  });
});
