// Deduplication at the edge: a Slack retry, a re-sent Teams activity or a replayed button press is
// recognised by its key, shared by every instance (a unique key in the store).
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

export async function claimEvent(db: Kysely<Database>, key: string, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('processed_events')
    .values({ key: `event:${key}`, ref: null, at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}
