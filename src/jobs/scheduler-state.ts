// The scheduler's own state in the store: when it first started (missed runs are counted from
// there, so a fresh install owes nothing), and on SQLite the lease that keeps it to one process.
import {
  deleteSchedulerLease,
  insertSchedulerLease,
  recordFirstStartAt,
  renewSchedulerLease,
  schedulerLease,
  takeOverSchedulerLease,
} from '../store/schedule-state-repo.js';
import { type Db, inUnitOfWork } from '../store/store-handle.js';

const LEASE = 'scheduler';

/** Records the first start once (the earliest instance wins) and returns it. */
export async function recordFirstStart(db: Db, now: Date): Promise<{ firstStart: string; fresh: boolean }> {
  return recordFirstStartAt(db, now.toISOString());
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
  db: Db,
  instanceId: string,
  now: Date,
  staleMs: number,
  holderGone: (holder: string) => Promise<boolean> = async () => false,
): Promise<LeaseState> {
  const at = now.toISOString();
  return inUnitOfWork(db, async (tx) => {
    const row = await schedulerLease(tx, LEASE);
    if (!row) {
      await insertSchedulerLease(tx, LEASE, instanceId, at);
      return { held: true, acquired: true, takenOverFrom: null };
    }
    if (row.holder === instanceId) {
      await renewSchedulerLease(tx, LEASE, at);
      return { held: true, acquired: false, takenOverFrom: null };
    }
    if (Date.parse(row.heartbeat_at) < now.getTime() - staleMs || (await holderGone(row.holder))) {
      await takeOverSchedulerLease(tx, LEASE, instanceId, at);
      return {
        held: true,
        acquired: true,
        takenOverFrom: { holder: row.holder, heartbeatAt: row.heartbeat_at },
      };
    }
    return { held: false, holder: row.holder, heartbeatAt: row.heartbeat_at };
  });
}

export async function releaseSchedulerLease(db: Db, instanceId: string): Promise<void> {
  await deleteSchedulerLease(db, LEASE, instanceId);
}
