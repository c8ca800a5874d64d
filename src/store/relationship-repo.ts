// The register's relationships: the one place that writes them (a decided case's relationship,
// an imported register, the demo's review dates) and reads them back a page at a time. Every new
// relationship's partner key is indexed in the same unit of work (partner-index.ts).
import { type Insertable, type Selectable, sql } from 'kysely';
import type { Proposal } from '../domain/check/proposal.js';
import type { RegisterRow, RelationshipStatus } from '../domain/portfolio/register-row.js';
import type { Backend } from './backend.js';
import { indexPartnerKeys, partnerIndexRows } from './partner-index.js';
import { proposalColumns } from './proposal-columns.js';
import type { RelationshipsTable } from './schema.js';
import { type Db, sqlOf, type Tx, trxOf } from './store-handle.js';
import type { WriteBatch } from './write-batch.js';

export type { RelationshipStatus };

/** The relationship a decided case registers; `unit` is the owner's unit in the directory. */
export interface CaseRelationship {
  proposal: Proposal;
  caseId: number;
  source: 'check' | 'exception';
  unit: string | null;
  startDate: string;
  endDate: string | null;
  reviewDue: string;
  at: string;
}

/** A row of an imported register, validated. */
export type ImportedRelationship = RegisterRow;

/** A relationship as the register holds it. */
export type StoredRelationship = Selectable<RelationshipsTable>;

/** The register's row for a decided case. */
export function caseRelationshipRow(r: CaseRelationship): Insertable<RelationshipsTable> {
  const p = r.proposal;
  return {
    ...proposalColumns(p),
    owner_id: p.requester.id,
    unit: r.unit,
    status: 'active',
    start_date: r.startDate,
    end_date: r.endDate,
    review_due: r.reviewDue,
    case_id: r.caseId,
    direction: p.direction,
    confidential: p.confidential ? 1 : 0,
    source: r.source,
    created_at: r.at,
    updated_at: r.at,
  };
}

/** Adds a decided case's relationship to the register (one per case: a unique index). */
export async function addCaseRelationship(tx: Tx, r: CaseRelationship): Promise<void> {
  const row = caseRelationshipRow(r);
  const trx = trxOf(tx);
  await trx.insertInto('relationships').values(row).execute();
  await indexPartnerKeys(trx, [row.partner_key]);
}

/** The same, as writes of a batch (write-batch.ts): the row, and its partner key's index rows. */
export function batchCaseRelationship(batch: WriteBatch<'cases'>, r: CaseRelationship): void {
  const row = caseRelationshipRow(r);
  batch
    .insert('relationships', [row])
    .insert('partner_words', partnerIndexRows([row.partner_key]), { ignoreDuplicates: true });
}

/** The (partner key, owner) pairs the register has for these partner keys. */
export function ownersOfPartnerKeys(
  tx: Tx,
  keys: ReadonlyArray<string>,
): Promise<Array<{ partner_key: string; owner_id: string }>> {
  // By partner key only: relationships_partner_key serves it. With `owner_id in (...)` as well,
  // SQLite may pick relationships_owner instead and scan every row of those owners per batch.
  return trxOf(tx)
    .selectFrom('relationships')
    .select(['partner_key', 'owner_id'])
    .where('partner_key', 'in', [...keys])
    .execute();
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

/** Inserts imported rows (source `import`, not confidential) and indexes their partner keys. */
export async function insertImportedRelationships(
  tx: Tx,
  backend: Backend,
  rows: ReadonlyArray<ImportedRelationship>,
  at: string,
): Promise<void> {
  const trx = trxOf(tx);
  const values: InsertRow[] = rows.map((row) => ({
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

/** Imported relationships whose review date lies before `today` get `reviewDue` instead. */
export async function postponeOverdueImportedReviews(
  db: Db,
  today: string,
  reviewDue: string,
): Promise<void> {
  await sqlOf(db)
    .updateTable('relationships')
    .set({ review_due: reviewDue })
    .where('source', '=', 'import')
    .where('review_due', '<', today)
    .execute();
}

/** Up to `pageSize` relationships with an id above `after`, in id order. */
export async function relationshipsAfter(
  db: Db,
  after: number,
  pageSize: number,
): Promise<StoredRelationship[]> {
  const rows = await sqlOf(db)
    .selectFrom('relationships')
    .selectAll()
    .where('id', '>', after)
    .orderBy('id')
    .limit(pageSize)
    .execute();
  return rows;
}
