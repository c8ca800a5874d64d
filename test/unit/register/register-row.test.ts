// One imported register row against the example strategy: every problem named, defaults filled.
import { describe, expect, it } from 'vitest';
import { type CsvHeader, isDate, parseRegisterRow, readHeader } from '../../../src/portfolio/register-row.js';
import { exampleStrategy } from '../../support/example-strategy.js';

const strategy = exampleStrategy();
const COLUMNS = [
  'partner',
  'partner_type',
  'priority',
  'intensity',
  'owner',
  'status',
  'unit',
  'budget',
  'months',
  'start',
  'end',
  'review_due',
];

function header(columns = COLUMNS): CsvHeader {
  const h = readHeader(columns);
  if (!h.ok) throw new Error(h.problems.join('\n'));
  return h.header;
}

const GOOD: Record<string, string> = {
  partner: 'TU Delft',
  partner_type: 'knowledge-institution',
  priority: 'energy-transition',
  intensity: 'programme',
  owner: 'u-carla',
  status: 'active',
  unit: 'Energie en Klimaat',
  budget: '180000',
  months: '',
  start: '2024-03-01',
  end: '',
  review_due: '',
};

const row = (over: Record<string, string> = {}) =>
  parseRegisterRow(
    COLUMNS.map((c) => over[c] ?? GOOD[c] ?? ''),
    header(),
    strategy,
  );
const problems = (over: Record<string, string>) => {
  const r = row(over);
  return r.ok ? [] : r.problems;
};

describe('readHeader', () => {
  it('needs the contract columns and takes them in any order and case', () => {
    expect(readHeader(['Owner', 'PARTNER', 'partner_type', 'priority', 'intensity', 'status']).ok).toBe(true);
    expect(readHeader(['partner', 'owner'])).toEqual({
      ok: false,
      problems: ['line 1: missing column(s) partner_type, priority, intensity, status'],
    });
  });

  it('refuses unknown and repeated columns, and accepts the columns an export adds', () => {
    expect(readHeader([...COLUMNS, 'reveiw_due', 'unit'])).toEqual({
      ok: false,
      problems: ['line 1: unknown column "reveiw_due"', 'line 1: column "unit" appears twice'],
    });
    expect(readHeader(['id', ...COLUMNS, 'case_id', 'source']).ok).toBe(true);
  });
});

describe('parseRegisterRow', () => {
  it('reads a good row, with the partner key and review_due = start + review.everyMonths', () => {
    expect(row()).toEqual({
      ok: true,
      row: {
        partner: 'TU Delft',
        partnerKey: 'tu delft',
        partnerType: 'knowledge-institution',
        priority: 'energy-transition',
        intensity: 'programme',
        owner: 'u-carla',
        status: 'active',
        unit: 'Energie en Klimaat',
        budget: 180000,
        months: 0,
        start: '2024-03-01',
        end: null,
        reviewDue: `${2024 + strategy.file.review.everyMonths / 12}-03-01`,
      },
    });
  });

  it('reads an empty priority as exploration and keeps a given review_due', () => {
    const r = row({ priority: '', review_due: '2025-01-01' });
    expect(r.ok && r.row.priority).toBeNull();
    expect(r.ok && r.row.reviewDue).toBe('2025-01-01');
  });

  it('gives an ended relationship no review date unless the file has one', () => {
    const r = row({ status: 'Ended' });
    expect(r.ok && [r.row.status, r.row.reviewDue]).toEqual(['ended', null]);
  });

  it.each([
    [{ priority: 'energie' }, 'unknown priority "energie"'],
    [{ partner_type: 'bank' }, 'unknown partner type "bank"'],
    [{ intensity: 'marriage' }, 'unknown intensity "marriage"'],
    [{ status: 'paused' }, 'status must be active, ended or planned, not "paused"'],
    [{ partner: '  ' }, 'the partner name is empty'],
    [{ partner: 'TU\u200bDelft' }, 'the partner name contains control or invisible characters'],
    [{ partner: 'x'.repeat(201) }, 'the partner name is longer than 200 characters'],
    [{ owner: '' }, 'the owner is empty'],
    [
      { owner: 'Carla Jansen' },
      'owner "Carla Jansen" is not a person id (letters, digits, dot, dash, colon, @ or underscore)',
    ],
    [{ budget: '-5' }, 'budget must be a number of at least 0 (digits, a dot for decimals), not "-5"'],
    [
      { months: 'twelve' },
      'months must be a number of at least 0 (digits, a dot for decimals), not "twelve"',
    ],
    [{ start: '2025-02-30' }, 'start must be a date as YYYY-MM-DD, not "2025-02-30"'],
    [{ review_due: '01-03-2026' }, 'review_due must be a date as YYYY-MM-DD, not "01-03-2026"'],
    [{ end: '2024-01-01' }, 'end (2024-01-01) is before start (2024-03-01)'],
  ])('refuses %j: %s', (over, message) => {
    expect(problems(over)).toEqual([message]);
  });

  it('lists every problem of a row at once', () => {
    expect(problems({ priority: 'energie', budget: '-1' })).toHaveLength(2);
  });

  it('refuses a row with a different number of columns than the header', () => {
    expect(parseRegisterRow(['TU Delft', 'x'], header(), strategy)).toEqual({
      ok: false,
      problems: ['2 column(s), the header has 12'],
    });
  });

  it("undoes the export's formula neutralising", () => {
    const r = row({ partner: '\'=HYPERLINK("http://evil.example")' });
    expect(r.ok && r.row.partner).toBe('=HYPERLINK("http://evil.example")');
  });
});

describe('isDate', () => {
  it('accepts real calendar dates only', () => {
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2023-02-29')).toBe(false);
    expect(isDate('2024-13-01')).toBe(false);
    expect(isDate('2024-1-01')).toBe(false);
  });
});
