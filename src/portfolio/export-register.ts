// `koers export`: the whole register, ordered by id, read a page at a time and written as it
// goes (CSV with the import's columns plus id, case_id and source; or one JSON array).
import { relationshipsAfter, type StoredRelationship } from '../store/relationship-repo.js';
import type { Db } from '../store/store-handle.js';
import { csvLine } from './csv-cell.js';
import { IMPORT_COLUMNS } from './register-row.js';

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

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
  const pageSize = options.pageSize ?? 1000;
  let count = 0;
  if (format === 'csv') await write(csvLine(EXPORT_COLUMNS));
  else await write('[');
  for (let after = 0; ; ) {
    const page = await relationshipsAfter(db, after, pageSize);
    if (page.length === 0) break;
    let chunk = '';
    for (const r of page) {
      const row = exportedRow(r);
      chunk +=
        format === 'csv'
          ? csvLine(EXPORT_COLUMNS.map((c) => row[c]))
          : `${count === 0 ? '\n' : ',\n'}  ${JSON.stringify(row)}`;
      count++;
    }
    await write(chunk);
    after = Number(page[page.length - 1]?.id);
    if (page.length < pageSize) break;
  }
  if (format === 'json') await write(count === 0 ? ']\n' : '\n]\n');
  return count;
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
