// Deduplication at the edge: a Slack retry, a re-sent Teams activity or a replayed button press is
// recognised by its key, shared by every instance.
import type { Kysely } from 'kysely';
import { claimKey } from '../store/processed-events.js';
import type { Database } from '../store/schema.js';

export function claimEvent(db: Kysely<Database>, key: string, now: Date): Promise<boolean> {
  return claimKey(db, `event:${key}`, null, now.toISOString());
}
