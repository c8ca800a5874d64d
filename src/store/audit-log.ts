// The append-only audit log with a hash chain: h_n = SHA-256(h_{n-1} ‖ row_n). The chain head is
// kept in audit_head and locked on append (FOR UPDATE on PostgreSQL; SQLite's write transaction
// is exclusive), so concurrent writers never fork the chain, and removing the newest rows is
// detected because the head no longer matches.
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Backend } from './backend.js';
import { GENESIS } from './migrations/001-initial.js';
import type { AuditLogTable, Database } from './schema.js';
import { type Db, sqlOf, type Tx, trxOf } from './store-handle.js';

/** A unit of work; a transaction of the query builder still works for the callers that hold one. */
type Unit = Tx | Transaction<Database>;

export interface AuditEntry {
  at: string;
  actorId: string;
  onBehalfOf?: string | null;
  action: string;
  caseId?: number | null;
  platform: string;
  data?: Record<string, unknown>;
}

export function rowHash(prevHash: string, row: Omit<AuditLogTable, 'prev_hash' | 'hash'>): string {
  const canonical = JSON.stringify([
    row.seq,
    row.at,
    row.actor_id,
    row.on_behalf_of,
    row.action,
    row.case_id,
    row.platform,
    row.data,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export type AuditRow = AuditLogTable;

export interface AuditHead {
  seq: number;
  hash: string;
}

/** The rows that continue the chain from `head` with `entries`, and the chain's new head. */
export function chainAudit(
  head: AuditHead,
  entries: ReadonlyArray<AuditEntry>,
): { rows: AuditRow[]; head: AuditHead } {
  const rows: AuditRow[] = [];
  let prev = head;
  for (const entry of entries) {
    const row = {
      seq: prev.seq + 1,
      at: entry.at,
      actor_id: entry.actorId,
      on_behalf_of: entry.onBehalfOf ?? null,
      action: entry.action,
      case_id: entry.caseId ?? null,
      platform: entry.platform,
      data: JSON.stringify(entry.data ?? {}),
    };
    const hash = rowHash(prev.hash, row);
    rows.push({ ...row, prev_hash: prev.hash, hash });
    prev = { seq: row.seq, hash };
  }
  return { rows, head: prev };
}

/** The chain's head, locked until the transaction ends (PostgreSQL; SQLite's writer is alone). */
export async function lockAuditHead(unit: Unit, backend: Backend): Promise<AuditHead> {
  let headQuery = trxOf(unit as Tx)
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1);
  if (backend === 'postgres') headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash };
}

export async function appendAudit(unit: Unit, backend: Backend, entry: AuditEntry): Promise<number> {
  const trx = trxOf(unit as Tx);
  const chained = chainAudit(await lockAuditHead(trx, backend), [entry]);
  await trx.insertInto('audit_log').values(chained.rows).execute();
  await trx.updateTable('audit_head').set(chained.head).where('id', '=', 1).execute();
  return chained.head.seq;
}

export type AuditVerification =
  | { ok: true; rows: number }
  | { ok: false; rows: number; seq: number | null; problem: string };

/** Walks the chain in order and names the first row that does not fit. */
export async function verifyAudit(handle: Db): Promise<AuditVerification> {
  const db = sqlOf(handle);
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!head) return { ok: false, rows: 0, seq: null, problem: 'the chain head is missing' };
  let prev = GENESIS;
  let expectedSeq = 1;
  let rows = 0;
  const pageSize = 5000;
  for (let after = 0; ; ) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const r of page) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq)
        return {
          ok: false,
          rows,
          seq: expectedSeq,
          problem: `row ${expectedSeq} is missing (next row is ${seq})`,
        };
      if (r.prev_hash !== prev)
        return { ok: false, rows, seq, problem: `row ${seq} does not follow the row before it` };
      const row = { ...r, seq, case_id: r.case_id === null ? null : Number(r.case_id) };
      if (rowHash(prev, row) !== r.hash)
        return { ok: false, rows, seq, problem: `row ${seq} was changed after it was written` };
      prev = r.hash;
      expectedSeq++;
      rows++;
      after = seq;
    }
    if (page.length < pageSize) break;
  }
  if (Number(head.seq) !== rows || head.hash !== prev) {
    return {
      ok: false,
      rows,
      seq: Number(head.seq),
      problem: `the chain ends at row ${rows} but its head says ${Number(head.seq)}: newest rows were removed`,
    };
  }
  return { ok: true, rows };
}
