// The register's vocabulary: every word the partner keys are indexed under (partner_words, the
// initials left out), held in memory and sorted, so that "who works with X?" finds the words one
// or two typos from a typed one by walking it (words-within.ts) rather than by asking the
// database for variants; and how many keys each entry (initials too) had when it was read, so
// that the words too common to tell names apart are known before the index is asked. It is read
// once per open store, and then kept up to date:
//
// - words this process indexes (a check's new relationship, an import) are added as they are
//   indexed, by any store of the process: a word another store of the process holds is at worst
//   one more word that no key of this store has. When more have been indexed than are kept for
//   adding (an import of thousands of names), the vocabulary is read again at the next lookup;
// - words another process indexed (a second instance, `koers import`) are found from the next
//   reading, which a lookup starts, in the background, once the vocabulary is a minute old. Until
//   then such a word is still found when typed right, through the database's word index. The
//   counts are those of the last reading: a word this process added since has none (it is taken
//   as rare), and one that became common since is taken as rare until the next reading.
import { PostgresAdapter, sql } from 'kysely';
import { INITIALS_MARK } from '../domain/portfolio/partner-words.js';
import { byCodeUnits, sortedVocabulary } from '../domain/text/words-within.js';
import { type Db, sqlOf } from './store-handle.js';

/** How old a vocabulary may be before a lookup starts reading it again. */
export const VOCABULARY_MAX_AGE_MS = 60_000;
/** Words indexed by this process that are kept for adding to the vocabularies read before. */
const KEPT = 4_096;
/** More new words than this are added by sorting again rather than one by one. */
const ADD_ONE_BY_ONE = 64;

const kept: string[] = new Array(KEPT);
let indexed = 0;

/** This process is indexing these words (partner-index.ts): vocabularies read before get them. */
export function notePartnerWords(words: Iterable<string>): void {
  for (const w of words) {
    if (w.startsWith(INITIALS_MARK)) continue;
    kept[indexed % KEPT] = w;
    indexed++;
  }
}

/** What a lookup gets: the sorted words, and each entry's number of keys when it was read. */
export interface Vocabulary {
  /** Sorted by UTF-16 code units, as wordsWithin expects them. Do not change. */
  readonly words: ReadonlyArray<string>;
  /** The entry's number of keys at the last reading (undefined: not in it). */
  keyCount(entry: string): number | undefined;
}

interface Held extends Vocabulary {
  words: string[];
  counts: Map<string, number>;
  /** When the reading behind `words` started (Date.now()). */
  readAt: number;
  /** How many words this process had indexed when that reading started; those after are added. */
  seen: number;
  reading: Promise<void> | null;
}

const held = new WeakMap<object, Held>();

/** The vocabulary of the store behind `db` (an open store, not a unit of work). */
export async function partnerVocabulary(db: Db, now = Date.now()): Promise<Vocabulary> {
  const k = sqlOf(db);
  let h = held.get(k);
  if (h === undefined) {
    const fresh: Held = {
      words: [],
      counts: new Map(),
      readAt: 0,
      seen: 0,
      reading: null,
      keyCount: (entry) => fresh.counts.get(entry),
    };
    h = fresh;
    held.set(k, h);
  }
  // Never read yet (or the first reading failed), or too far behind this process's own words:
  // the lookup waits for the reading (or joins the one under way).
  if (h.readAt === 0 || indexed - h.seen > KEPT) await readAgain(db, h, now);
  else if (now - h.readAt > VOCABULARY_MAX_AGE_MS && h.reading === null) {
    // The lookup goes on with the words it has; a failed reading is tried again at the next lookup.
    readAgain(db, h, now).catch(() => undefined);
  }
  addIndexed(h);
  return h;
}

function readAgain(db: Db, h: Held, now: number): Promise<void> {
  if (h.reading !== null) return h.reading;
  const seen = indexed;
  h.reading = readVocabulary(db)
    .then(({ words, counts }) => {
      h.words = words;
      h.counts = counts;
      h.readAt = now;
      h.seen = seen;
    })
    .finally(() => {
      h.reading = null;
    });
  return h.reading;
}

async function readVocabulary(db: Db): Promise<{ words: string[]; counts: Map<string, number> }> {
  // In byte order (PostgreSQL's "C" collation, SQLite's own), which is already the order of code
  // points: sorting it again by code units is a pass over a list in order.
  const order = isPostgres(db) ? sql`order by word collate "C"` : sql`order by word`;
  const { rows } = await sql<{ word: string; n: number | string }>`select word, n from (select word,
    count(*) as n from partner_words group by word) as vocabulary ${order}`.execute(sqlOf(db));
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.word, Number(r.n));
  return {
    words: sortedVocabulary(rows.map((r) => r.word).filter((w) => !w.startsWith(INITIALS_MARK))),
    counts,
  };
}

function isPostgres(db: Db): boolean {
  return sqlOf(db).getExecutor().adapter instanceof PostgresAdapter;
}

/** Adds the words this process indexed since `h` last looked. */
function addIndexed(h: Held): void {
  if (h.seen === indexed) return;
  const fresh: string[] = [];
  for (let n = h.seen; n < indexed; n++) fresh.push(kept[n % KEPT] as string);
  h.seen = indexed;
  if (fresh.length > ADD_ONE_BY_ONE) {
    h.words = sortedVocabulary([...h.words, ...fresh]);
    return;
  }
  for (const w of fresh) {
    const at = firstNotBefore(h.words, w);
    if (h.words[at] !== w) h.words.splice(at, 0, w);
  }
}

function firstNotBefore(sorted: ReadonlyArray<string>, w: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byCodeUnits(sorted[mid] as string, w) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
