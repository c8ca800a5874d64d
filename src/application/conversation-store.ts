// Each person's conversation state between messages, in the store: a restart loses nothing.
//
// Two messages from one person can be answered at once (two instances, or a second message while
// the first waits on the store). Each turn writes the state with the version it read; when another
// turn wrote in between, this one lost the race. A loser that has changed nothing else yet runs
// once more, on the state the winner left (withConversationTurn); one that already committed
// another effect (a decision, a submitted check) leaves the winner's state as it is.
import { AsyncLocalStorage } from 'node:async_hooks';
import { currentCommitScope, inCommitScope } from '../store/commit-scope.js';
import {
  conversationExists,
  deleteConversation,
  deleteConversationAt,
  insertConversation,
  putConversation,
  readConversation,
  updateConversationAt,
} from '../store/conversation-repo.js';
import type { Db } from '../store/store-handle.js';

export type ConversationState =
  | { kind: 'check'; dialog: unknown }
  | { kind: 'answer_info'; caseId: number }
  | { kind: 'decision_text'; caseId: number; step: number; version: number; decision: 'reject' | 'ask_info' };

export function conversationKey(platform: string, userId: string): string {
  return `conv:${platform}:${userId}`;
}

/** Another turn wrote the conversation after this one read it. */
export class ConversationRaceLost extends Error {
  readonly code = 'KOERS_CONVERSATION_RACE';
  constructor(readonly key: string) {
    super(`conversation ${key} was written by another turn`);
    this.name = 'ConversationRaceLost';
  }
}

/** How often one turn runs at most when it keeps losing races for its conversation. */
const MAX_TURN_RUNS = 5;

/** The version each conversation had when this turn read it (0: there was none). */
const versionsRead = new AsyncLocalStorage<Map<string, number>>();

/**
 * Runs a turn whose conversation reads and writes are compared by version: a turn that lost the
 * race before committing anything runs again, on the fresh state (at most MAX_TURN_RUNS times in all).
 */
export function withConversationTurn<T>(turn: () => Promise<T>): Promise<T> {
  const attempt = () => versionsRead.run(new Map(), turn);
  const run = async () => {
    for (let runs = 1; ; runs++) {
      try {
        return await attempt();
      } catch (err) {
        // Each lost race means another turn of the same conversation wrote in between: a few
        // messages at once (a resend beside new ones) may make a turn lose more than once.
        if (!(err instanceof ConversationRaceLost) || runs >= MAX_TURN_RUNS) throw err;
      }
    }
  };
  return currentCommitScope() ? run() : inCommitScope(run);
}

export async function loadConversation(db: Db, key: string): Promise<ConversationState | null> {
  const row = await readConversation(db, key);
  versionsRead.getStore()?.set(key, row ? row.version : 0);
  if (!row) return null;
  try {
    const s = JSON.parse(row.state) as ConversationState;
    return s && typeof s === 'object' && 'kind' in s ? s : null;
  } catch {
    return null;
  }
}

/**
 * Writes the state (null: the conversation is over). In a conversation turn that read it, only
 * over the version it read; outside one, whatever is there.
 */
export async function saveConversation(
  db: Db,
  key: string,
  state: ConversationState | null,
  at: string,
): Promise<void> {
  const versions = versionsRead.getStore();
  const read = versions?.get(key);
  if (read === undefined) {
    await writeUnconditionally(db, key, state, at);
    return;
  }
  const written = await writeOver(db, key, state, at, read);
  if (written !== null) {
    versions?.set(key, written);
    return;
  }
  // Lost. With another effect already committed this turn cannot start over: the newer state stands.
  if (currentCommitScope()?.committed) return;
  throw new ConversationRaceLost(key);
}

/** The new version (0: deleted), or null when the stored version is not `read` any more. */
async function writeOver(
  db: Db,
  key: string,
  state: ConversationState | null,
  at: string,
  read: number,
): Promise<number | null> {
  if (state === null) {
    if (read > 0 && (await deleteConversationAt(db, key, read))) return 0;
    // Nothing (left) to delete: fine unless another turn has written a state meanwhile.
    return (await conversationExists(db, key)) ? null : 0;
  }
  const text = JSON.stringify(state);
  if (read === 0) return (await insertConversation(db, key, text, at)) ? 1 : null;
  return (await updateConversationAt(db, key, text, at, read)) ? read + 1 : null;
}

async function writeUnconditionally(
  db: Db,
  key: string,
  state: ConversationState | null,
  at: string,
): Promise<void> {
  if (state === null) {
    await deleteConversation(db, key);
    return;
  }
  await putConversation(db, key, JSON.stringify(state), at);
}
