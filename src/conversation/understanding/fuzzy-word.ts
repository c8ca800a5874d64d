// A word of a small, closed vocabulary (number words, units, currency words) typed with one
// slip: a letter too many or too few, one wrong, or two swapped (`duizned`, `maandn`, `yaer`).
// The vocabulary is small and its words are far apart; short words are never corrected, since
// one slip turns an ordinary word into them (`echt` is one edit from `acht`, `hour` from `four`).
import { editDistance } from '../../domain/text/edit-distance.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/** The vocabulary word `typed` is one edit from, when exactly one is. */
export function correctedWord(
  typed: string,
  vocabulary: Iterable<string>,
  minLength = 6,
  /** Words that mean the same (`maand` and `maanden`): several of them within reach is no doubt. */
  sameAs: (a: string, b: string) => boolean = (a, b) => a === b,
): string | null {
  if ([...typed].length < minLength - 1) return null;
  let hit: string | null = null;
  for (const w of vocabulary) {
    if (w.length < minLength || Math.abs(w.length - typed.length) > 1) continue;
    if (editDistance(typed, w, 1) <= 1) {
      if (hit !== null && !sameAs(hit, w)) return null;
      hit = w;
    }
  }
  return hit;
}

/**
 * A word that `accepts` after one edit (for words built from parts, such as Dutch number words:
 * `twintigduizned`), when all such edits give one value.
 */
export function correctedBy<T>(typed: string, accepts: (word: string) => T | null): T | null {
  if ([...typed].length < 7) return null;
  const found = new Map<string, T>();
  const tryWord = (w: string) => {
    const v = accepts(w);
    if (v !== null) found.set(JSON.stringify(v), v);
  };
  for (let i = 0; i < typed.length; i++) tryWord(typed.slice(0, i) + typed.slice(i + 1));
  for (let i = 0; i + 1 < typed.length; i++)
    tryWord(typed.slice(0, i) + (typed[i + 1] ?? '') + (typed[i] ?? '') + typed.slice(i + 2));
  for (let i = 0; i <= typed.length; i++) {
    for (const c of ALPHABET) {
      tryWord(typed.slice(0, i) + c + typed.slice(i));
      if (i < typed.length) tryWord(typed.slice(0, i) + c + typed.slice(i + 1));
    }
  }
  return found.size === 1 ? ([...found.values()][0] as T) : null;
}
