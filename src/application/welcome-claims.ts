// Each chat user is welcomed once: the first claim of their key wins, on any instance. A key
// once claimed stays claimed, so each chat service remembers the ones it has seen and asks the
// store only about the others.
import type { Db } from '../store/store-handle.js';
import { claimWelcomed } from '../store/welcomed-repo.js';
import { type ChatIdentity, platformPersonId } from './chat-identity.js';

const MAX_SEEN = 50_000;

/** True exactly once per chat user: the caller welcomes them now. */
export type WelcomeClaims = (identity: ChatIdentity, now: Date) => Promise<boolean>;

export function welcomeClaims(db: Db): WelcomeClaims {
  const seen = new Set<string>();
  return async (identity, now) => {
    const key = platformPersonId(identity);
    if (seen.has(key)) return false;
    const inserted = await claimWelcomed(db, key, now.toISOString());
    if (seen.size >= MAX_SEEN) seen.clear();
    seen.add(key);
    return inserted;
  };
}
