// Keeps the word index of the register's partner keys (partner_words, word_variants) in step
// with the relationships table: every writer of a new relationship indexes its key in the same
// transaction. Inserts ignore what is already there, so indexing a key twice changes nothing.
import type { Kysely, Transaction } from 'kysely';
import { partnerWords, wordVariants } from '../domain/portfolio/partner-words.js';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
const CHUNK = 500;

export interface PartnerIndexRows {
  words: Array<{ word: string; partner_key: string }>;
  variants: Array<{ variant: string; word: string }>;
}

/** The index rows of `keys`: each key's words, and each word's variants. */
export function partnerIndexRows(keys: ReadonlyArray<string>): PartnerIndexRows {
  const pairs = new Map<string, { word: string; partner_key: string }>();
  const variants = new Map<string, { variant: string; word: string }>();
  for (const key of new Set(keys)) {
    if (key === '') continue;
    for (const word of partnerWords(key)) {
      pairs.set(`${word}\u0000${key}`, { word, partner_key: key });
      for (const variant of wordVariants(word)) variants.set(`${variant}\u0000${word}`, { variant, word });
    }
  }
  return { words: [...pairs.values()], variants: [...variants.values()] };
}

export async function indexPartnerKeys(db: Db, keys: ReadonlyArray<string>): Promise<void> {
  const { words: rows, variants: vrows } = partnerIndexRows(keys);
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('partner_words')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  for (let i = 0; i < vrows.length; i += CHUNK) {
    await db
      .insertInto('word_variants')
      .values(vrows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
