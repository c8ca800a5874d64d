import type { Kysely } from 'kysely';

/**
 * How often each outbox row was claimed. A row claimed before may have been sent by a process
 * that died before it could mark it (a claim is not an attempt: the crash comes before the
 * attempt is counted), so its sender looks for the earlier post first.
 */
export function outboxClaims() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('outbox')
        .addColumn('claims', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  };
}
