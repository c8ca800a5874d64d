// Near matches between partner keys, for people's question "who works with X?" (never for the
// check's `existing_relationship` notice, which is exact by contract). Pure.
//
// Two keys are compared as words: stop words dropped, a few Dutch/English words made one
// (`universiteit` = `university`), and an acronym on one side standing for a run of words on
// the other (`tu delft` ~ `technische universiteit delft`, `wur` ~ `wageningen university &
// research`, `uva` ~ `universiteit van amsterdam`). The score is the larger of the Dice overlap
// and a discounted containment, so `rijnland` finds `hoogheemraadschap van rijnland` while
// `tu delft` does not find `gemeente delft`.

import { areNearWords } from '../text/edit-distance.js';

const STOP_WORDS: ReadonlySet<string> = new Set([
  'van',
  'de',
  'der',
  'den',
  'het',
  'een',
  'en',
  'of',
  'voor',
  'in',
  'op',
  'te',
  'aan',
  'the',
  'and',
  'for',
  'a',
  'an',
  'at',
  'on',
]);

/** Words that name the same thing in Dutch and English, compared as the English word. */
const ALIASES: Readonly<Record<string, string>> = {
  universiteit: 'university',
  technische: 'technical',
  gemeente: 'municipality',
  provincie: 'province',
  ministerie: 'ministry',
  stichting: 'foundation',
  vereniging: 'association',
  instituut: 'institute',
  ziekenhuis: 'hospital',
};

/** Scores at or above this are near matches. */
export const NEAR_MATCH_THRESHOLD = 0.6;
const CONTAINMENT_WEIGHT = 0.8;
const TYPO_WEIGHT = 0.9;
const MAX_ACRONYM = 6;
const MAX_RUN = 6;

/** The words of a partner key (letters and digits; everything else separates). */
export function keyWords(key: string): string[] {
  return key.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** The words that identify a partner: no stop words, aliases made one. */
export function significantTokens(key: string): string[] {
  return canonical(keyWords(key));
}

function canonical(words: ReadonlyArray<string>): string[] {
  return words.filter((w) => !STOP_WORDS.has(w)).map((w) => ALIASES[w] ?? w);
}

function mayBeAcronym(word: string): boolean {
  return word.length >= 2 && word.length <= MAX_ACRONYM && /^\p{L}+$/u.test(word) && !STOP_WORDS.has(word);
}

/** Initials of a run of words: of every word, and of the words that are not stop words. */
export function runInitials(run: ReadonlyArray<string>): string[] {
  const all = run.map((w) => w[0]).join('');
  const significant = run
    .filter((w) => !STOP_WORDS.has(w))
    .map((w) => w[0])
    .join('');
  return all === significant ? [all] : [all, significant];
}

/** Replaces each run of two or more words whose initials are one of `acronyms` by that acronym. */
function collapseAcronyms(words: ReadonlyArray<string>, acronyms: ReadonlySet<string>): string[] {
  if (acronyms.size === 0) return [...words];
  const out: string[] = [];
  let i = 0;
  while (i < words.length) {
    let matched: { acronym: string; length: number } | null = null;
    const first = words[i] as string;
    for (
      let length = Math.min(MAX_RUN, words.length - i);
      length >= 2 && matched === null && !STOP_WORDS.has(first);
      length--
    ) {
      const run = words.slice(i, i + length);
      if (STOP_WORDS.has(run[run.length - 1] as string)) continue;
      const hit = runInitials(run).find((a) => acronyms.has(a));
      if (hit !== undefined) matched = { acronym: hit, length };
    }
    if (matched) {
      out.push(matched.acronym);
      i += matched.length;
    } else {
      out.push(first);
      i++;
    }
  }
  return out;
}

/** How alike two partner keys are, from 0 (nothing shared) to 1. */
export function nearMatchScore(keyA: string, keyB: string): number {
  return nearMatcher(keyA)(keyB);
}

/** One side of a comparison, read once: its words, the acronyms it may hold, its runs' initials. */
interface KeySide {
  words: string[];
  acronyms: Set<string>;
  /** Initials of every run of two words or more (a run collapses only to one of these); read when first needed. */
  initials: Set<string> | null;
  /** Its words with no acronym collapsed: stop words dropped, aliases made one. */
  plain: string[];
}

function sideOf(key: string): KeySide {
  const words = keyWords(key);
  return { words, acronyms: new Set(words.filter(mayBeAcronym)), initials: null, plain: canonical(words) };
}

function initialsOf(side: KeySide): Set<string> {
  if (side.initials) return side.initials;
  const { words } = side;
  const initials = new Set<string>();
  for (let i = 0; i < words.length; i++)
    for (let length = 2; length <= Math.min(MAX_RUN, words.length - i); length++)
      for (const x of runInitials(words.slice(i, i + length))) initials.add(x);
  side.initials = initials;
  return initials;
}

/** `words` with runs collapsed to the other side's acronyms, when one of them is their initials. */
function collapsedAgainst(side: KeySide, other: KeySide): string[] {
  if (other.acronyms.size === 0 || side.words.length < 2) return side.plain;
  const initials = initialsOf(side);
  for (const acronym of other.acronyms)
    if (initials.has(acronym)) return canonical(collapseAcronyms(side.words, other.acronyms));
  return side.plain;
}

/**
 * The score of every key against `keyA` (nearMatchScore with `keyA` read once): for scoring many
 * candidates against one lookup.
 */
export function nearMatcher(keyA: string): (keyB: string) => number {
  const a = sideOf(keyA);
  return (keyB) => {
    const b = sideOf(keyB);
    const sa = collapsedAgainst(a, b);
    const sb = collapsedAgainst(b, a);
    if (sa.length === 0 || sb.length === 0) return 0;
    // A word typed with a small typo (`deltaris`) counts almost as much as the word itself.
    const left = [...sa];
    let common = 0;
    for (const w of sb) {
      let at = left.indexOf(w);
      let weight = 1;
      if (at === -1) {
        at = left.findIndex((l) => areNearWords(w, l));
        weight = TYPO_WEIGHT;
      }
      if (at !== -1) {
        common += weight;
        left.splice(at, 1);
      }
    }
    const dice = (2 * common) / (sa.length + sb.length);
    const containment = common / Math.min(sa.length, sb.length);
    return Math.max(dice, CONTAINMENT_WEIGHT * containment);
  };
}

export function isNearMatch(keyA: string, keyB: string): boolean {
  return keyA !== keyB && nearMatchScore(keyA, keyB) >= NEAR_MATCH_THRESHOLD;
}
