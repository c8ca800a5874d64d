// `koers export`: the whole register, ordered by id, read a page at a time and written as it
// goes (CSV with the import's columns plus id, case_id and source; or one JSON array).
import { relationshipsAfter, type StoredRelationship } from '../store/relationship-repo.js';
import type { Db } from '../store/store-handle.js';
import { csvLine } from './csv-cell.js';
import { IMPORT_COLUMNS } from './register-row.js';
import { type ExportFormat, writeExport } from './write-export.js';

export { EXPORT_FORMATS, type ExportFormat } from './write-export.js';

/** The import's columns plus id, case_id and source (register-row.ts EXPORT_ONLY_COLUMNS: ignored on import). */
export const EXPORT_COLUMNS = ['id', ...IMPORT_COLUMNS, 'case_id', 'source'] as const;
type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export type ExportedRelationship = Record<ExportColumn, string | number | null>;

export interface ExportOptions {
  /** Rows read per query (default 1,000). */
  pageSize?: number;
}

/** Writes the register in `format` through `write` (awaited: back-pressure); returns the row count. */
export async function exportRegister(
  db: Db,
  format: ExportFormat,
  write: (chunk: string) => void | Promise<void>,
  options: ExportOptions = {},
): Promise<number> {
  return writeExport(
    {
      header: csvLine(EXPORT_COLUMNS),
      pageAfter: async (after, size) =>
        (await relationshipsAfter(db, after, size)).map((r) => ({ id: Number(r.id), item: exportedRow(r) })),
      csv: (row) => csvLine(EXPORT_COLUMNS.map((c) => row[c])),
      json: (row) => `  ${JSON.stringify(row)}`,
    },
    format,
    write,
    options.pageSize,
  );
}

export function exportedRow(r: StoredRelationship): ExportedRelationship {
  return {
    id: Number(r.id),
    partner: r.partner,
    partner_type: r.partner_type,
    priority: r.priority,
    intensity: r.intensity,
    owner: r.owner_id,
    status: r.status,
    unit: r.unit,
    budget: Number(r.budget),
    months: Number(r.months),
    start: r.start_date,
    end: r.end_date,
    review_due: r.review_due,
    case_id: r.case_id === null ? null : Number(r.case_id),
    source: r.source,
  };
}
