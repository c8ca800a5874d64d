// Reading a typed answer as one of a question's options (partner types, priorities,
// intensities, who needs whom, yes/no): by its number when the list shows numbers, its id, its
// name in either language, an unambiguous start of a name, its words in another form (a stem,
// a split or joined compound: `verkenning` for Verkennen, `kennis instelling`), a small typo
// (`kennisinsteling`, `projct`), the strategy's keywords for it (`universiteit`), or a word of its
// description (`warmtenetten`). The strongest reading wins; two options about equally strong are
// a question back, never a guess.

import { editDistance, isTypoOf, typoAllowance } from '../../domain/text/edit-distance.js';
import { fold } from '../fold.js';
import { stems } from './stem.js';
import { wordsOf } from './tokens.js';

export interface OptionTerms {
  id: string;
  /** Names in both languages and other exact words for the option. */
  names: ReadonlyArray<string>;
  /** Words that point to the option (the strategy's keywords, common synonyms). */
  keywords?: ReadonlyArray<string>;
  /** Its descriptions: their longer words point to it, weakly. */
  descriptions?: ReadonlyArray<string>;
}

export type OptionMatch =
  | {
      kind: 'match';
      id: string;
      /** Read literally (number, id or name as written): nothing to say back. */
      literal: boolean;
    }
  | { kind: 'ambiguous'; ids: string[] }
  /** `closest`: the options nearest to what was typed, best first, for a "did you mean". */
  | { kind: 'none'; closest: string[] };

export interface MatchOptions {
  /** The list shows numbers: a bare number picks the option at that place. */
  numbered?: boolean;
}

/** Words that carry nothing in an answer ("een bedrijf denk ik", "it's a university I think"). */
const FILLER = new Set([
  'een',
  'de',
  'het',
  "'t",
  'a',
  'an',
  'the',
  'graag',
  'please',
  'pls',
  'denk',
  'ik',
  'i',
  'think',
  'guess',
  'eh',
  'ehm',
  'uh',
  'uhm',
  'um',
  'hmm',
  'nou',
  'well',
  'hoor',
  'gewoon',
  'just',
  'is',
  'it',
  "it's",
  'its',
  'het is',
  'dat',
  'dit',
  'that',
  'this',
  'zou',
  'zeggen',
  'say',
  'id',
  "i'd",
  'maybe',
  'misschien',
  'waarschijnlijk',
  'probably',
  'soort',
  'kind',
  'sort',
  'of',
  'type',
  'echt',
  'really',
  'eigenlijk',
  'actually',
  'dan',
  'then',
  'so',
  'dus',
  'we',
  'wij',
  'ze',
  'zij',
  'they',
  'are',
  'zijn',
  'wordt',
  'will',
  'be',
  'volgens',
  'mij',
  'me',
  'antwoord',
  'answer',
  'optie',
  'option',
  'nummer',
  'number',
  'ok',
  'oke',
  'okay',
  'ander',
  'andere',
  'another',
  'other',
  'iets',
  'something',
  'met',
  'with',
  'in',
  'voor',
  'for',
]);
const LINK = new Set(['en', 'and', 'of', 'or', 'van', 'voor', 'for', 'in', 'op', 'on', 'met', 'with', '&']);

interface Prepared {
  id: string;
  names: string[][];
  keywords: string[][];
  descriptionWords: string[];
}

const LEVEL = {
  literal: 100,
  compound: 92,
  stem: 90,
  typo: 80,
  keyword: 68,
  nameWords: 72,
  prefix: 66,
  namePart: 64,
  description: 50,
} as const;

export function matchOption(
  input: string,
  options: ReadonlyArray<OptionTerms>,
  match: MatchOptions = {},
): OptionMatch {
  const folded = fold(input)
    .replace(/[.)!?]+$/u, '')
    .trim();
  if (folded === '') return { kind: 'none', closest: [] };
  if (/^\d+$/u.test(folded)) {
    const picked = match.numbered ? options[Number(folded) - 1] : undefined;
    return picked ? { kind: 'match', id: picked.id, literal: true } : { kind: 'none', closest: [] };
  }
  const literal = options.find((o) => fold(o.id) === folded || o.names.some((n) => fold(n) === folded));
  if (literal) return { kind: 'match', id: literal.id, literal: true };

  const prepared = options.map(prepare);
  const nameWords = new Set(prepared.flatMap((o) => [...o.names.flat(), ...o.keywords.flat()]));
  const words = wordsOf(folded).filter((w) => !FILLER.has(w) || nameWords.has(w));
  if (words.length === 0) return { kind: 'none', closest: [] };

  const scored = prepared
    .map((o) => ({ id: o.id, score: score(words, o, prepared) }))
    .sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (!best || best.score < LEVEL.description) return { kind: 'none', closest: closest(words, prepared) };
  if (second && second.score >= LEVEL.description && best.score - second.score < 4) {
    return {
      kind: 'ambiguous',
      ids: scored.filter((s) => best.score - s.score < 4 && s.score >= LEVEL.description).map((s) => s.id),
    };
  }
  return { kind: 'match', id: best.id, literal: false };
}

function prepare(o: OptionTerms): Prepared {
  const list = (xs: ReadonlyArray<string> | undefined) =>
    (xs ?? []).map((x) => wordsOf(fold(x))).filter((ws) => ws.length > 0);
  const names = list([...o.names, o.id.replace(/[-_]/gu, ' ')]);
  const descriptionWords = (o.descriptions ?? [])
    .flatMap((d) => wordsOf(fold(d)))
    .filter((w) => w.length >= 6 && !LINK.has(w));
  const keywords = [...new Map(list(o.keywords).map((k) => [k.join(' '), k])).values()];
  return { id: o.id, names, keywords, descriptionWords };
}

function score(words: string[], o: Prepared, all: ReadonlyArray<Prepared>): number {
  let best = 0;
  const compact = words.join('');
  for (const name of o.names) {
    const nameCompact = name.join('');
    if (compact === nameCompact) best = Math.max(best, LEVEL.compound);
    else if (sameStems(words, name)) best = Math.max(best, LEVEL.stem);
    else if (isTypoOf(compact, nameCompact) || sameWordsWithTypos(words, name))
      best = Math.max(best, LEVEL.typo - editDistance(compact, nameCompact, 2));
    else if (compact.length >= 3 && isUniquePrefix(compact, nameCompact, all))
      best = Math.max(best, LEVEL.prefix);
    else if (significant(name).some((n) => words.some((w) => sameWord(w, n))))
      best = Math.max(best, LEVEL.nameWords);
    else if (name.length === 1 && words.some((w) => isCompoundPart(w, nameCompact)))
      best = Math.max(best, LEVEL.namePart);
  }
  const nameLevel = best;
  const weight = keywordWeight(words, o.keywords);
  if (weight > 0) {
    const keyword = LEVEL.keyword + 6 * Math.min(weight, 5);
    // A name word and a keyword both pointing here weigh more than either alone.
    best = nameLevel >= LEVEL.namePart ? Math.max(nameLevel, keyword) + 2 : Math.max(best, keyword);
  }
  if (best < LEVEL.description) {
    const hits = new Set(
      words.filter((w) => w.length >= 5 && o.descriptionWords.some((d) => sameWord(w, d))),
    );
    if (hits.size > 0) best = LEVEL.description + Math.min(hits.size, 3) - 1;
  }
  if (best < LEVEL.description && words.some((w) => w.length >= 4 && isUniqueKeywordPrefix(w, o, all)))
    best = LEVEL.description;
  return best;
}

/** A typed word that is the last (or first) part of a one-word name: `kwaliteit` for Waterkwaliteit. */
function isCompoundPart(word: string, name: string): boolean {
  return word.length >= 6 && name.length > word.length + 2 && (name.endsWith(word) || name.startsWith(word));
}

/**
 * How strongly the words point to an option by its keywords: the number of typed words its
 * keywords cover (so "trade association" outweighs "association", and `netwerk` counts once
 * though it meets both `netwerk` and `network`); a keyword only inside a compound counts little.
 */
export function keywordWeight(
  words: ReadonlyArray<string>,
  keywords: ReadonlyArray<ReadonlyArray<string>>,
): number {
  const covered = new Set<number>();
  let inCompound = false;
  for (const k of keywords) {
    const at = wholeCover(words, k);
    if (at) for (const i of at) covered.add(i);
    else if (!inCompound && containsPhrase(words, k)) inCompound = true;
  }
  return covered.size > 0 ? covered.size : inCompound ? 0.3 : 0;
}

/** The indices of the typed words that hold the phrase word for word (or two typed words as one). */
function wholeCover(words: ReadonlyArray<string>, phrase: ReadonlyArray<string>): number[] | null {
  for (let i = 0; i + phrase.length <= words.length; i++) {
    if (phrase.every((p, k) => sameWord(words[i + k] as string, p))) return phrase.map((_, k) => i + k);
  }
  const joined = phrase.join('');
  if (phrase.length > 1) {
    const at = words.findIndex((w) => sameWord(w, joined));
    if (at !== -1) return [at];
  }
  for (let i = 0; i + 1 < words.length; i++)
    if (sameWord(`${words[i]}${words[i + 1]}`, joined)) return [i, i + 1];
  return null;
}

/** `univ`: the start of one keyword of this option and of no other option's. */
function isUniqueKeywordPrefix(word: string, o: Prepared, all: ReadonlyArray<Prepared>): boolean {
  const starts = (p: Prepared) =>
    p.keywords.some((k) => (k[0] ?? '').startsWith(word) && (k[0] ?? '') !== word);
  return starts(o) && all.filter(starts).length === 1;
}

function significant(words: ReadonlyArray<string>): string[] {
  return words.filter((w) => !LINK.has(w) && w.length >= 3);
}

/** The same word: equal, the same stem in Dutch or English, or a small typo. */
export function sameWord(typed: string, target: string): boolean {
  if (typed === target) return true;
  const plains = withoutDiminutive(typed);
  if (plains.includes(target)) return true;
  const plain = plains.find((p) => p.length >= 4 && target.startsWith(p.slice(0, 4))) ?? typed;
  const [a1, a2] = stems(plain);
  const [b1, b2] = stems(target);
  if (a1 === b1 || a2 === b2) return a1.length >= 3;
  return isTypoOf(typed, target) || (a1.length >= 7 && isTypoOf(a1, b1));
}

/** Dutch diminutives: `projectje`, `bedrijfje`, `workshopje` are a project, a company, a workshop. */
function withoutDiminutive(word: string): string[] {
  if (word.length < 7) return [];
  return ['etjes', 'tjes', 'jes', 'etje', 'tje', 'je']
    .filter((suffix) => word.endsWith(suffix) && word.length - suffix.length >= 4)
    .map((suffix) => word.slice(0, -suffix.length));
}

function sameStems(words: string[], name: string[]): boolean {
  if (words.length === name.length && words.every((w, i) => sameStem(w, name[i] as string))) return true;
  return sameStem(words.join(''), name.join(''));
}

function sameStem(a: string, b: string): boolean {
  if (a.length < 4 || b.length < 4) return a === b;
  const [a1, a2] = stems(a);
  const [b1, b2] = stems(b);
  return a1 === b1 || a2 === b2;
}

function sameWordsWithTypos(words: string[], name: string[]): boolean {
  return (
    words.length === name.length && words.every((w, i) => w === name[i] || isTypoOf(w, name[i] as string))
  );
}

function isUniquePrefix(typed: string, name: string, all: ReadonlyArray<Prepared>): boolean {
  if (!name.startsWith(typed)) return false;
  const owners = all.filter((o) => o.names.some((n) => n.join('').startsWith(typed)));
  return owners.length === 1;
}

/** Does the answer hold the phrase, word by word (each word in any form), or joined? */
export function containsPhrase(
  words: ReadonlyArray<string>,
  phrase: ReadonlyArray<string>,
  /** `whole`: word for word only, not inside a compound. */
  how: { whole?: boolean } = {},
): boolean {
  if (phrase.length === 0) return false;
  for (let i = 0; i + phrase.length <= words.length; i++) {
    if (phrase.every((p, k) => sameWord(words[i + k] as string, p))) return true;
  }
  const joined = phrase.join('');
  if (phrase.length > 1) return words.some((w) => sameWord(w, joined));
  if (how.whole) return false;
  // Two typed words that are one ("hitte stress" for hittestress, "mee denken").
  for (let i = 0; i + 1 < words.length; i++) if (sameWord(`${words[i]}${words[i + 1]}`, joined)) return true;
  // A keyword at either end of a compound the person typed ("waterkwaliteitsplan",
  // "netwerkbijeenkomst", "dijkversterkingsproject").
  return (
    joined.length >= 6 &&
    words.some((w) => w.length > joined.length + 2 && (w.startsWith(joined) || w.endsWith(joined)))
  );
}

/** The options nearest to the typed words (by edit distance to a name or its start), best first. */
function closest(words: string[], all: ReadonlyArray<Prepared>): string[] {
  const compact = words.join('');
  const wordDistance = (w: string, nw: string) =>
    w.length >= 3 && nw.startsWith(w) ? 0.2 : editDistance(w, nw, 4) / Math.max(1, nw.length);
  const ranked = all
    .map((o) => {
      const d = Math.min(
        ...o.names.map((n) => {
          const nc = n.join('');
          return compact.length >= 3 && nc.startsWith(compact)
            ? 0.1
            : editDistance(compact, nc, 6) / Math.max(1, nc.length);
        }),
        ...o.names.flatMap((n) => n.flatMap((nw) => words.map((w) => wordDistance(w, nw)))),
      );
      return { id: o.id, d };
    })
    .filter((r) => r.d <= 0.5)
    .sort((a, b) => a.d - b.d);
  return ranked.slice(0, 3).map((r) => r.id);
}

export { typoAllowance };
