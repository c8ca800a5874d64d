// When the directory was last read successfully, and the last failure: one row in job_state,
// shared by every instance, for /metrics and /readyz.
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { type Db, sqlOf } from './store-handle.js';

/** A store handle; a query builder still works for the callers that hold one. */
type Handle = Db | Kysely<Database>;

const KEY = 'directory-sync';

export interface DirectorySyncState {
  lastOkAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
}

const NONE: DirectorySyncState = { lastOkAt: null, lastErrorAt: null, lastError: null };

export async function readDirectorySyncState(handle: Handle): Promise<DirectorySyncState> {
  const row = await sqlOf(handle as Db)
    .selectFrom('job_state')
    .select('value')
    .where('key', '=', KEY)
    .executeTakeFirst();
  if (!row) return NONE;
  try {
    const v = JSON.parse(row.value) as Partial<DirectorySyncState>;
    return {
      lastOkAt: typeof v.lastOkAt === 'string' ? v.lastOkAt : null,
      lastErrorAt: typeof v.lastErrorAt === 'string' ? v.lastErrorAt : null,
      lastError: typeof v.lastError === 'string' ? v.lastError : null,
    };
  } catch {
    return NONE;
  }
}

export async function recordDirectorySync(
  handle: Handle,
  at: string,
  outcome: { ok: true } | { ok: false; error: string },
): Promise<void> {
  const db = sqlOf(handle as Db);
  const before = await readDirectorySyncState(db);
  const next: DirectorySyncState = outcome.ok
    ? { ...before, lastOkAt: at }
    : { ...before, lastErrorAt: at, lastError: outcome.error.slice(0, 500) };
  const value = JSON.stringify(next);
  await db
    .insertInto('job_state')
    .values({ key: KEY, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
    .execute();
}
