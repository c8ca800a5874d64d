// A budget as people type it: `12.500`, `€ 12.500,-`, `12,500`, `12.5k`, `45k`, `1,2 miljoen`,
// `anderhalve ton`, `twintigduizend`, `twenty thousand`, `ongeveer 8000 euro`, `geen`. What
// could mean two amounts (`12.50.0`, `tussen 5 en 10k`, `5000 of 6000`) is asked back, never
// guessed.
import { fold } from '../fold.js';
import { correctedWord } from './fuzzy-word.js';
import { MULTIPLIERS, readNumberPhrase } from './number-words.js';
import { readDigits } from './read-digits.js';
import { tokensOf } from './tokens.js';

export const MAX_AMOUNT = 1e12;

export type AmountReading =
  | {
      ok: true;
      value: number;
      /** How it was read when not from plain digits: said back to the person. */
      inferred: 'words' | 'separators' | null;
    }
  | { ok: false; reason: 'invalid' | 'ambiguous' | 'negative' | 'too_large' };

const ZERO = new Set([
  'geen',
  'nul',
  'niets',
  'niks',
  'none',
  'zero',
  'nothing',
  'nvt',
  'n.v.t',
  'geen budget',
  'no budget',
  'geen geld',
  'no money',
  'nog geen',
  'not yet',
  'niets eigenlijk',
  'nothing really',
  'geen idee',
]);
/** Words around an amount that do not change it. */
const NOISE = new Set([
  '€',
  'eur',
  'euro',
  'euros',
  'ongeveer',
  'circa',
  'ca',
  'zo',
  "zo'n",
  'zon',
  'plusminus',
  'pakweg',
  'rond',
  'rondom',
  'around',
  'about',
  'approx',
  'approximately',
  'roughly',
  'some',
  'budget',
  'totaal',
  'total',
  'in',
  'het',
  'is',
  'it',
  "it's",
  'its',
  'van',
  'of',
  'we',
  'wij',
  'hebben',
  'have',
  'denk',
  'ik',
  'i',
  'think',
  'guess',
  'verwacht',
  'expected',
  'maximaal',
  'max',
  'hoogstens',
  'at',
  'most',
  'tops',
  'wel',
  'eh',
  'ehm',
  'uh',
  'um',
  'dus',
  'so',
  'maybe',
  'misschien',
  'zeg',
  'say',
  'let',
  "let's",
  'lets',
  'een',
  'a',
  'an',
  'bedrag',
  'amount',
  'euro,-',
  'euros,-',
  '-',
  'ex',
  'excl',
  'btw',
  'vat',
  'inclusief',
  'incl',
  'in total',
  'all',
  'together',
  'samen',
  'alles',
  'bij',
  'elkaar',
]);
const CURRENCY_WORDS = ['euro', 'euros', 'ongeveer', 'ongeveer'];
const RANGE = new Set(['tot', 'to', 'tussen', 'between', 'of', 'or', 'a', 'à', 'en', 'and', '-', 'tot wel']);

export function parseAmount(input: string): AmountReading {
  const whole = readAmount(input);
  if (whole.ok || !/[,;(]/u.test(input)) return whole;
  // "niks, alleen uren", "zero, just our time", "8000 (excl. btw)": the amount, then a remark.
  const [head = '', ...rest] = input.split(/[,;(]/u);
  if (/\d/u.test(rest.join(' '))) return whole;
  const first = readAmount(head);
  return first.ok ? first : whole;
}

function readAmount(input: string): AmountReading {
  const folded = fold(input)
    .replace(/[.!?]+$/u, '')
    .replace(/(?<![\d.,])(\d{1,3})[ \u00a0\u202f](?=\d{3}(?![\d]))/gu, '$1');
  if (ZERO.has(folded.replace(/[,]/gu, '').trim())) return { ok: true, value: 0, inferred: null };
  const tokens = tokensOf(folded);
  if (tokens.length === 0) return { ok: false, reason: 'invalid' };

  const readings: Array<{ value: number; words: boolean; separators: boolean; at: number }> = [];
  let negative = false;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] as string;
    if (t.startsWith('-') && readDigits(t.slice(1))?.ok) {
      negative = true;
      tokens[i] = t.slice(1);
      continue;
    }
    const digits = readDigits(t);
    if (digits && !digits.ok) return { ok: false, reason: 'ambiguous' };
    const phrase = readNumberPhrase(tokens, i);
    if (phrase) {
      readings.push({
        value: phrase.value,
        words: phrase.words,
        separators: /[.,]/u.test(t),
        at: i,
      });
      i = phrase.end;
      continue;
    }
    if (t === '-' && readings.length === 0 && i + 1 < tokens.length) negative = true;
    else if (
      !NOISE.has(t) &&
      !RANGE.has(t) &&
      !(t in MULTIPLIERS) &&
      correctedWord(t, CURRENCY_WORDS, 4) === null
    )
      return { ok: false, reason: 'invalid' };
    i++;
  }
  if (readings.length === 0) return { ok: false, reason: 'invalid' };
  if (readings.length > 1) return { ok: false, reason: 'ambiguous' };
  if (negative) return { ok: false, reason: 'negative' };
  const [r] = readings as [(typeof readings)[number]];
  if (!Number.isFinite(r.value)) return { ok: false, reason: 'invalid' };
  if (r.value > MAX_AMOUNT) return { ok: false, reason: 'too_large' };
  const value = Math.round(r.value * 100) / 100;
  const plain = /^\d+$/u.test(tokens[r.at] ?? '') && r.at + 1 === tokens.length;
  return {
    ok: true,
    value,
    inferred: r.words ? 'words' : plain ? null : r.separators ? 'separators' : null,
  };
}
