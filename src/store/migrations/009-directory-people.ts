import type { Kysely } from 'kysely';

/**
 * People from a directory: whether a person is still there (`active`; a leaver is kept for
 * history), the directory's own id once a sync matched them, which fields the strategy or a CSV
 * set (a sync never overwrites those; rows from before this migration came from those sources,
 * so every field counts as theirs), the platform the person used last, and the one they chose to
 * be notified on (a person on both platforms is told once: on the chosen one, else the last one).
 */
export function directoryPeople() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('people')
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.alterTable('people').addColumn('directory_id', 'text').execute();
      await db.schema
        .alterTable('people')
        .addColumn('owned_fields', 'text', (c) =>
          c.notNull().defaultTo('name,email,role,unit,reportsTo,slackId,teamsId,language,absence'),
        )
        .execute();
      await db.schema.alterTable('people').addColumn('last_platform', 'text').execute();
      await db.schema.alterTable('people').addColumn('notify_on', 'text').execute();
      await db.schema.createIndex('people_directory_id').on('people').column('directory_id').execute();
      await db.schema.createIndex('people_email').on('people').column('email').execute();
    },
  };
}
