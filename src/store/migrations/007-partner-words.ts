import type { Kysely } from 'kysely';
import { indexPartnerKeys } from '../partner-index.js';
import type { Database } from '../schema.js';

/**
 * The word index behind "who works with" (near matches and typos without reading the register
 * whole), filled from the register as it stands; and who has been welcomed.
 */
export function partnerWordsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('partner_words')
        .addColumn('word', 'text', (c) => c.notNull())
        .addColumn('partner_key', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('partner_words_pk', ['word', 'partner_key'])
        .execute();
      await db.schema
        .createTable('word_variants')
        .addColumn('variant', 'text', (c) => c.notNull())
        .addColumn('word', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('word_variants_pk', ['variant', 'word'])
        .execute();
      await db.schema
        .createTable('welcomed')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      const typed = db as unknown as Kysely<Database>;
      const keys = await typed.selectFrom('relationships').select('partner_key').distinct().execute();
      await indexPartnerKeys(
        typed,
        keys.map((k) => k.partner_key),
      );
    },
  };
}
