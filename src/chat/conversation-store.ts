// Each person's conversation state between messages, in the store: a restart loses nothing.
import type { Kysely } from 'kysely';
import { preparedRows } from '../store/prepared-query.js';
import type { Database } from '../store/schema.js';

export type ConversationState =
  | { kind: 'check'; dialog: unknown }
  | { kind: 'answer_info'; caseId: number }
  | { kind: 'decision_text'; caseId: number; step: number; version: number; decision: 'reject' | 'ask_info' };

export function conversationKey(platform: string, userId: string): string {
  return `conv:${platform}:${userId}`;
}

export async function loadConversation(db: Kysely<Database>, key: string): Promise<ConversationState | null> {
  const [row] = await preparedRows(db, 'conversation-state', [key], () =>
    db.selectFrom('conversation_state').select('state').where('key', '=', key),
  );
  if (!row) return null;
  try {
    const s = JSON.parse(row.state) as ConversationState;
    return s && typeof s === 'object' && 'kind' in s ? s : null;
  } catch {
    return null;
  }
}

export async function saveConversation(
  db: Kysely<Database>,
  key: string,
  state: ConversationState | null,
  at: string,
): Promise<void> {
  if (state === null) {
    await db.deleteFrom('conversation_state').where('key', '=', key).execute();
    return;
  }
  const text = JSON.stringify(state);
  await db
    .insertInto('conversation_state')
    .values({ key, state: text, version: 1, updated_at: at })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        state: text,
        updated_at: at,
        version: eb(eb.ref('conversation_state.version'), '+', 1),
      })),
    )
    .execute();
}
