// A duration in months as people type it: `6`, `acht maanden`, `18 mnd`, `2 jaar`, `1,5 jaar`,
// `anderhalf jaar`, `een half jaar`, `a year and a half`, `two months`, `2 weken` (a part of a
// month counts as a whole one, and is said back), `twee jaar en drie maanden`. A date or an
// open end (`tot eind volgend jaar`) is asked back as a number of months.
import { fold } from '../fold.js';
import { correctedWord } from './fuzzy-word.js';
import { type NumberPhrase, readNumberPhrase } from './number-words.js';
import { readDigits } from './read-digits.js';
import { tokensOf } from './tokens.js';

export const MAX_MONTHS = 600;

export type DurationReading =
  | {
      ok: true;
      months: number;
      /** `words`: a number in words; `rounded`: weeks or days made whole months. */
      inferred: 'words' | 'rounded' | 'years' | null;
    }
  | { ok: false; reason: 'invalid' | 'ambiguous' | 'negative' | 'too_large' };

const UNIT: Record<string, number> = {
  maand: 1,
  maanden: 1,
  mnd: 1,
  mnden: 1,
  maandjes: 1,
  m: 1,
  mo: 1,
  mos: 1,
  month: 1,
  months: 1,
  jaar: 12,
  jaren: 12,
  jr: 12,
  j: 12,
  year: 12,
  years: 12,
  yr: 12,
  yrs: 12,
  y: 12,
  week: 12 / 52,
  weken: 12 / 52,
  weekjes: 12 / 52,
  wk: 12 / 52,
  wks: 12 / 52,
  weeks: 12 / 52,
  dag: 12 / 365,
  dagen: 12 / 365,
  day: 12 / 365,
  days: 12 / 365,
  jaartje: 12,
  jaartjes: 12,
  maandje: 1,
  kwartaal: 3,
  kwartalen: 3,
  quarter: 3,
  quarters: 3,
};
const NOISE = new Set([
  'ongeveer',
  'circa',
  'ca',
  'zo',
  "zo'n",
  'zon',
  'about',
  'around',
  'roughly',
  'approx',
  'some',
  'for',
  'voor',
  'de',
  'duur',
  'van',
  'looptijd',
  'het',
  'is',
  'it',
  "it's",
  'its',
  'wordt',
  'will',
  'be',
  'will be',
  'denk',
  'ik',
  'i',
  'think',
  'guess',
  'maximaal',
  'max',
  'hoogstens',
  'at',
  'most',
  'eh',
  'ehm',
  'uh',
  'um',
  'dus',
  'so',
  'maybe',
  'misschien',
  'lang',
  'long',
  'loopt',
  'runs',
  'in',
  'totaal',
  'total',
  'een',
  'a',
  'an',
  'looptijd:',
  'and',
  'en',
  'plus',
  'nog',
  'wel',
]);
const OPEN_ENDED =
  /\b(?:tot|until|till|eind|end|begin|start|volgend|next|vanaf|from|onbepaald|indefinite|ongoing|doorlopend|permanent)\b|\d{4}|\d{1,2}[-/]\d{1,2}/u;
const HALF_YEAR = /^(?:een |a )?half(?: ?jaar| a year| year)$|^halfjaar$/u;

export function parseDuration(input: string): DurationReading {
  const whole = readDuration(input);
  if (whole.ok || !input.includes(',')) return whole;
  // "12 maanden, mogelijk verlengen", "een dag, het is een workshop": the duration, then a remark.
  const [head = '', ...rest] = input.split(',');
  if (/\d/u.test(rest.join(','))) return whole;
  const first = readDuration(head);
  return first.ok ? first : whole;
}

/** "een maand of zes", "een jaar of twee": about six months, about two years. */
const ABOUT = /^(?:een|a)\s+(\p{L}+)\s+of\s+(\S+)$/u;

function readDuration(input: string): DurationReading {
  let folded = fold(input)
    .replace(/[.!?]+$/u, '')
    .trim();
  const about = ABOUT.exec(folded);
  if (about && (about[1] ?? '') in UNIT) folded = `${about[2]} ${about[1]}`;
  if (HALF_YEAR.test(folded)) return { ok: true, months: 6, inferred: null };
  if (/^(?:a |one )?year and a half$|^(?:een )?jaar en een half$/u.test(folded))
    return { ok: true, months: 18, inferred: null };
  if (/^(?:een|one|a) (?:jaar|year)$/u.test(folded)) return { ok: true, months: 12, inferred: null };
  if (/^(?:geen|none|nvt|n\.v\.t|0)$/u.test(folded)) return { ok: true, months: 0, inferred: null };
  const tokens = tokensOf(folded);
  if (tokens.length === 0) return { ok: false, reason: 'invalid' };

  let total = 0;
  let parts = 0;
  let words = false;
  let fractional = false;
  let years = false;
  let pending: { value: number; words: boolean } | null = null;
  let negative = false;
  let i = 0;
  const flush = (unit: number) => {
    if (!pending) return;
    total += pending.value * unit;
    if (pending.words) words = true;
    if (unit !== 1 && !Number.isInteger(unit)) fractional = true;
    if (unit === 12) years = true;
    parts++;
    pending = null;
  };
  while (i < tokens.length) {
    const t = tokens[i] as string;
    if (t.startsWith('-') && readDigits(t.slice(1))?.ok) {
      negative = true;
      tokens[i] = t.slice(1);
      continue;
    }
    const digits = readDigits(t);
    if (digits && !digits.ok) return { ok: false, reason: 'ambiguous' };
    const unitWord = t in UNIT ? t : correctedWord(t, Object.keys(UNIT), 5, (a, b) => UNIT[a] === UNIT[b]);
    if (unitWord !== null) {
      if (unitWord !== t) words = true;
      if (!pending) {
        // "jaar" alone after "een", or a unit word with no number: one of it
        const before = tokens[i - 1] ?? '';
        if (i === 0 || ['een', 'a', 'an', 'one', 'per'].includes(before))
          pending = { value: 1, words: false };
        else return { ok: false, reason: 'invalid' };
      }
      flush(UNIT[unitWord] as number);
      i++;
      // "a year and a half", "twee jaar en een half"
      if (
        (tokens[i] === 'and' || tokens[i] === 'en') &&
        (tokens[i + 1] === 'a' || tokens[i + 1] === 'een') &&
        tokens[i + 2] === 'half'
      ) {
        total += (UNIT[unitWord] as number) / 2;
        i += 3;
      }
      continue;
    }
    const phrase: NumberPhrase | null = pending ? null : readNumberPhrase(tokens, i);
    if (phrase) {
      pending = { value: phrase.value, words: phrase.words };
      i = phrase.end;
      continue;
    }
    if (t === '-' && !pending && parts === 0) {
      negative = true;
      i++;
      continue;
    }
    if (OPEN_ENDED.test(t)) return { ok: false, reason: 'ambiguous' };
    if (t === 'half' && !pending) {
      pending = { value: 0.5, words: false };
      i++;
      continue;
    }
    if (!NOISE.has(t)) return { ok: false, reason: 'invalid' };
    i++;
  }
  if (pending) {
    if (parts > 0) return { ok: false, reason: 'ambiguous' };
    flush(1);
  }
  if (parts === 0) return { ok: false, reason: 'invalid' };
  if (negative) return { ok: false, reason: 'negative' };
  if (!Number.isFinite(total)) return { ok: false, reason: 'invalid' };
  const rounded = Math.ceil(total - 1e-9);
  if (rounded > MAX_MONTHS) return { ok: false, reason: 'too_large' };
  const inexact = fractional || Math.abs(rounded - total) > 1e-9;
  return {
    ok: true,
    months: rounded,
    inferred: inexact ? 'rounded' : words ? 'words' : years ? 'years' : null,
  };
}
