// The scheduler's own state in the store: when it first started (missed runs are counted from
// there, so a fresh install owes nothing), and on SQLite the lease that keeps it to one process.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

const FIRST_START = 'scheduler.first_start';
const LEASE = 'scheduler';

/** Records the first start once (the earliest instance wins) and returns it. */
export async function recordFirstStart(
  db: Kysely<Database>,
  now: Date,
): Promise<{ firstStart: string; fresh: boolean }> {
  const at = now.toISOString();
  const r = await db
    .insertInto('job_state')
    .values({ key: FIRST_START, value: at, updated_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  const row = await db
    .selectFrom('job_state')
    .select('value')
    .where('key', '=', FIRST_START)
    .executeTakeFirstOrThrow();
  return { firstStart: row.value, fresh: Number(r.numInsertedOrUpdatedRows ?? 0n) === 1 };
}

export type LeaseState =
  | { held: true; acquired: boolean; takenOverFrom: { holder: string; heartbeatAt: string } | null }
  | { held: false; holder: string; heartbeatAt: string };

/**
 * Takes or renews the scheduler lease (SQLite: one scheduler per database file). A lease whose
 * holder is provably gone (its liveness lock died with it: a kill -9 included) is taken over at
 * once; one whose heartbeat is older than `staleMs` too (a holder that cannot be asked). The
 * transaction is BEGIN IMMEDIATE, so two processes never both see it free.
 */
export async function holdSchedulerLease(
  db: Kysely<Database>,
  instanceId: string,
  now: Date,
  staleMs: number,
  holderGone: (holder: string) => Promise<boolean> = async () => false,
): Promise<LeaseState> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('scheduler_leases')
      .selectAll()
      .where('name', '=', LEASE)
      .executeTakeFirst();
    if (!row) {
      await trx
        .insertInto('scheduler_leases')
        .values({ name: LEASE, holder: instanceId, acquired_at: at, heartbeat_at: at })
        .execute();
      return { held: true, acquired: true, takenOverFrom: null };
    }
    if (row.holder === instanceId) {
      await trx.updateTable('scheduler_leases').set({ heartbeat_at: at }).where('name', '=', LEASE).execute();
      return { held: true, acquired: false, takenOverFrom: null };
    }
    if (Date.parse(row.heartbeat_at) < now.getTime() - staleMs || (await holderGone(row.holder))) {
      await trx
        .updateTable('scheduler_leases')
        .set({ holder: instanceId, acquired_at: at, heartbeat_at: at })
        .where('name', '=', LEASE)
        .execute();
      return {
        held: true,
        acquired: true,
        takenOverFrom: { holder: row.holder, heartbeatAt: row.heartbeat_at },
      };
    }
    return { held: false, holder: row.holder, heartbeatAt: row.heartbeat_at };
  });
}

export async function releaseSchedulerLease(db: Kysely<Database>, instanceId: string): Promise<void> {
  await db
    .deleteFrom('scheduler_leases')
    .where('name', '=', LEASE)
    .where('holder', '=', instanceId)
    .execute();
}
