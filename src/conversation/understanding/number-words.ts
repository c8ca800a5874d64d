// Numbers as people write them in words, in Dutch and English: `acht`, `twaalf`,
// `vijfentwintig`, `twintigduizend`, `tweehonderdvijftig`, `anderhalf`, `een ton` (100.000),
// `twenty-five thousand`, `one and a half million`, `half a million`. Digits mixed with words
// (`25 duizend`, `1,2 miljoen`) are read too. Input is folded (lower case, no diacritics).
import { correctedBy, correctedWord } from './fuzzy-word.js';
import { readDigits } from './read-digits.js';

const NL_SMALL: Record<string, number> = {
  nul: 0,
  een: 1,
  eén: 1,
  twee: 2,
  drie: 3,
  vier: 4,
  vijf: 5,
  zes: 6,
  zeven: 7,
  acht: 8,
  negen: 9,
  tien: 10,
  elf: 11,
  twaalf: 12,
  dertien: 13,
  veertien: 14,
  vijftien: 15,
  zestien: 16,
  zeventien: 17,
  achttien: 18,
  negentien: 19,
};
const NL_TENS: Record<string, number> = {
  twintig: 20,
  dertig: 30,
  veertig: 40,
  vijftig: 50,
  zestig: 60,
  zeventig: 70,
  tachtig: 80,
  negentig: 90,
};
const EN_SMALL: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** Words that multiply what comes before them (`ton` is Dutch money talk for 100.000). */
export const MULTIPLIERS: Record<string, number> = {
  k: 1_000,
  duizend: 1_000,
  thousand: 1_000,
  ton: 100_000,
  mille: 1_000,
  m: 1_000_000,
  mln: 1_000_000,
  mio: 1_000_000,
  miljoen: 1_000_000,
  million: 1_000_000,
  miljard: 1_000_000_000,
  billion: 1_000_000_000,
};
const ONE_AND_A_HALF = new Set(['anderhalf', 'anderhalve']);
const ARTICLE_ONE = new Set(['een', 'a', 'an', 'one']);

/** A Dutch number written as one word below a thousand: `vijfentwintig`, `honderdtwintig`. */
function dutchBelowThousand(w: string): number | null {
  if (w === '') return 0;
  const hundred = w.indexOf('honderd');
  if (hundred !== -1) {
    const head = w.slice(0, hundred);
    const tail = w.slice(hundred + 'honderd'.length).replace(/^en/u, '');
    const h = head === '' ? 1 : dutchBelowHundred(head);
    const t = dutchBelowHundred(tail);
    return h === null || t === null || h > 9 ? null : h * 100 + t;
  }
  return dutchBelowHundred(w);
}

function dutchBelowHundred(w: string): number | null {
  if (w === '') return 0;
  if (w in NL_SMALL) return NL_SMALL[w] as number;
  if (w in NL_TENS) return NL_TENS[w] as number;
  const m = /^(een|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:en|ën|-en-)(\p{L}+)$/u.exec(w);
  if (m) {
    const tens = NL_TENS[m[2] as string];
    if (tens !== undefined) return (NL_SMALL[m[1] as string] as number) + tens;
  }
  return null;
}

/** A Dutch number written as one word: `twintigduizend`, `vijfentwintigduizend`, `tweeënhalf`. */
export function dutchNumberWord(word: string): number | null {
  const w = word.replace(/ë/gu, 'e');
  if (w.endsWith('enhalf') && w.length > 'enhalf'.length) {
    const base = dutchNumberWord(w.slice(0, -'enhalf'.length));
    return base === null ? null : base + 0.5;
  }
  for (const [word, factor] of [
    ['miljoen', 1_000_000],
    ['duizend', 1_000],
  ] as const) {
    const at = w.indexOf(word);
    if (at !== -1) {
      const head = w.slice(0, at);
      const tail = w.slice(at + word.length).replace(/^en/u, '');
      const h = head === '' ? 1 : dutchNumberWord(head);
      const t = tail === '' ? 0 : dutchNumberWord(tail);
      return h === null || t === null || t >= factor ? null : h * factor + t;
    }
  }
  return dutchBelowThousand(w);
}

function smallNumber(word: string): number | null {
  if (word in EN_SMALL) return EN_SMALL[word] as number;
  const hyphen = /^([a-z]+)-([a-z]+)$/u.exec(word);
  if (hyphen) {
    const tens = EN_SMALL[hyphen[1] as string];
    const unit = EN_SMALL[hyphen[2] as string];
    if (tens !== undefined && unit !== undefined && tens >= 20 && tens % 10 === 0 && unit < 10)
      return tens + unit;
  }
  return dutchNumberWord(word);
}

const VOCABULARY = [
  ...Object.keys(NL_SMALL),
  ...Object.keys(NL_TENS),
  ...Object.keys(EN_SMALL),
  ...Object.keys(MULTIPLIERS),
  'honderd',
  'hundred',
  'anderhalf',
  'anderhalve',
];

/** A number word typed with one slip, read as the word meant (`duizned` → `duizend`). */
export function correctedNumberWord(word: string): string | null {
  if (!/^\p{L}+$/u.test(word)) return null;
  const direct = correctedWord(word, VOCABULARY);
  if (direct) return direct;
  const compound = correctedBy(word, (w) => (dutchNumberWord(w) !== null && w.length >= 7 ? w : null));
  return compound;
}

const corrections = new Map<string, string>();

/** The token as a number word (corrected when it carries one slip), or as it is. */
function readable(token: string): string {
  if (token === '' || known(token) || /\d/u.test(token)) return token;
  let hit = corrections.get(token);
  if (hit === undefined) {
    hit = correctedNumberWord(token) ?? token;
    if (corrections.size > 5_000) corrections.clear();
    corrections.set(token, hit);
  }
  return hit;
}

function known(word: string): boolean {
  return (
    word in MULTIPLIERS ||
    word === 'honderd' ||
    word === 'hundred' ||
    ONE_AND_A_HALF.has(word) ||
    smallNumber(word) !== null
  );
}

export interface NumberPhrase {
  value: number;
  /** Index after the last token read. */
  end: number;
  /** Whether any word (not digits) was read: a number in words is said back. */
  words: boolean;
}

/**
 * The number phrase that starts at `tokens[start]`, or null. Reads digits, number words and
 * multipliers (`twenty five thousand`, `1,2 miljoen`, `een half miljoen`, `anderhalve ton`).
 */
export function readNumberPhrase(tokens: ReadonlyArray<string>, start: number): NumberPhrase | null {
  let total = 0;
  let current: number | null = null;
  let words = false;
  let i = start;
  let read = false;
  /** After `duizend`, `k`, `ton`: only number words go on ("twintigduizend vijfhonderd"), not digits or "een". */
  let multiplied = false;
  const peek = (k: number) => readable(tokens[k] ?? '');
  while (i < tokens.length) {
    const t = peek(i);
    if (t !== tokens[i]) words = true;
    const digits = readDigits(t);
    if (digits?.ok) {
      if (current !== null || multiplied) break;
      current = digits.value;
      read = true;
      i++;
      continue;
    }
    if (t in MULTIPLIERS && read) {
      if (multiplied && current === null) break;
      total += (current ?? 1) * (MULTIPLIERS[t] as number);
      current = null;
      multiplied = true;
      i++;
      continue;
    }
    if ((t === 'hundred' || t === 'honderd') && read) {
      current = (current ?? 1) * 100;
      words = true;
      i++;
      continue;
    }
    if (ONE_AND_A_HALF.has(t) && current === null) {
      current = 1.5;
      read = true;
      words = true;
      i++;
      continue;
    }
    if (t === 'half' && (current === null || current === 1) && peek(i + 1) in MULTIPLIERS) {
      // "een half miljoen", "half a million"
      current = 0.5;
      read = true;
      words = true;
      i += peek(i + 1) === 'a' ? 2 : 1;
      continue;
    }
    if (t === 'half' && peek(i + 1) === 'a' && peek(i + 2) in MULTIPLIERS) {
      current = 0.5;
      read = true;
      words = true;
      i += 2;
      continue;
    }
    if ((t === 'and' || t === 'en') && read) {
      // "one and a half", "twee en een half", "one hundred and fifty"
      if ((peek(i + 1) === 'a' || peek(i + 1) === 'een') && peek(i + 2) === 'half') {
        current = (current ?? 0) + 0.5;
        words = true;
        i += 3;
        continue;
      }
      if (peek(i + 1) === 'half') {
        current = (current ?? 0) + 0.5;
        words = true;
        i += 2;
        continue;
      }
      const next = smallNumber(peek(i + 1));
      if (next !== null && current !== null && current % 100 === 0 && next < 100) {
        current += next;
        words = true;
        i += 2;
        continue;
      }
      break;
    }
    if (ARTICLE_ONE.has(t) && !read) {
      // "een ton", "a hundred", "a million"; a bare article is not a number.
      const next = peek(i + 1);
      if (next in MULTIPLIERS || next === 'hundred' || next === 'honderd' || next === 'half') {
        current = 1;
        read = true;
        words = true;
        i++;
        continue;
      }
      if (t === 'one') {
        current = 1;
        read = true;
        words = true;
        i++;
        continue;
      }
      break;
    }
    const small = multiplied && ARTICLE_ONE.has(t) ? null : smallNumber(t);
    if (small !== null) {
      if (current !== null && !(current >= 20 && current % 10 === 0 && small < 10 && small > 0)) break;
      current = (current ?? 0) + small;
      read = true;
      words = true;
      i++;
      continue;
    }
    break;
  }
  if (!read) return null;
  return { value: total + (current ?? 0), end: i, words };
}
