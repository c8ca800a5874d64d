// The words under which the register indexes a partner key, so "who works with X?" finds near
// matches without reading the register whole: the key's significant words (aliases made one),
// the initials of its runs of words (so `tu` finds `technische universiteit delft`), and, for
// looking up typed words with a typo, each word's variants with one letter left out (two typed
// words within one edit of each other share a variant, a swap of two letters included).
import { isStopWord, keyWords, significantTokens } from './near-match.js';

const MAX_RUN = 6;
const MIN_VARIANT_WORD = 5;
/** Most words of a lookup that are indexed or searched (a name, not a paragraph). */
export const MAX_LOOKUP_WORDS = 8;

/** The words a partner key is indexed under. */
export function partnerWords(key: string): string[] {
  const words = keyWords(key);
  const out = new Set(significantTokens(key).filter((w) => w.length >= 2));
  for (let i = 0; i < words.length; i++) {
    for (let length = 2; length <= Math.min(MAX_RUN, words.length - i); length++) {
      const run = words.slice(i, i + length);
      if (isStopWord(run[0] as string) || isStopWord(run[run.length - 1] as string)) continue;
      const all = run.map((w) => w[0]).join('');
      const significant = run
        .filter((w) => !isStopWord(w))
        .map((w) => w[0])
        .join('');
      if (all.length >= 2) out.add(all);
      if (significant.length >= 2) out.add(significant);
    }
  }
  return [...out].slice(0, 40);
}

/** A word and its variants with one letter left out (words of five letters or more). */
export function wordVariants(word: string): string[] {
  const letters = [...word];
  const out = new Set([word]);
  if (letters.length >= MIN_VARIANT_WORD) {
    for (let i = 0; i < letters.length; i++)
      out.add([...letters.slice(0, i), ...letters.slice(i + 1)].join(''));
  }
  return [...out];
}

/** The words of a typed lookup to search the index with (capped). */
export function lookupWords(key: string): string[] {
  return partnerWords(key).slice(0, MAX_LOOKUP_WORDS * 2);
}
