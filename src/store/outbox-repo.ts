// The outbox as its dispatcher reads and marks it: which claimers hold due rows, claiming a batch
// of due rows under a lease (SKIP LOCKED on PostgreSQL, so several instances share the work),
// settling a row once its delivery was tried, and the backlog for /metrics and the shutdown drain.
import { type Selectable, sql } from 'kysely';
import type { Backend } from './backend.js';
import { literalLimit } from './literal-limit.js';
import { preparedRows } from './prepared-query.js';
import type { OutboxTable } from './schema.js';
import { type Db, sqlOf } from './store-handle.js';

/** One outbox row as stored (ids and counters as numbers or, on PostgreSQL, digit strings). */
export type StoredOutboxRow = Selectable<OutboxTable>;

/** What one delivery attempt writes on its row (the lease is always given back with it). */
export interface OutboxSettlement {
  status?: 'sent' | 'dead' | 'skipped';
  sent_at?: string;
  platform_ref?: string | null;
  attempts?: number;
  last_error?: string | null;
  next_attempt_at?: string;
}

/**
 * When this platform's first pending row falls due (null: none is pending), read as the hot reads
 * are (prepared-query.ts; on SQLite kept while the database is unchanged): a dispatcher woken
 * with nothing due answers from it without taking the write lock.
 */
export async function firstDueAt(handle: Db, platform: string): Promise<string | null> {
  const db = sqlOf(handle);
  const [row] = await preparedRows(db, 'outbox-first-due', ['pending', platform], () =>
    db
      .selectFrom('outbox')
      .select((eb) => eb.fn.min('next_attempt_at').as('due'))
      .where('status', '=', 'pending')
      .where('platform', '=', platform),
  );
  return row?.due ?? null;
}

/** Other claimers (at most ten) of this platform's due rows whose leases have not ended yet. */
export async function claimersInLease(
  db: Db,
  o: { platform: string; nowIso: string; workerId: string },
): Promise<Array<string | null>> {
  const rows = await sqlOf(db)
    .selectFrom('outbox')
    .select('locked_by')
    .distinct()
    .where('status', '=', 'pending')
    .where('platform', '=', o.platform)
    .where('next_attempt_at', '<=', o.nowIso)
    .where('locked_until', '>=', o.nowIso)
    .where('locked_by', '<>', o.workerId)
    .limit(literalLimit(10))
    .execute();
  return rows.map((r) => r.locked_by);
}

export interface OutboxClaim {
  platform: string;
  nowIso: string;
  /** The end of the lease taken. */
  until: string;
  workerId: string;
  /** Claimers known to be gone: their rows are taken over before their leases end. */
  gone: ReadonlyArray<string>;
  batchSize: number;
  /** Only these rows (by dedupe key); absent: every due row. */
  dedupeKeys?: ReadonlyArray<string>;
  backend: Backend;
}

/** Claims up to a batch of due rows in one transaction and answers them, in id order. */
export function claimDueOutboxRows(db: Db, c: OutboxClaim): Promise<StoredOutboxRow[]> {
  return sqlOf(db)
    .transaction()
    .execute(async (trx) => {
      let q = trx
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('platform', '=', c.platform)
        .where('next_attempt_at', '<=', c.nowIso)
        .where((eb) =>
          eb.or([
            eb('locked_until', 'is', null),
            eb('locked_until', '<', c.nowIso),
            ...(c.gone.length > 0 ? [eb('locked_by', 'in', [...c.gone])] : []),
          ]),
        )
        .orderBy('id')
        .limit(literalLimit(c.batchSize));
      if (c.dedupeKeys) {
        if (c.dedupeKeys.length === 0) return [];
        q = q.where('dedupe_key', 'in', [...c.dedupeKeys]);
      }
      if (c.backend === 'postgres') q = q.forUpdate().skipLocked();
      const ids = (await q.execute()).map((r) => Number(r.id));
      if (ids.length === 0) return [];
      await trx
        .updateTable('outbox')
        .set((eb) => ({ locked_until: c.until, locked_by: c.workerId, claims: eb(eb.ref('claims'), '+', 1) }))
        .where('id', 'in', ids)
        .execute();
      return trx.selectFrom('outbox').selectAll().where('id', 'in', ids).orderBy('id').execute();
    });
}

/** Writes how a delivery went and gives the lease back, if this worker still holds it. */
export async function settleOutboxRow(
  db: Db,
  id: number,
  workerId: string,
  set: OutboxSettlement,
): Promise<void> {
  await sqlOf(db)
    .updateTable('outbox')
    .set({ ...set, locked_until: null, locked_by: null })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

/** Rows waiting to be sent, and rows given up on. */
export async function outboxBacklog(db: Db): Promise<{ pending: number; dead: number }> {
  const rows = await sqlOf(db)
    .selectFrom('outbox')
    .select(['status', sql<number>`count(*)`.as('n')])
    .where('status', 'in', ['pending', 'dead'])
    .groupBy('status')
    .execute();
  const by = new Map(rows.map((r) => [r.status, Number(r.n)]));
  return { pending: by.get('pending') ?? 0, dead: by.get('dead') ?? 0 };
}

const STANDING_COLUMNS = [
  'platform',
  'dedupe_key',
  'status',
  'sent_at',
  'locked_by',
  'locked_until',
  'next_attempt_at',
  'last_error',
] as const;

/** Where the outbox rows with these dedupe keys stand: sent, pending, dead, who holds them. */
export function outboxRowsByKey(
  db: Db,
  keys: ReadonlyArray<string>,
): Promise<Array<Pick<StoredOutboxRow, (typeof STANDING_COLUMNS)[number]>>> {
  if (keys.length === 0) return Promise.resolve([]);
  return sqlOf(db)
    .selectFrom('outbox')
    .select(STANDING_COLUMNS)
    .where('dedupe_key', 'in', [...keys])
    .execute();
}
