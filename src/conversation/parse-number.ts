// Amounts and durations as people type them, in Dutch and English: `€ 12.500`, `12500`,
// `12,5k`, `25000 euro`, `€25,000`; `6 maanden`, `2 jaar`, `18 months`.

/** A number with optional thousands separators and decimals, as one token. */
export const NUMBER_SOURCE = "\\d{1,3}(?:[.,'\\u00a0\\u202f]\\d{3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?";
export const MULTIPLIER_SOURCE = 'k|mln|mio|miljoen|million|duizend|thousand|m';

export const MAX_AMOUNT = 1e12;
export const MAX_MONTHS = 600;

/**
 * A numeric token to a number. One kind of separator used once and followed by exactly three
 * digits is a thousands separator (`12.500`, `25,000`); otherwise it is the decimal sign
 * (`12,5`, `1.5`). With both `.` and `,`, the last one is the decimal sign.
 */
export function readNumber(token: string): number {
  const t = token.replace(/['\u00a0\u202f]/g, '');
  const lastDot = t.lastIndexOf('.');
  const lastComma = t.lastIndexOf(',');
  if (lastDot !== -1 && lastComma !== -1) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    return Number(t.split(thousands).join('').replace(decimal, '.'));
  }
  const sep = lastDot !== -1 ? '.' : lastComma !== -1 ? ',' : null;
  if (sep === null) return Number(t);
  const parts = t.split(sep);
  const [head = '', tail = ''] = parts;
  if (parts.length > 2 || (tail.length === 3 && !head.startsWith('0'))) return Number(parts.join(''));
  return Number(`${head}.${tail}`);
}

export function multiplierOf(word: string | undefined): number {
  if (!word) return 1;
  const w = word.toLowerCase();
  if (w === 'k' || w === 'duizend' || w === 'thousand') return 1_000;
  return 1_000_000;
}

const AMOUNT_ANSWER = new RegExp(
  `(-\\s*)?(${NUMBER_SOURCE})\\s*(${MULTIPLIER_SOURCE})?(?![\\p{L}\\p{N}])`,
  'giu',
);
const ZERO_WORDS = /^(?:geen|nul|niets|none|zero|nothing|no budget|geen budget|n\.?v\.?t\.?)$/u;

export type NumberAnswer =
  | { ok: true; value: number }
  | { ok: false; reason: 'invalid' | 'negative' | 'too_large' };

/**
 * A budget answer: exactly one amount, with an optional currency sign or word and a multiplier;
 * "geen"/"none" is 0.
 */
export function parseAmountAnswer(input: string): NumberAnswer {
  const s = input
    .toLowerCase()
    .replace(/(\d)[ ](?=\d{3}(?!\d))/g, '$1')
    .trim();
  if (ZERO_WORDS.test(s.replace(/[.!]+$/u, ''))) return { ok: true, value: 0 };
  const matches = [...s.matchAll(AMOUNT_ANSWER)];
  if (matches.length !== 1) return { ok: false, reason: 'invalid' };
  const [m] = matches as [RegExpMatchArray];
  const rest = s
    .replace(m[0], ' ')
    .replace(/€|\beur\b|\beuros?\b|\bongeveer\b|\bcirca\b|\bca\.|\babout\b|\bbudget\b|[:=.,!]/gu, '');
  if (/[\p{L}\p{N}]/u.test(rest)) return { ok: false, reason: 'invalid' };
  if (m[1] !== undefined) return { ok: false, reason: 'negative' };
  return bounded(readNumber(m[2] ?? '') * multiplierOf(m[3]), MAX_AMOUNT);
}

const MONTHS_ANSWER = new RegExp(
  `^(${NUMBER_SOURCE})\\s*(maand|maanden|mnd|mnd\\.|m|months?|mo|jaar|jaren|years?|yrs?|j|y)?$`,
  'iu',
);
const HALF_YEAR = /^(?:een |a )?half (?:jaar|a year|year)$|^halfjaar$/u;
const ONE_YEAR = /^(?:een|one|a|1) (?:jaar|year)$/u;

/** A duration answer in months: `6`, `6 maanden`, `2 jaar` (24), `1,5 year` (18). */
export function parseMonthsAnswer(input: string): NumberAnswer {
  const s = input
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.!]+$/u, '')
    .trim();
  if (HALF_YEAR.test(s)) return { ok: true, value: 6 };
  if (ONE_YEAR.test(s)) return { ok: true, value: 12 };
  if (/^-\s*\d/.test(s)) return { ok: false, reason: 'negative' };
  const m = MONTHS_ANSWER.exec(s);
  if (!m) return { ok: false, reason: 'invalid' };
  return bounded(readNumber(m[1] ?? '') * (isYears(m[2]) ? 12 : 1), MAX_MONTHS);
}

export function isYears(unit: string | undefined): boolean {
  return unit !== undefined && /^(?:jaar|jaren|years?|yrs?|j|y)$/iu.test(unit);
}

function bounded(value: number, max: number): NumberAnswer {
  if (!Number.isFinite(value)) return { ok: false, reason: 'invalid' };
  if (value > max) return { ok: false, reason: 'too_large' };
  return { ok: true, value: Math.round(value * 100) / 100 };
}
