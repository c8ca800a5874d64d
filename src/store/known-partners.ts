// Which partner keys the register holds a relationship with: the guided check asks this of the
// names it may read in a message before it decides which one is the partner.
import { type Db, sqlOf } from './store-handle.js';

/** Those of `keys` that some relationship has as its partner key. */
export async function knownPartnerKeysAmong(db: Db, keys: ReadonlyArray<string>): Promise<Set<string>> {
  const rows = await sqlOf(db)
    .selectFrom('relationships')
    .select('partner_key')
    .distinct()
    .where('partner_key', 'in', [...keys])
    .execute();
  return new Set(rows.map((r) => r.partner_key));
}
