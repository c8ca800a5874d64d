// What "who works with partner X?" reads of the register: the relationships with some partner
// keys (with their owners' names from the directory), and the word index (partner-index.ts): the
// indexed words behind some variants, and a few partner keys of each word.
import { PostgresAdapter, sql } from 'kysely';
import { literalLimit } from './literal-limit.js';
import type { RelationshipStatus } from './relationship-repo.js';
import { type Db, sqlOf } from './store-handle.js';

/** A relationship with a partner, and its owner's name (null: not in the directory). */
export interface PartnerMatchRow {
  id: number;
  partner: string;
  partner_key: string;
  owner_id: string;
  owner_name: string | null;
  unit: string | null;
  intensity: string;
  priority: string | null;
  status: RelationshipStatus;
  start_date: string | null;
}

const STATUS_ORDER = sql<number>`case relationships.status when 'active' then 0 when 'planned' then 1 else 2 end`;

/**
 * The relationships with these partner keys, at most `limit`: active first, then planned, then
 * ended (`byStatus`), else in id order. Confidential ones are left out unless asked for.
 */
export function relationshipsWithKeys(
  db: Db,
  keys: ReadonlyArray<string>,
  o: { limit: number; byStatus: boolean; includeConfidential?: boolean },
): Promise<PartnerMatchRow[]> {
  let q = sqlOf(db)
    .selectFrom('relationships')
    .leftJoin('people', 'people.id', 'relationships.owner_id')
    .select([
      'relationships.id',
      'relationships.partner',
      'relationships.partner_key',
      'relationships.owner_id',
      'people.name as owner_name',
      'relationships.unit',
      'relationships.intensity',
      'relationships.priority',
      'relationships.status',
      'relationships.start_date',
    ]);
  if (!o.includeConfidential) q = q.where('relationships.confidential', '=', 0);
  q = q.where('relationships.partner_key', 'in', [...keys]);
  if (o.byStatus) q = q.orderBy(STATUS_ORDER);
  return q.orderBy('relationships.id').limit(literalLimit(o.limit)).execute();
}

/** The indexed words that have one of these variants. */
export function wordsOfVariants(db: Db, variants: ReadonlyArray<string>): Promise<Array<{ word: string }>> {
  return sqlOf(db)
    .selectFrom('word_variants')
    .select('word')
    .distinct()
    .where('variant', 'in', [...variants])
    .execute();
}

/**
 * Up to `cap` keys of each word other than `key`, in one query: on PostgreSQL one small plan over
 * the words (a lateral join); on SQLite, which has no lateral join, a union of one indexed read a word.
 */
export async function keysPerWord(
  db: Db,
  words: ReadonlyArray<string>,
  key: string,
  cap: number,
): Promise<Array<{ word: string; partner_key: string }>> {
  const k = sqlOf(db);
  if (k.getExecutor().adapter instanceof PostgresAdapter) {
    const { rows } = await sql<{ word: string; partner_key: string }>`select w.word, p.partner_key
      from unnest(${[...words]}::text[]) as w(word)
      cross join lateral (select partner_key from partner_words
        where partner_words.word = w.word and partner_key <> ${key} limit ${literalLimit(cap)}) as p`.execute(
      k,
    );
    return rows;
  }
  const perWord = words.map(
    (word) =>
      sql`select * from (select word, partner_key from partner_words where word = ${word} and partner_key <> ${key} limit ${literalLimit(cap)}) as w`,
  );
  const { rows } = await sql<{
    word: string;
    partner_key: string;
  }>`${sql.join(perWord, sql` union all `)}`.execute(k);
  return rows;
}
