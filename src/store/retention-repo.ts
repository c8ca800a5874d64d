// The deletes of the daily retention job, one bounded batch per call (each returns how many rows
// it deleted): claimed keys by prefix and age, sent outbox rows, where closed cases' messages were
// posted, and idle conversation state. Which records go after how long is the job's.
import { literalLimit } from './literal-limit.js';
import { type Db, sqlOf } from './store-handle.js';

/** Keys in [prefix, upper) of processed_events claimed before `cutoff`, at most `batch`. */
export async function deleteClaimedKeys(
  db: Db,
  range: { prefix: string; upper: string },
  cutoff: string,
  batch: number,
): Promise<number> {
  const k = sqlOf(db);
  const r = await k
    .deleteFrom('processed_events')
    .where('key', 'in', (eb) =>
      eb
        .selectFrom('processed_events')
        .select('key')
        .where('key', '>=', range.prefix)
        .where('key', '<', range.upper)
        .where('at', '<', cutoff)
        .limit(literalLimit(batch)),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Claimed keys in (after, upper), in key order, at most `batch`, with their refs. */
export async function claimedKeysAfter(
  db: Db,
  after: string,
  upper: string,
  batch: number,
): Promise<Array<{ key: string; ref: string | null }>> {
  return sqlOf(db)
    .selectFrom('processed_events')
    .select(['key', 'ref'])
    .where('key', '>', after)
    .where('key', '<', upper)
    .orderBy('key')
    .limit(literalLimit(batch))
    .execute();
}

/** Those of the case `ids` that are closed. */
export async function closedCaseIdsAmong(db: Db, ids: ReadonlyArray<number>): Promise<number[]> {
  const rows = await sqlOf(db)
    .selectFrom('cases')
    .select('id')
    .where('id', 'in', [...ids])
    .where('closed_at', 'is not', null)
    .execute();
  return rows.map((r) => r.id);
}

/** Deletes these claimed keys. */
export async function deleteClaimedKeysNamed(db: Db, keys: ReadonlyArray<string>): Promise<number> {
  const r = await sqlOf(db)
    .deleteFrom('processed_events')
    .where('key', 'in', [...keys])
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Outbox rows sent before `cutoff`, at most `batch`. */
export async function deleteSentOutbox(db: Db, cutoff: string, batch: number): Promise<number> {
  const k = sqlOf(db);
  const r = await k
    .deleteFrom('outbox')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'sent')
        .where('sent_at', '<', cutoff)
        .limit(literalLimit(batch)),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Where the messages of cases closed before `cutoff` were posted, at most `batch`. */
export async function deleteClosedCaseMessages(db: Db, cutoff: string, batch: number): Promise<number> {
  const k = sqlOf(db);
  const r = await k
    .deleteFrom('case_messages')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('case_messages as m')
        .innerJoin('cases as c', 'c.id', 'm.case_id')
        .select('m.id')
        .where('c.closed_at', '<', cutoff)
        .limit(literalLimit(batch)),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Conversation state last updated before `cutoff`, at most `batch`. */
export async function deleteIdleConversationState(db: Db, cutoff: string, batch: number): Promise<number> {
  const k = sqlOf(db);
  const r = await k
    .deleteFrom('conversation_state')
    .where('key', 'in', (eb) =>
      eb
        .selectFrom('conversation_state')
        .select('key')
        .where('updated_at', '<', cutoff)
        .limit(literalLimit(batch)),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
