import type { Kysely } from 'kysely';

/** Each person's time zone, from their last activity: card times are shown in it. */
export function timeZones() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('people').addColumn('time_zone', 'text').execute();
    },
  };
}
