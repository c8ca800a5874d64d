// The `--portfolio` CSV of `koers check`: read for partner, priority,
// owner and status only; ids are not checked against the strategy.
import { parse } from 'csv-parse/sync';
import type { ExistingRelationship } from '../domain/portfolio/portfolio-view.js';

export const PORTFOLIO_COLUMNS = [
  'partner',
  'partner_type',
  'priority',
  'intensity',
  'owner',
  'status',
] as const;

export type PortfolioCsvResult =
  | { ok: true; relationships: ExistingRelationship[] }
  | { ok: false; problems: string[] };

export function readPortfolioCsv(text: string): PortfolioCsvResult {
  let rows: Array<{ record: string[]; info: { lines: number } }>;
  try {
    rows = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as typeof rows;
  } catch (err) {
    return { ok: false, problems: [`not valid CSV: ${(err as Error).message}`] };
  }
  const [head, ...body] = rows;
  if (!head) return { ok: false, problems: ['the file is empty: a header row is required'] };
  const header = head.record.map((h) => h.trim().toLowerCase());
  const missing = PORTFOLIO_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) return { ok: false, problems: [`line 1: missing column(s) ${missing.join(', ')}`] };
  const at = (name: string) => header.indexOf(name);
  const problems: string[] = [];
  const relationships: ExistingRelationship[] = [];
  for (const { record, info } of body) {
    const line = info.lines;
    if (record.length < header.length) {
      problems.push(`line ${line}: ${record.length} column(s), the header has ${header.length}`);
      continue;
    }
    const cell = (name: string) => (record[at(name)] ?? '').trim();
    const status = cell('status').toLowerCase();
    if (status !== 'active' && status !== 'ended') {
      problems.push(`line ${line}: status must be active or ended, not "${cell('status')}"`);
      continue;
    }
    if (cell('partner') === '') {
      problems.push(`line ${line}: the partner is empty`);
      continue;
    }
    relationships.push({
      partner: cell('partner'),
      partnerType: cell('partner_type'),
      priority: cell('priority') === '' ? null : cell('priority'),
      intensity: cell('intensity') || undefined,
      owner: cell('owner'),
      status,
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, relationships };
}
