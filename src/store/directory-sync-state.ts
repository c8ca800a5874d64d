import { type Db, sqlOf } from './store-handle.js';

/** A store handle; a query builder still works for the callers that hold one. */

const KEY = 'directory-sync';

export interface DirectorySyncState {
  lastOkAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
}

const NONE: DirectorySyncState = { lastOkAt: null, lastErrorAt: null, lastError: null };

export async function readDirectorySyncState(handle: Db): Promise<DirectorySyncState> {
  const row = await sqlOf(handle)
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
  handle: Db,
  at: string,
  outcome: { ok: true } | { ok: false; error: string },
): Promise<void> {
  const db = sqlOf(handle);
  const before = await readDirectorySyncState(handle);
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
