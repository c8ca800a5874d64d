// Times that several instances compare (when a reminder or a pass-up is due, when a digest
// claim or an outbox lease runs out) must come from one clock, or an instance whose clock runs
// ahead fires early and takes leases that are not over. On PostgreSQL that clock is the
// database's: the offset between this machine's clock and the database's now() is measured at
// start and every ten minutes (half the round trip is taken as the query's moment), and applied
// to this machine's clock. On SQLite the database is on this machine, so its clock is this one.
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Backend } from './backend.js';
import { type Db, sqlOf } from './store-handle.js';

export const CLOCK_REFRESH_MS = 10 * 60_000;
/** An offset this large is worth telling the operator about. */
const NOTABLE_OFFSET_MS = 1_000;

export interface DatabaseClock {
  /** The database's time, from this machine's clock and the last measured offset. */
  now(): Date;
  /** Database time minus this machine's time, in ms, as last measured. */
  offsetMs(): number;
  /** Measures the offset again. */
  refresh(): Promise<void>;
  stop(): void;
}

export async function databaseClock(
  handle: Db,
  backend: Backend,
  machine: () => Date,
  o: { logger?: Logger; refreshMs?: number } = {},
): Promise<DatabaseClock> {
  const db = sqlOf(handle);
  let offset = 0;
  let timer: NodeJS.Timeout | null = null;
  const clock: DatabaseClock = {
    now: () => new Date(machine().getTime() + offset),
    offsetMs: () => offset,
    async refresh() {
      if (backend !== 'postgres') return;
      const before = machine().getTime();
      const row = await sql<{ ms: number | string }>`select extract(epoch from now()) * 1000 as ms`
        .execute(db)
        .then((r) => r.rows[0]);
      const after = machine().getTime();
      if (!row) return;
      const measured = Math.round(Number(row.ms) - (before + after) / 2);
      if (Math.abs(measured) >= NOTABLE_OFFSET_MS && Math.abs(measured - offset) >= NOTABLE_OFFSET_MS)
        o.logger?.warn(
          { offsetMs: measured },
          "this machine's clock differs from the database's: due times and leases follow the database",
        );
      offset = measured;
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
  if (backend !== 'postgres') return clock;
  await clock.refresh();
  timer = setInterval(() => {
    clock
      .refresh()
      .catch((err: unknown) =>
        o.logger?.warn(
          { err: (err as Error).message },
          'could not measure the database clock; the last offset stays',
        ),
      );
  }, o.refreshMs ?? CLOCK_REFRESH_MS);
  timer.unref();
  return clock;
}
