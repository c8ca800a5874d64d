// A one-message start ("mag ik met TU Delft een project over energie starten?") pre-fills what
// it can of a check. It never guesses a partner type: that is a judgement for the person.
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { fold } from './fold.js';
import { matchIntensities, matchPriorities } from './match-strategy.js';
import {
  isYears,
  MAX_AMOUNT,
  MAX_MONTHS,
  MULTIPLIER_SOURCE,
  multiplierOf,
  NUMBER_SOURCE,
  readNumber,
} from './parse-number.js';

export interface FreeTextGuess {
  partnerName?: string;
  priority?: string;
  intensity?: string;
  budget?: number;
  months?: number;
}

const MAX_PARTNER_WORDS = 10;
const PARTNER_INTRO = /(?<![\p{L}\p{N}])(?:met|with)\s+/iu;
const STOP_WORDS = new Set([
  // nl
  'een',
  'over',
  'voor',
  'om',
  'op',
  'aan',
  'rond',
  'rondom',
  'inzake',
  'omtrent',
  'betreffende',
  'in',
  'bij',
  'te',
  'starten',
  'beginnen',
  'aangaan',
  'opzetten',
  'doen',
  'samenwerken',
  'werken',
  'sluiten',
  'van',
  'maanden',
  'jaar',
  // en
  'a',
  'an',
  'on',
  'about',
  'for',
  'to',
  'around',
  'regarding',
  'at',
  'start',
  'begin',
  'starting',
  'set',
  'do',
  'work',
  'collaborate',
  'partner',
  'months',
  'year',
  'years',
]);
// A linking word that is also a stop word (`van`, `voor`, `for`) stays in the name when a
// capitalised word follows it: "Hoogheemraadschap van Rijnland".
const NAME_LINKS = new Set(['van', 'of', 'voor', 'for', 'de', 'der', 'den', 'het', 'the', 'en', 'and', '&']);
const STOP_PUNCTUATION = /[?!,;:()]/u;
const QUOTED = /^["“”«»]([^"“”«»]{1,200})["“”«»]/u;
const AMOUNT_START = /^(?:€|\d[\d.,]*$)/u;
const LEADING_ARTICLE = /^(?:de|het|the)\s+/u;

export function parseFreeText(strategy: Strategy, text: string): FreeTextGuess {
  const guess: FreeTextGuess = {};
  const partner = findPartner(text);
  const rest = partner
    ? text.slice(0, partner.start) + ' '.repeat(partner.end - partner.start) + text.slice(partner.end)
    : text;
  if (partner) guess.partnerName = partner.name;

  const priorities = matchPriorities(strategy, rest);
  if (priorities.length === 1) guess.priority = priorities[0] as string;
  const intensities = matchIntensities(strategy, rest);
  if (intensities.length === 1) guess.intensity = intensities[0] as string;

  const folded = fold(rest);
  const months = findMonths(folded);
  if (months !== undefined) guess.months = months;
  const budget = findBudget(folded);
  if (budget !== undefined) guess.budget = budget;
  return guess;
}

interface PartnerSpan {
  name: string;
  start: number;
  end: number;
}

/** The partner: the words after `met`/`with`, up to a stop word or punctuation. */
export function findPartner(text: string): PartnerSpan | undefined {
  const intro = PARTNER_INTRO.exec(text);
  if (!intro) return undefined;
  const start = intro.index + intro[0].length;
  const after = text.slice(start);
  const quoted = QUOTED.exec(after);
  if (quoted) {
    const name = (quoted[1] ?? '').trim();
    return name === '' ? undefined : { name, start, end: start + quoted[0].length };
  }
  const words: string[] = [];
  let consumed = 0;
  for (const m of after.matchAll(/\S+/gu)) {
    const raw = m[0];
    const punct = STOP_PUNCTUATION.exec(raw);
    const word = punct ? raw.slice(0, punct.index) : raw;
    const key = fold(word).replace(/[.]+$/u, '');
    const linked = NAME_LINKS.has(key) && isNameLike(after.slice((m.index ?? 0) + raw.length));
    if (words.length > 0 && ((STOP_WORDS.has(key) && !linked) || AMOUNT_START.test(word))) break;
    if (word !== '') {
      words.push(word);
      consumed = (m.index ?? 0) + word.length;
    }
    if (punct || words.length >= MAX_PARTNER_WORDS) break;
  }
  let name = words.join(' ').replace(LEADING_ARTICLE, '');
  if (name.endsWith('.') && !/(?:^|\s)(?:\p{L}\.){2,}$/u.test(name)) name = name.slice(0, -1);
  name = name.trim();
  return name === '' ? undefined : { name, start, end: start + consumed };
}

/** Is what follows a linking word the rest of a name (a capitalised word)? */
function isNameLike(following: string): boolean {
  return /^\s+\p{Lu}/u.test(following);
}

const AMOUNT = `(${NUMBER_SOURCE})\\s*(${MULTIPLIER_SOURCE})?`;
const BUDGET_PATTERNS = [
  new RegExp(`(?:€|\\beur\\b|\\beuro\\b)\\s*${AMOUNT}(?![\\p{L}\\p{N}])`, 'u'),
  new RegExp(`${AMOUNT}\\s*(?:€|euros?\\b|eur\\b)`, 'u'),
  new RegExp(
    `(?<![\\p{L}\\p{N}.,])(${NUMBER_SOURCE})\\s*(k|mln|mio|miljoen|million|duizend|thousand)(?![\\p{L}\\p{N}])`,
    'u',
  ),
  new RegExp(`\\bbudget\\s*(?:van|of|:)?\\s*${AMOUNT}(?![\\p{L}\\p{N}])`, 'u'),
];

function findBudget(folded: string): number | undefined {
  for (const p of BUDGET_PATTERNS) {
    const m = p.exec(folded);
    if (!m) continue;
    const value = readNumber(m[1] ?? '') * multiplierOf(m[2]);
    if (Number.isFinite(value) && value >= 0 && value <= MAX_AMOUNT) return value;
  }
  return undefined;
}

const MONTHS_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}.,])(${NUMBER_SOURCE})\\s*(maanden|maand|mnd|months?|jaar|jaren|years?)(?![\\p{L}\\p{N}])`,
  'u',
);

function findMonths(folded: string): number | undefined {
  const m = MONTHS_PATTERN.exec(folded);
  if (m) {
    const value = readNumber(m[1] ?? '') * (isYears(m[2]) ? 12 : 1);
    return Number.isFinite(value) && value <= MAX_MONTHS ? value : undefined;
  }
  if (/(?<![\p{L}])(?:een half jaar|half jaar|half a year|halfjaar)(?![\p{L}])/u.test(folded)) return 6;
  if (/(?<![\p{L}])(?:een jaar|a year|one year)(?![\p{L}])/u.test(folded)) return 12;
  return undefined;
}
