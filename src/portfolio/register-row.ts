// One row of an imported register, checked against the strategy: the contract's portfolio CSV
// columns plus optional unit, budget, months, start, end and review_due.
// Pure: the import streams records through it.
import { PartnerNameSchema } from '../domain/check/proposal.js';
import { partnerKey } from '../domain/portfolio/partner-key.js';
import type { RegisterRow, RelationshipStatus } from '../domain/portfolio/register-row.js';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { addMonths } from '../domain/time.js';
import { PORTFOLIO_COLUMNS } from './read-register-csv.js';

export const OPTIONAL_COLUMNS = ['unit', 'budget', 'months', 'start', 'end', 'review_due'] as const;
export const IMPORT_COLUMNS = [...PORTFOLIO_COLUMNS, ...OPTIONAL_COLUMNS] as const;
/** Written by `koers export` and ignored by the import, so an export imports as it is. */
export const EXPORT_ONLY_COLUMNS = ['id', 'case_id', 'source'] as const;

const STATUSES: ReadonlySet<string> = new Set(['active', 'ended', 'planned']);

export type { RegisterRow, RelationshipStatus };

export interface CsvHeader {
  width: number;
  index: ReadonlyMap<string, number>;
}

export type HeaderResult = { ok: true; header: CsvHeader } | { ok: false; problems: string[] };
export type RowResult = { ok: true; row: RegisterRow } | { ok: false; problems: string[] };

const KNOWN_COLUMNS: ReadonlySet<string> = new Set([...IMPORT_COLUMNS, ...EXPORT_ONLY_COLUMNS]);
const PERSON_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,99}$/;
const NUMBER = /^\d+(?:\.\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;
const MAX_UNIT = 200;

/** Reads the header row: the required columns present, no unknown or repeated ones. */
export function readHeader(
  cells: ReadonlyArray<string>,
  requiredColumns: ReadonlyArray<string> = PORTFOLIO_COLUMNS,
): HeaderResult {
  return readHeaderOf(cells, requiredColumns, KNOWN_COLUMNS);
}

export function readHeaderOf(
  cells: ReadonlyArray<string>,
  requiredColumns: ReadonlyArray<string>,
  knownColumns: ReadonlySet<string>,
): HeaderResult {
  const names = cells.map((c) => c.trim().toLowerCase());
  const problems: string[] = [];
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (index.has(name)) problems.push(`line 1: column "${name}" appears twice`);
    else if (!knownColumns.has(name)) problems.push(`line 1: unknown column "${cells[i]}"`);
    index.set(name, i);
  });
  const missing = requiredColumns.filter((c) => !index.has(c));
  if (missing.length > 0) problems.unshift(`line 1: missing column(s) ${missing.join(', ')}`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, header: { width: names.length, index } };
}

/**
 * Undoes the spreadsheet-formula neutralisation of `koers export` (a leading `'` before
 * `= + - @`, tab or CR), so an export imports as the register it came from.
 */
export function unneutralise(cell: string): string {
  return cell.length > 1 && cell[0] === "'" && '=+-@\t\r'.includes(cell[1] as string) ? cell.slice(1) : cell;
}

/** Every problem of the row at once; the caller prefixes the line number. */
export function parseRegisterRow(
  cells: ReadonlyArray<string>,
  header: CsvHeader,
  strategy: Strategy,
): RowResult {
  if (cells.length !== header.width) {
    return { ok: false, problems: [`${cells.length} column(s), the header has ${header.width}`] };
  }
  const cell = (name: string): string => {
    const i = header.index.get(name);
    return i === undefined ? '' : unneutralise(cells[i] ?? '').trim();
  };
  const problems: string[] = [];

  const name = PartnerNameSchema.safeParse(cell('partner'));
  if (!name.success) problems.push(name.error.issues[0]?.message ?? 'the partner name is not valid');

  const partnerType = cell('partner_type');
  if (partnerType === '') problems.push('the partner type is empty');
  else if (!strategy.partnerTypes.has(partnerType)) problems.push(`unknown partner type "${partnerType}"`);

  const priority = cell('priority');
  if (priority !== '' && !strategy.priorities.has(priority)) problems.push(`unknown priority "${priority}"`);

  const intensity = cell('intensity');
  if (intensity === '') problems.push('the intensity is empty');
  else if (!strategy.intensities.has(intensity)) problems.push(`unknown intensity "${intensity}"`);

  const owner = cell('owner');
  if (owner === '') problems.push('the owner is empty');
  else if (!PERSON_ID.test(owner))
    problems.push(`owner "${owner}" is not a person id (letters, digits, dot, dash, colon, @ or underscore)`);

  const status = cell('status').toLowerCase();
  if (!STATUSES.has(status))
    problems.push(`status must be active, ended or planned, not "${cell('status')}"`);

  const unit = cell('unit');
  if (unit.length > MAX_UNIT) problems.push(`the unit is longer than ${MAX_UNIT} characters`);
  else if (UNSAFE_TEXT.test(unit)) problems.push('the unit contains control or invisible characters');

  const budget = amount(cell('budget'), 'budget', problems);
  const months = amount(cell('months'), 'months', problems);
  const start = date(cell('start'), 'start', problems);
  const end = date(cell('end'), 'end', problems);
  const reviewDue = date(cell('review_due'), 'review_due', problems);
  if (start !== null && end !== null && end < start) problems.push(`end (${end}) is before start (${start})`);

  if (problems.length > 0 || !name.success) return { ok: false, problems };
  return {
    ok: true,
    row: {
      partner: name.data,
      partnerKey: partnerKey(name.data),
      partnerType,
      priority: priority === '' ? null : priority,
      intensity,
      owner,
      status: status as RelationshipStatus,
      unit: unit === '' ? null : unit,
      budget,
      months,
      start,
      end,
      // An ended relationship has nothing left to review.
      reviewDue:
        reviewDue ??
        (start !== null && status !== 'ended' ? addMonths(start, strategy.file.review.everyMonths) : null),
    },
  };
}

function amount(text: string, column: string, problems: string[]): number {
  if (text === '') return 0;
  if (!NUMBER.test(text)) {
    problems.push(`${column} must be a number of at least 0 (digits, a dot for decimals), not "${text}"`);
    return 0;
  }
  return Number(text);
}

function date(text: string, column: string, problems: string[]): string | null {
  if (text === '') return null;
  if (!isDate(text)) {
    problems.push(`${column} must be a date as YYYY-MM-DD, not "${text}"`);
    return null;
  }
  return text;
}

/** A real calendar date written as YYYY-MM-DD (2025-02-30 is not one). */
export function isDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}
