import type { Kysely } from 'kysely';

/** The retention job's deletions by age (src/jobs/retention.ts), each served by an index. */
export function retentionIndexes() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('outbox_sent').on('outbox').columns(['status', 'sent_at']).execute();
      await db.schema.createIndex('cases_closed').on('cases').column('closed_at').execute();
      await db.schema
        .createIndex('conversation_state_updated')
        .on('conversation_state')
        .column('updated_at')
        .execute();
    },
  };
}
