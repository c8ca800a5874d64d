// The readiness probe's question to the store: one trivial statement that any open database
// answers, so a reply means the connection (or the file) is there and not locked up.
import { sql } from 'kysely';
import { type Db, sqlOf } from './store-handle.js';

/** Resolves when the store answered `select 1`; rejects when it could not. */
export async function pingStore(db: Db): Promise<void> {
  await sql`select 1 as ok`.execute(sqlOf(db));
}
