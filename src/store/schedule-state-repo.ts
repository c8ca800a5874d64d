// The scheduler's own rows: its first start in job_state (the earliest instance's wins) and, on
// SQLite, its lease in scheduler_leases. One statement each; when a lease is taken over is the
// scheduler's decision, made in one unit of work around these.
import { type Db, sqlOf, type Tx, trxOf } from './store-handle.js';

const FIRST_START = 'scheduler.first_start';

/** Records `at` as the first start unless one is there; returns the stored one and whether it is `at`. */
export async function recordFirstStartAt(
  db: Db,
  at: string,
): Promise<{ firstStart: string; fresh: boolean }> {
  const k = sqlOf(db);
  const r = await k
    .insertInto('job_state')
    .values({ key: FIRST_START, value: at, updated_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  const row = await k
    .selectFrom('job_state')
    .select('value')
    .where('key', '=', FIRST_START)
    .executeTakeFirstOrThrow();
  return { firstStart: row.value, fresh: Number(r.numInsertedOrUpdatedRows ?? 0n) === 1 };
}

export interface SchedulerLeaseRow {
  name: string;
  holder: string;
  acquired_at: string;
  heartbeat_at: string;
}

export async function schedulerLease(tx: Tx, name: string): Promise<SchedulerLeaseRow | undefined> {
  return trxOf(tx).selectFrom('scheduler_leases').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertSchedulerLease(tx: Tx, name: string, holder: string, at: string): Promise<void> {
  await trxOf(tx)
    .insertInto('scheduler_leases')
    .values({ name, holder, acquired_at: at, heartbeat_at: at })
    .execute();
}

export async function renewSchedulerLease(tx: Tx, name: string, at: string): Promise<void> {
  await trxOf(tx)
    .updateTable('scheduler_leases')
    .set({ heartbeat_at: at })
    .where('name', '=', name)
    .execute();
}

export async function takeOverSchedulerLease(
  tx: Tx,
  name: string,
  holder: string,
  at: string,
): Promise<void> {
  await trxOf(tx)
    .updateTable('scheduler_leases')
    .set({ holder, acquired_at: at, heartbeat_at: at })
    .where('name', '=', name)
    .execute();
}

/** Gives the lease up, if `holder` still holds it. */
export async function deleteSchedulerLease(db: Db, name: string, holder: string): Promise<void> {
  await sqlOf(db)
    .deleteFrom('scheduler_leases')
    .where('name', '=', name)
    .where('holder', '=', holder)
    .execute();
}
