// The edit distance and the near-match score are on the hot path of "who works with X?" and of
// reading answers, and are written for speed (a banded table kept between calls; a lookup read
// once for many candidates). They must give exactly what the plain definitions give: checked here
// against straightforward implementations over many generated words and names.
import { describe, expect, it } from 'vitest';
import {
  isStopWord,
  keyWords,
  nearMatcher,
  nearMatchScore,
  significantTokens,
} from '../../../src/domain/portfolio/near-match.js';
import { areNearWords, editDistance, isNearWord } from '../../../src/domain/text/edit-distance.js';
import { sortedVocabulary, wordsWithin } from '../../../src/domain/text/words-within.js';
import { seededRandom } from '../../support/seeded-random.js';

/** Optimal string alignment distance, the whole table, nothing kept. */
function plainDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min(
        (up[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  return (d[a.length] as number[])[b.length] as number;
}

/** Stop words dropped and aliases made one, by the scorer's own word rules (not what is tested here). */
const canonical = (ws: string[]) => significantTokens(ws.join(' '));
const mayBeAcronym = (w: string) => w.length >= 2 && w.length <= 6 && /^\p{L}+$/u.test(w) && !isStopWord(w);

/** The score as defined: runs collapsed to the other side's acronyms, then words compared. */
function plainScore(keyA: string, keyB: string): number {
  const collapse = (words: string[], acronyms: Set<string>) => {
    const out: string[] = [];
    for (let i = 0; i < words.length; ) {
      let hit: [string, number] | null = null;
      for (let n = Math.min(6, words.length - i); n >= 2 && !hit && !isStopWord(words[i] as string); n--) {
        const run = words.slice(i, i + n);
        if (isStopWord(run[n - 1] as string)) continue;
        const all = run.map((w) => w[0]).join('');
        const sig = run
          .filter((w) => !isStopWord(w))
          .map((w) => w[0])
          .join('');
        const found = [all, sig].find((x) => acronyms.has(x));
        if (found) hit = [found, n];
      }
      out.push(hit ? hit[0] : (words[i] as string));
      i += hit ? hit[1] : 1;
    }
    return out;
  };
  const a = keyWords(keyA);
  const b = keyWords(keyB);
  const sa = canonical(collapse(a, new Set(b.filter(mayBeAcronym))));
  const sb = canonical(collapse(b, new Set(a.filter(mayBeAcronym))));
  if (sa.length === 0 || sb.length === 0) return 0;
  const left = [...sa];
  let common = 0;
  for (const w of sb) {
    let at = left.indexOf(w);
    let weight = 1;
    if (at === -1) {
      at = left.findIndex((l) => isNearWord(w, l) || isNearWord(l, w));
      weight = 0.9;
    }
    if (at !== -1) {
      common += weight;
      left.splice(at, 1);
    }
  }
  return Math.max((2 * common) / (sa.length + sb.length), (0.8 * common) / Math.min(sa.length, sb.length));
}

const rnd = seededRandom(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const LETTERS = 'aeilnorstdé';
function word(): string {
  return Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => pick([...LETTERS])).join('');
}
function mutate(w: string): string {
  const at = Math.floor(rnd() * (w.length + 1));
  const kind = Math.floor(rnd() * 4);
  if (kind === 0) return w.slice(0, at) + pick([...LETTERS]) + w.slice(at);
  if (kind === 1) return w.slice(0, at) + w.slice(at + 1);
  if (kind === 2) return w.slice(0, at) + pick([...LETTERS]) + w.slice(at + 1);
  return w.slice(0, at) + (w[at + 1] ?? '') + (w[at] ?? '') + w.slice(at + 2);
}
const NAME_WORDS = [
  'tu',
  'delft',
  'technische',
  'universiteit',
  'van',
  'amsterdam',
  'uva',
  'wur',
  'wageningen',
  'university',
  'research',
  'deltares',
  'deltaris',
  'gemeente',
  'utrecht',
  'stichting',
  'de',
  'groep',
  'tud',
  'ua',
];

describe('the fast edit distance', () => {
  it('is the plain distance, and past a bound says only that it is past it', () => {
    for (let n = 0; n < 4000; n++) {
      const a = word();
      const b = rnd() < 0.5 ? mutate(mutate(a)) : word();
      const exact = plainDistance(a, b);
      expect(editDistance(a, b), `${a} ${b}`).toBe(exact);
      for (const max of [0, 1, 2, 3])
        expect(editDistance(a, b, max), `${a} ${b} max ${max}`).toBe(Math.min(exact, max + 1));
    }
  });

  it('tells near words either way round', () => {
    for (let n = 0; n < 4000; n++) {
      const a = word();
      const b = rnd() < 0.7 ? mutate(a) : word();
      expect(areNearWords(a, b), `${a} ${b}`).toBe(isNearWord(a, b) || isNearWord(b, a));
    }
  });
});

describe('the words of a vocabulary within a few edits', () => {
  it('are the words the plain distance puts within reach, whatever their beginnings share', () => {
    for (let n = 0; n < 150; n++) {
      // Few letters, so that words share beginnings the way a trie's branches do; some near the
      // typed word, so that there is something to find.
      const typed = word();
      const words = Array.from({ length: 300 }, () =>
        rnd() < 0.3 ? mutate(mutate(typed)) : rnd() < 0.5 ? mutate(word()) : word(),
      );
      const vocabulary = sortedVocabulary(words);
      for (const max of [0, 1, 2, 3]) {
        const expected = vocabulary.filter((w) => plainDistance(typed, w) <= max);
        expect(wordsWithin(vocabulary, typed, max), `${typed} within ${max}`).toEqual(expected);
      }
    }
  });
});

describe('the near-match scorer', () => {
  it('gives the score as defined, for one lookup read once and scored against many names', () => {
    const name = () =>
      Array.from({ length: 1 + Math.floor(rnd() * 5) }, () =>
        rnd() < 0.2 ? mutate(pick(NAME_WORDS)) : pick(NAME_WORDS),
      ).join(' ');
    for (let n = 0; n < 300; n++) {
      const a = name();
      const score = nearMatcher(a);
      for (let m = 0; m < 20; m++) {
        const b = name();
        expect(score(b), `${a} | ${b}`).toBeCloseTo(plainScore(a, b), 12);
        expect(nearMatchScore(b, a), `${b} | ${a}`).toBeCloseTo(plainScore(b, a), 12);
      }
    }
  });
});
