// processed_events: keys claimed once across every instance (a unique key in the store). Run keys
// of scheduled work, event ids of platform retries, idempotency keys of submits.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** Claims `key` once: true for the one caller that inserted it, false for everyone after. */
export async function claimKey(
  db: Kysely<Database> | Transaction<Database>,
  key: string,
  ref: string | null,
  at: string,
): Promise<boolean> {
  const result = await db
    .insertInto('processed_events')
    .values({ key, ref, at })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}
