// Each chat conversation's state between messages (conversation_state), by key: the stored JSON
// and its version, the writes that only succeed over the version a turn read, and the writes that
// take whatever is there. Whom a demo user plays (`demo as`) is kept in the same table.
import { preparedRows } from './prepared-query.js';
import { type Db, sqlOf } from './store-handle.js';

/** A conversation's stored state (JSON) and its version. */
export interface StoredConversation {
  state: string;
  version: number;
}

export async function readConversation(db: Db, key: string): Promise<StoredConversation | null> {
  const k = sqlOf(db);
  const [row] = await preparedRows(k, 'conversation-state-versioned', [key], () =>
    k.selectFrom('conversation_state').select(['state', 'version']).where('key', '=', key),
  );
  return row ? { state: row.state, version: Number(row.version) } : null;
}

/** Only the state (JSON), for the reads that do not compare versions. */
export async function readConversationState(db: Db, key: string): Promise<string | null> {
  const k = sqlOf(db);
  const [row] = await preparedRows(k, 'conversation-state', [key], () =>
    k.selectFrom('conversation_state').select('state').where('key', '=', key),
  );
  return row ? row.state : null;
}

/** Deletes the state if it still has version `read`; true when it did. */
export async function deleteConversationAt(db: Db, key: string, read: number): Promise<boolean> {
  const r = await sqlOf(db)
    .deleteFrom('conversation_state')
    .where('key', '=', key)
    .where('version', '=', read)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function conversationExists(db: Db, key: string): Promise<boolean> {
  const now = await sqlOf(db)
    .selectFrom('conversation_state')
    .select('key')
    .where('key', '=', key)
    .executeTakeFirst();
  return now !== undefined;
}

/** Writes a first state (version 1) unless there is one; true when it did. */
export async function insertConversation(db: Db, key: string, state: string, at: string): Promise<boolean> {
  const r = await sqlOf(db)
    .insertInto('conversation_state')
    .values({ key, state, version: 1, updated_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Writes the state as version `read + 1` if it still has version `read`; true when it did. */
export async function updateConversationAt(
  db: Db,
  key: string,
  state: string,
  at: string,
  read: number,
): Promise<boolean> {
  const r = await sqlOf(db)
    .updateTable('conversation_state')
    .set({ state, updated_at: at, version: read + 1 })
    .where('key', '=', key)
    .where('version', '=', read)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Deletes the state, whatever its version. */
export async function deleteConversation(db: Db, key: string): Promise<void> {
  await sqlOf(db).deleteFrom('conversation_state').where('key', '=', key).execute();
}

/** Writes the state over whatever is there, one version on. */
export async function putConversation(db: Db, key: string, state: string, at: string): Promise<void> {
  await sqlOf(db)
    .insertInto('conversation_state')
    .values({ key, state, version: 1, updated_at: at })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        state,
        updated_at: at,
        version: eb(eb.ref('conversation_state.version'), '+', 1),
      })),
    )
    .execute();
}

/** Writes the state over whatever is there, leaving the version and time of one already there. */
export async function replaceConversationState(
  db: Db,
  key: string,
  state: string,
  at: string,
): Promise<void> {
  await sqlOf(db)
    .insertInto('conversation_state')
    .values({ key, state, version: 1, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ state }))
    .execute();
}
