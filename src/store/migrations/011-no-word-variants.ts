import type { Kysely } from 'kysely';

/**
 * Words typed with a typo are found through the register's vocabulary held in memory
 * (partner-vocabulary.ts), which reaches two typos: the table of every word's variants with one
 * letter left out, which reached one, is read no more.
 */
export function noWordVariants() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('word_variants').ifExists().execute();
    },
  };
}
