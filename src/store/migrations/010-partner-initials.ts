import type { Kysely } from 'kysely';
import { indexPartnerKeys } from '../partner-index.js';
import type { Database } from '../schema.js';

/**
 * The word index behind "who works with" keeps a key's initials apart from its words (marked
 * `^`): rebuilt from the register as it stands, the same way every new relationship is indexed.
 */
export function partnerInitials() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const typed = db as unknown as Kysely<Database>;
      await typed.deleteFrom('partner_words').execute();
      const keys = await typed.selectFrom('relationships').select('partner_key').distinct().execute();
      await indexPartnerKeys(
        typed,
        keys.map((k) => k.partner_key),
      );
    },
  };
}
