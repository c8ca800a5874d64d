// `koers import`: an existing register into the store. Two streaming passes over the file, so
// any size imports in bounded memory:
//   1. validate every row against the strategy, keeping the first bad lines and a count;
//   2. unless there are bad rows and no `skipBad`, insert the good rows in batches inside ONE
//      transaction, skipping duplicates (same partner key and owner, in the file or already in
//      the register) found by one indexed query per batch. A crash leaves nothing half-imported;
//      a dry run does the same work and rolls it back, so its counts are what a real run does.
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { appendAudit } from '../store/audit-log.js';
import type { Backend } from '../store/backend.js';
import { insertImportedRelationships, ownersOfPartnerKeys } from '../store/relationship-repo.js';
import type { Db, Tx } from '../store/store-handle.js';
import { inTentativeUnitOfWork } from '../store/tentative-unit-of-work.js';
import { type CsvSource, CsvSyntaxError, csvRecords } from './csv-records.js';
import {
  type CsvHeader,
  parseRegisterRow,
  type RegisterRow,
  type RowResult,
  readHeader,
} from './register-row.js';

export interface ImportOptions {
  /** Import the good rows when some are bad (default: import nothing). */
  skipBad?: boolean;
  /** Do everything but commit. */
  dryRun?: boolean;
  /** created_at / updated_at of the new rows, and the audit entry's time. */
  now: Date;
  /** Who imports, for the audit log. */
  actorId?: string;
  /** Rows per multi-row insert (at most ~1,500: SQLite allows 32,766 parameters a statement). */
  batchSize?: number;
  /** How many bad lines and duplicate lines to keep for the report. */
  listLimit?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Rows between two progress calls. */
  progressEvery?: number;
}

export interface ImportProgress {
  phase: 'validating' | 'importing';
  rows: number;
  /** Known while importing: the rows counted while validating. */
  total?: number;
}

export interface BadLine {
  line: number;
  problems: string[];
}

export interface ImportReport {
  /** Data rows in the file (the header not counted). */
  rows: number;
  imported: number;
  duplicates: number;
  /** The first duplicate rows' line numbers. */
  duplicateLines: number[];
  bad: number;
  /** The first bad rows, with every problem of each. */
  badLines: BadLine[];
  dryRun: boolean;
}

export type ImportResult =
  | { ok: true; report: ImportReport }
  /** Bad rows and no skipBad: nothing was written. */
  | { ok: false; reason: 'bad_rows'; report: ImportReport }
  /** The file as a whole is unusable (no header, missing columns, broken CSV): nothing written. */
  | { ok: false; reason: 'bad_file'; problems: string[] };

const DEFAULT_BATCH = 1000;
const DEFAULT_LIST_LIMIT = 100;
const DEFAULT_PROGRESS_EVERY = 1000;

type Row = { line: number; row: RegisterRow };

/** The file as a whole is unusable; internal, returned as a `bad_file` value. */
class BadFile extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export async function importRegister(
  db: Db,
  backend: Backend,
  strategy: Strategy,
  source: CsvSource,
  options: ImportOptions,
): Promise<ImportResult> {
  const listLimit = options.listLimit ?? DEFAULT_LIST_LIMIT;
  const every = options.progressEvery ?? DEFAULT_PROGRESS_EVERY;
  const report: ImportReport = {
    rows: 0,
    imported: 0,
    duplicates: 0,
    duplicateLines: [],
    bad: 0,
    badLines: [],
    dryRun: options.dryRun === true,
  };
  try {
    for await (const { line, result } of dataRows(source, strategy)) {
      report.rows++;
      if (!result.ok) {
        report.bad++;
        if (report.badLines.length < listLimit) report.badLines.push({ line, problems: result.problems });
      }
      if (report.rows % every === 0) options.onProgress?.({ phase: 'validating', rows: report.rows });
    }
    if (report.bad > 0 && !options.skipBad) return { ok: false, reason: 'bad_rows', report };

    return await inTentativeUnitOfWork(db, async (tx) => {
      await importRows(tx, backend, source, strategy, report, options);
      const result: ImportResult = { ok: true, report };
      if (options.dryRun || report.imported === 0) return { commit: false, value: result };
      await appendAudit(tx, backend, {
        at: options.now.toISOString(),
        actorId: options.actorId ?? 'cli',
        action: 'register.import',
        platform: 'cli',
        data: {
          rows: report.rows,
          imported: report.imported,
          duplicates: report.duplicates,
          bad: report.bad,
        },
      });
      return { commit: true, value: result };
    });
  } catch (err) {
    if (err instanceof BadFile) return { ok: false, reason: 'bad_file', problems: err.problems };
    throw err;
  }
}

/** Pass 2: the good rows in batches, in the caller's transaction; the file must be what pass 1 saw. */
async function importRows(
  tx: Tx,
  backend: Backend,
  source: CsvSource,
  strategy: Strategy,
  report: ImportReport,
  options: ImportOptions,
): Promise<void> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const listLimit = options.listLimit ?? DEFAULT_LIST_LIMIT;
  const every = options.progressEvery ?? DEFAULT_PROGRESS_EVERY;
  const at = options.now.toISOString();
  let rows = 0;
  let bad = 0;
  let batch: Row[] = [];
  const flush = async () => {
    const fresh = await withoutDuplicates(tx, batch, (line) => {
      report.duplicates++;
      if (report.duplicateLines.length < listLimit) report.duplicateLines.push(line);
    });
    if (fresh.length > 0)
      await insertImportedRelationships(
        tx,
        backend,
        fresh.map((r) => r.row),
        at,
      );
    report.imported += fresh.length;
    batch = [];
  };
  for await (const { line, result } of dataRows(source, strategy)) {
    rows++;
    if (result.ok) batch.push({ line, row: result.row });
    else bad++;
    if (batch.length >= batchSize) await flush();
    if (rows % every === 0) options.onProgress?.({ phase: 'importing', rows, total: report.rows });
  }
  if (batch.length > 0) await flush();
  if (rows !== report.rows || bad !== report.bad) {
    throw new BadFile(['the file changed while it was being imported: nothing was imported, try again']);
  }
}

/** The file's data rows through the row parser; a bad header or broken CSV is a BadFile. */
async function* dataRows(
  source: CsvSource,
  strategy: Strategy,
): AsyncGenerator<{ line: number; result: RowResult }> {
  let header: CsvHeader | null = null;
  try {
    for await (const record of csvRecords(source)) {
      if (header === null) {
        const h = readHeader(record.cells);
        if (!h.ok) throw new BadFile(h.problems);
        header = h.header;
        continue;
      }
      yield { line: record.line, result: parseRegisterRow(record.cells, header, strategy) };
    }
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new BadFile([err.describe()]);
    throw err;
  }
  if (header === null) throw new BadFile(['the file is empty: a header row is required']);
}

const pairOf = (partnerKey: string, owner: string) => `${partnerKey}\u0000${owner}`;

/** The rows of a batch that are neither in the register (nor earlier in this run) nor earlier in the batch. */
async function withoutDuplicates(tx: Tx, batch: Row[], onDuplicate: (line: number) => void): Promise<Row[]> {
  const keys = [...new Set(batch.map((r) => r.row.partnerKey))];
  const existing = await ownersOfPartnerKeys(tx, keys);
  const seen = new Set(existing.map((r) => pairOf(r.partner_key, r.owner_id)));
  const fresh: Row[] = [];
  for (const r of batch) {
    const pair = pairOf(r.row.partnerKey, r.row.owner);
    if (seen.has(pair)) onDuplicate(r.line);
    else {
      seen.add(pair);
      fresh.push(r);
    }
  }
  return fresh;
}
