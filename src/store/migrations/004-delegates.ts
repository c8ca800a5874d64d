import type { Kysely } from 'kysely';

/** Who named a person as delegate: `status` asks it on every call ("what waits for me"). */
export function delegates() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('people_delegate').on('people').column('delegate_id').execute();
    },
  };
}
