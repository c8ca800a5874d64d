// Each chat user is welcomed once: the first claim of their key wins, on any instance. A key
// once claimed stays claimed, so each chat service remembers the ones it has seen and asks the
// store only about the others.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { type ChatIdentity, platformPersonId } from './chat-identity.js';

const MAX_SEEN = 50_000;

/** True exactly once per chat user: the caller welcomes them now. */
export type WelcomeClaims = (identity: ChatIdentity, now: Date) => Promise<boolean>;

export function welcomeClaims(db: Kysely<Database>): WelcomeClaims {
  const seen = new Set<string>();
  return async (identity, now) => {
    const key = platformPersonId(identity);
    if (seen.has(key)) return false;
    const inserted = await db
      .insertInto('welcomed')
      .values({ key, at: now.toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    if (seen.size >= MAX_SEEN) seen.clear();
    seen.add(key);
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  };
}
