// The outbox: notifications written in the same transaction as the state change they report,
// sent later by a dispatcher. The dedupe key makes enqueuing idempotent.

import type { Insertable, Transaction } from 'kysely';
import { checkOutboxMessage } from './outbox-messages.js';
import type { Database, OutboxTable } from './schema.js';
import { sqlOf, type Tx } from './store-handle.js';

export type OutboxTarget =
  | { person: string }
  | { channel: 'strategy' | 'allianceTeam' }
  | { conversation: string }
  /** Every message already posted about the case, updated in place. */
  | { case: true };

export interface OutboxMessage {
  dedupeKey: string;
  kind: string;
  platform: string;
  target: OutboxTarget;
  caseId?: number | null;
  payload?: Record<string, unknown>;
}

export type OutboxRow = Insertable<OutboxTable>;

/** The outbox rows for `messages`; a message that does not fit what Koers sends is refused. */
export function outboxRows(now: string, messages: ReadonlyArray<OutboxMessage>): OutboxRow[] {
  for (const m of messages) {
    const fit = checkOutboxMessage(m.kind, m.target, m.payload ?? {});
    if (!fit.ok) throw new Error(`outbox: refusing to write a message that does not fit: ${fit.reason}`);
  }
  return messages.map((m) => ({
    dedupe_key: m.dedupeKey,
    kind: m.kind,
    platform: m.platform,
    target: JSON.stringify(m.target),
    case_id: m.caseId ?? null,
    payload: JSON.stringify(m.payload ?? {}),
    status: 'pending' as const,
    attempts: 0,
    next_attempt_at: now,
    created_at: now,
  }));
}

/**
 * Writes `messages` in the caller's unit of work (a message already there stays as it is). Takes
 * a unit of work; a transaction of the query builder still works for the callers that hold one.
 */
export async function enqueue(
  trx: Tx | Transaction<Database>,
  now: string,
  messages: ReadonlyArray<OutboxMessage>,
): Promise<void> {
  if (messages.length === 0) return;
  await sqlOf(trx as Tx)
    .insertInto('outbox')
    .values(outboxRows(now, messages))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}
