// Deduplication at the edge: a Slack retry, a re-sent Teams activity or a replayed button press is
// recognised by its key, shared by every instance. The key is claimed (committed) before the turn
// runs, so a copy arriving while the turn still runs is a duplicate. A turn that fails before any
// of its writes was committed gives its key back: the platform's retry of it is then a first try,
// not a duplicate of a turn that did nothing. A turn that fails after a committed write keeps the
// key, so its retry cannot repeat that write.
import { inCommitScope } from '../store/commit-scope.js';
import { claimKeyRelaxed, releaseKey } from '../store/processed-events.js';
import type { Db } from '../store/store-handle.js';

const keyOf = (key: string) => `event:${key}`;

/**
 * Claims the key. The claim need not wait for the disk: if a power cut takes it before anything
 * after it committed, the retry is a first try, as when a failed turn gives its key back (see
 * preparedRelaxedWrite); a later commit of the turn makes it durable with its own writes.
 */
export async function claimEvent(db: Db, key: string, now: Date): Promise<boolean> {
  return claimKeyRelaxed(db, keyOf(key), now.toISOString());
}

/** Gives a claimed key back, so the next copy of the event is taken. */
export async function releaseEvent(db: Db, key: string): Promise<void> {
  await releaseKey(db, keyOf(key));
}

export type ClaimedTurn<T> = { duplicate: true } | { duplicate: false; value: T };

/** Runs `turn` once per key (see above); `duplicate` when the key was claimed already. */
export async function runClaimed<T>(
  db: Db,
  key: string,
  now: Date,
  turn: () => Promise<T>,
): Promise<ClaimedTurn<T>> {
  let first: boolean;
  try {
    first = await claimEvent(db, key, now);
  } catch (err) {
    // Not even the key was taken: nothing of the turn ran.
    markNothingRecorded(err);
    throw err;
  }
  if (!first) return { duplicate: true };
  return inCommitScope(async (scope) => {
    try {
      return { duplicate: false, value: await turn() };
    } catch (err) {
      // If giving the key back fails too (the store is down), the retry is dropped as before.
      if (!scope.committed) {
        await releaseEvent(db, key).catch(() => undefined);
        markNothingRecorded(err);
      }
      throw err;
    }
  });
}

const NOTHING_RECORDED = Symbol('nothing recorded');

/** The turn that threw `err` committed none of its writes (its dedupe key aside). */
export function markNothingRecorded(err: unknown): void {
  if (err && typeof err === 'object') (err as { [NOTHING_RECORDED]?: true })[NOTHING_RECORDED] = true;
}

export function nothingRecorded(err: unknown): boolean {
  return (
    !!err && typeof err === 'object' && (err as { [NOTHING_RECORDED]?: true })[NOTHING_RECORDED] === true
  );
}
