// The words under which the register indexes a partner key, so "who works with X?" finds near
// matches without reading the register whole: the key's significant words (aliases made one),
// and the initials of its runs of words, marked as initials (`^tud` for `technische universiteit
// delft`). (Typed words with a typo are found among the register's words held in memory.)
// Initials are kept apart from words so that a typed word finds the names it is the
// initials of (`tu` finds `technische universiteit delft`) and typed initials find the names that
// have them as a word (`wageningen university & research` finds `wur`), while two long names
// with the same initials and nothing else in common are not candidates for each other.
import { isStopWord, keyWords, runInitials, significantTokens } from './near-match.js';

const MAX_RUN = 6;
/** Most words of a lookup that are indexed or searched (a name, not a paragraph). */
export const MAX_LOOKUP_WORDS = 8;

/** Marks an index entry as the initials of a run of words, not a word. */
export const INITIALS_MARK = '^';

/** The words a partner key is indexed under: its words, and its initials marked. */
export function partnerWords(key: string): string[] {
  const out = new Set(significantTokens(key).filter((w) => w.length >= 2));
  for (const x of initialsOf(key)) out.add(INITIALS_MARK + x);
  return [...out].slice(0, 40);
}

/** The initials of a key's runs of two to six words, of all of them and of the significant ones. */
function initialsOf(key: string): string[] {
  const words = keyWords(key);
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    for (let length = 2; length <= Math.min(MAX_RUN, words.length - i); length++) {
      const run = words.slice(i, i + length);
      if (isStopWord(run[0] as string) || isStopWord(run[run.length - 1] as string)) continue;
      for (const x of runInitials(run)) if (x.length >= 2) out.add(x);
    }
  }
  return [...out];
}

export interface LookupTerms {
  /** The lookup's significant words: looked up as they are and, for a typo, among the register's words. */
  words: string[];
  /** What to read from the index: the words, the words as initials, the lookup's own initials. */
  terms: string[];
}

/** What a typed lookup searches the index with (capped: a name, not a paragraph). */
export function lookupTerms(key: string): LookupTerms {
  const words = significantTokens(key)
    .filter((w) => w.length >= 2)
    .slice(0, MAX_LOOKUP_WORDS);
  const unique = [...new Set(words)];
  const terms = new Set<string>();
  for (const w of unique) {
    terms.add(w);
    terms.add(INITIALS_MARK + w);
  }
  for (const x of initialsOf(key).slice(0, MAX_LOOKUP_WORDS)) terms.add(x);
  return { words: unique, terms: [...terms] };
}
