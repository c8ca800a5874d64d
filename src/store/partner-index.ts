// Keeps the word index of the register's partner keys (partner_words) in step with the
// relationships table: every writer of a new relationship indexes its key in the same
// transaction. Inserts ignore what is already there, so indexing a key twice changes nothing.
// Words typed with a typo are found through the vocabulary held in memory (partner-vocabulary.ts).
import type { Kysely, Transaction } from 'kysely';
import { partnerWords } from '../domain/portfolio/partner-words.js';
import { notePartnerWords } from './partner-vocabulary.js';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
const CHUNK = 500;

export interface PartnerIndexRow {
  word: string;
  partner_key: string;
}

/**
 * The index rows of `keys`: each key under each of its words. They are about to be written: the
 * vocabularies this process holds get the words.
 */
export function partnerIndexRows(keys: ReadonlyArray<string>): PartnerIndexRow[] {
  const pairs = new Map<string, PartnerIndexRow>();
  const words = new Set<string>();
  for (const key of new Set(keys)) {
    if (key === '') continue;
    for (const word of partnerWords(key)) {
      pairs.set(`${word}\u0000${key}`, { word, partner_key: key });
      words.add(word);
    }
  }
  notePartnerWords(words);
  return [...pairs.values()];
}

export async function indexPartnerKeys(db: Db, keys: ReadonlyArray<string>): Promise<void> {
  const rows = partnerIndexRows(keys);
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('partner_words')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
