// What "who works with partner X?" reads of the register: the relationships with some partner
// keys (with their owners' names from the directory), and the word index (partner-index.ts): a few
// partner keys of each of some words.
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

/**
 * The keys other than `key` of each of these words that has fewer than `cap` of them, in one
 * query: a word in `cap` names or more (`stichting`, two-letter initials) is too common to tell
 * names apart and is left out, its keys never read, unless every word is that common (then up to
 * `cap` keys of each). With `keyCount` (each word's number of keys, as the vocabulary held in
 * memory last read them: partner-vocabulary.ts), the common words are left out before the index
 * is asked when a word the register has is rarer, and the rest are read in one plain lookup; a
 * word without a count (not in the register, or new since) is read as well, but does not make a
 * common word be left out (a typo of `stichting` still finds the names with it). Without
 * `keyCount`, the words are counted first, each count stopping at `cap`, in the same statement.
 */
export async function keysPerWord(
  db: Db,
  words: ReadonlyArray<string>,
  key: string,
  cap: number,
  keyCount?: (word: string) => number | undefined,
): Promise<Array<{ word: string; partner_key: string }>> {
  if (words.length === 0) return [];
  const k = sqlOf(db);
  const limit = literalLimit(cap);
  const postgres = k.getExecutor().adapter instanceof PostgresAdapter;
  if (keyCount) {
    // A count includes `key` itself, which is not read: `cap` keys may be cap - 1 others.
    const common = words.filter((w) => (keyCount(w) ?? 0) > cap);
    const plain = words.filter((w) => (keyCount(w) ?? 0) <= cap);
    const plainRows = async () => {
      if (plain.length === 0) return [];
      const { rows } = await sql<{ word: string; partner_key: string }>`select word, partner_key
        from partner_words where ${postgres ? sql`word = any(${plain}::text[])` : sql`word in (${sql.join(plain)})`}
        and partner_key <> ${key} limit ${literalLimit(cap * plain.length)}`.execute(k);
      return rows;
    };
    if (common.length === 0 || plain.some((w) => keyCount(w) !== undefined)) return plainRows();
    const [some, ofCommon] = await Promise.all([plainRows(), keysPerWord(db, common, key, cap)]);
    return [...some, ...ofCommon];
  }
  const list = postgres
    ? sql`select unnest(${[...words]}::text[]) as word`
    : sql`values ${sql.join(words.map((w) => sql`(${w})`))}`;
  const chosen = sql`with w(word) as (${list}),
    counted as (select w.word, (select count(*) from (select 1 from partner_words p
      where p.word = w.word and p.partner_key <> ${key} limit ${limit}) as c) as n from w),
    chosen as (select word from counted
      where n < ${limit} or not exists (select 1 from counted where n < ${limit}))`;
  const { rows } = postgres
    ? await sql<{ word: string; partner_key: string }>`${chosen}
      select c.word, p.partner_key from chosen c cross join lateral (select partner_key
        from partner_words where partner_words.word = c.word and partner_key <> ${key}
        limit ${limit}) as p`.execute(k)
    : await sql<{ word: string; partner_key: string }>`${chosen}
      select p.word, p.partner_key from partner_words p
      where p.word in (select word from chosen) and p.partner_key <> ${key}
      limit ${literalLimit(cap * words.length)}`.execute(k);
  return rows;
}
