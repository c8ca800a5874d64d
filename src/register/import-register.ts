// `koers import`: an existing register into the store. Two streaming passes over the file, so
// any size imports in bounded memory:
//   1. validate every row against the strategy, keeping the first bad lines and a count;
//   2. unless there are bad rows and no `skipBad`, insert the good rows in batches inside ONE
//      transaction, skipping duplicates (same partner key and owner, in the file or already in
//      the register) found by one indexed query per batch. A crash leaves nothing half-imported;
//      a dry run does the same work and rolls it back, so its counts are what a real run does.
import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { appendAudit } from '../store/audit-log.js';
import type { Backend } from '../store/backend.js';
import { indexPartnerKeys } from '../store/partner-index.js';
import type { Database, RelationshipsTable } from '../store/schema.js';
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
  db: Kysely<Database>,
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

    const trx = await db.startTransaction().execute();
    try {
      await importRows(trx, backend, source, strategy, report, options);
      if (options.dryRun || report.imported === 0) {
        await trx.rollback().execute();
        return { ok: true, report };
      }
      await appendAudit(trx, backend, {
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
      await trx.commit().execute();
      return { ok: true, report };
    } catch (err) {
      await trx
        .rollback()
        .execute()
        .catch(() => {});
      throw err;
    }
  } catch (err) {
    if (err instanceof BadFile) return { ok: false, reason: 'bad_file', problems: err.problems };
    throw err;
  }
}

/** Pass 2: the good rows in batches, in the caller's transaction; the file must be what pass 1 saw. */
async function importRows(
  trx: Transaction<Database>,
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
    const fresh = await withoutDuplicates(trx, batch, (line) => {
      report.duplicates++;
      if (report.duplicateLines.length < listLimit) report.duplicateLines.push(line);
    });
    if (fresh.length > 0) await insertRows(trx, backend, fresh, at);
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
async function withoutDuplicates(
  trx: Transaction<Database>,
  batch: Row[],
  onDuplicate: (line: number) => void,
): Promise<Row[]> {
  const keys = [...new Set(batch.map((r) => r.row.partnerKey))];
  // By partner key only: relationships_partner_key serves it. With `owner_id in (...)` as well,
  // SQLite may pick relationships_owner instead and scan every row of those owners per batch.
  const existing = await trx
    .selectFrom('relationships')
    .select(['partner_key', 'owner_id'])
    .where('partner_key', 'in', keys)
    .execute();
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

/** The inserted columns and their PostgreSQL types (for unnest). */
const INSERT_COLUMNS = [
  ['partner', 'text'],
  ['partner_key', 'text'],
  ['partner_type', 'text'],
  ['priority', 'text'],
  ['intensity', 'text'],
  ['budget', 'float8'],
  ['months', 'float8'],
  ['owner_id', 'text'],
  ['unit', 'text'],
  ['status', 'text'],
  ['start_date', 'text'],
  ['end_date', 'text'],
  ['review_due', 'text'],
  ['confidential', 'int4'],
  ['source', 'text'],
  ['created_at', 'text'],
  ['updated_at', 'text'],
] as const satisfies ReadonlyArray<readonly [keyof RelationshipsTable, string]>;

type InsertRow = { [C in (typeof INSERT_COLUMNS)[number][0]]: Insertable<RelationshipsTable>[C] };

async function insertRows(
  trx: Transaction<Database>,
  backend: Backend,
  rows: Row[],
  at: string,
): Promise<void> {
  const values: InsertRow[] = rows.map(({ row }) => ({
    partner: row.partner,
    partner_key: row.partnerKey,
    partner_type: row.partnerType,
    priority: row.priority,
    intensity: row.intensity,
    budget: row.budget,
    months: row.months,
    owner_id: row.owner,
    unit: row.unit,
    status: row.status,
    start_date: row.start,
    end_date: row.end,
    review_due: row.reviewDue,
    confidential: 0,
    source: 'import',
    created_at: at,
    updated_at: at,
  }));
  await indexPartnerKeys(
    trx,
    values.map((v) => v.partner_key),
  );
  if (backend === 'sqlite') {
    await trx.insertInto('relationships').values(values).execute();
    return;
  }
  // PostgreSQL: one array parameter per column. A 1,000-row VALUES list has 17,000 parameters
  // and takes the server ~2.5 times longer to parse and plan than unnest over 17 arrays.
  const columns = sql.join(INSERT_COLUMNS.map(([c]) => sql.ref(c)));
  const arrays = sql.join(
    INSERT_COLUMNS.map(([c, type]) => sql`${values.map((v) => v[c])}::${sql.raw(type)}[]`),
  );
  await sql`insert into relationships (${columns}) select * from unnest(${arrays})`.execute(trx);
}
