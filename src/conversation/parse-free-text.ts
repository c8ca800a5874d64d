// A one-message start ("mag ik met TU Delft een project over energie starten?") pre-fills what
// the sentence clearly says of a check: the partner, and the priority, intensity, budget,
// duration, who needs whom and confidentiality when it names them. It never guesses a partner
// type (a judgement for the person); what it reads is said back before the first question.
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import type { Locale } from '../domain/strategy/strategy-schema.js';
import { isTypoOf } from '../domain/text/edit-distance.js';
import { CONTROL_VALUE } from './dialog-words.js';
import { fold } from './fold.js';
import { stepOptions } from './step-options.js';
import { correctedWord } from './understanding/fuzzy-word.js';
import { keywordWeight, type OptionTerms } from './understanding/match-option.js';
import { MULTIPLIERS, readNumberPhrase } from './understanding/number-words.js';
import { MAX_AMOUNT } from './understanding/parse-amount.js';
import { MAX_MONTHS } from './understanding/parse-duration.js';
import { partnerCandidates, readPartner } from './understanding/partner-name.js';
import { readDigits } from './understanding/read-digits.js';
import { tokensOf, wordsOf } from './understanding/tokens.js';

export interface FreeTextGuess {
  partnerName?: string;
  /** The partner is unclear (one or two?): the names to choose from, the whole one first. */
  partnerChoices?: string[];
  priority?: string;
  intensity?: string;
  budget?: number;
  months?: number;
  direction?: 'we_need' | 'they_need' | 'shared';
  confidential?: boolean;
}

/** The phrases that end a partner name in a sentence: intensities and priorities, by name and keyword. */
const stopPhrases = new WeakMap<Strategy, string[][]>();

export function stopPhrasesOf(strategy: Strategy): string[][] {
  const cached = stopPhrases.get(strategy);
  if (cached) return cached;
  const ctx = { strategy, locale: strategy.locale };
  const terms = [...(stepOptions(ctx, 'intensity', {}) ?? []), ...(stepOptions(ctx, 'priority', {}) ?? [])]
    .filter((o) => o.id !== CONTROL_VALUE.none)
    .flatMap((o) => [...o.names, ...(o.keywords ?? [])]);
  const phrases = [...new Set(terms.map(fold))].map((t) => wordsOf(t)).filter((w) => w.length > 0);
  stopPhrases.set(strategy, phrases);
  return phrases;
}

/** The partner names a sentence might mean, to look up in the register before reading it. */
export function partnerNamesIn(strategy: Strategy, text: string): string[] {
  return partnerCandidates(text, { stopPhrases: stopPhrasesOf(strategy) });
}

export function parseFreeText(
  strategy: Strategy,
  text: string,
  known: (name: string) => boolean = () => false,
): FreeTextGuess {
  const guess: FreeTextGuess = {};
  const partner = readPartner(text, { stopPhrases: stopPhrasesOf(strategy), known });
  const rest = partner
    ? text.slice(0, partner.start) + ' '.repeat(partner.end - partner.start) + text.slice(partner.end)
    : text;
  if (partner?.choices) guess.partnerChoices = partner.choices;
  else if (partner) guess.partnerName = partner.name;

  const folded = fold(rest);
  const words = wordsOf(folded);
  const locale: Locale = strategy.locale;
  const options = (step: 'priority' | 'intensity' | 'direction') =>
    (stepOptions({ strategy, locale }, step, {}) ?? []).filter((o) => o.id !== CONTROL_VALUE.none);
  const priority = bestInText(words, options('priority'));
  if (priority) guess.priority = priority;
  const intensity = bestInText(words, options('intensity'));
  if (intensity) guess.intensity = intensity;
  const direction = bestInText(words, options('direction'), 2);
  if (direction) guess.direction = direction as NonNullable<FreeTextGuess['direction']>;
  const confidential = confidentialIn(words);
  if (confidential !== undefined) guess.confidential = confidential;

  const numbers = numbersIn(folded);
  if (numbers.months !== undefined) guess.months = numbers.months;
  if (numbers.budget !== undefined) guess.budget = numbers.budget;
  return guess;
}

/**
 * The one option the words name most often (by a name or keyword phrase, in any form); none when
 * two are named as often. `minWords`: shortest phrase that counts (who-needs-whom is only read
 * from phrases such as "we need them", never from a lone "we").
 */
function bestInText(words: string[], options: ReadonlyArray<OptionTerms>, minWords = 1): string | undefined {
  let best: string[] = [];
  let bestHits = 0;
  for (const o of options) {
    const phrases = [...o.names, ...(o.keywords ?? [])]
      .map((p) => wordsOf(fold(p)))
      .filter((p) => p.length >= minWords && p.join('').length >= 3);
    // Typed words covered, so `energie` counts once though it meets `energie` and `energy`.
    const hits = keywordWeight(words, phrases);
    if (hits > bestHits) {
      best = [o.id];
      bestHits = hits;
    } else if (hits > 0 && hits === bestHits) best.push(o.id);
  }
  return best.length === 1 ? best[0] : undefined;
}

const CONFIDENTIAL_WORDS = ['vertrouwelijk', 'confidential', 'confidentially', 'geheim'];
const NEGATIONS = new Set(['niet', 'not', 'geen', 'no', 'nothing', 'niets', 'niks', 'nee', 'non']);

/** "vertrouwelijk" (also misspelt) says yes; "niet vertrouwelijk", "nothing confidential" say no. */
function confidentialIn(words: ReadonlyArray<string>): boolean | undefined {
  const at = words.findIndex((w) => CONFIDENTIAL_WORDS.some((c) => w === c || isTypoOf(w, c)));
  if (at === -1) return undefined;
  return !(NEGATIONS.has(words[at - 1] ?? '') || NEGATIONS.has(words[at - 2] ?? ''));
}

const DURATION_UNITS: Record<string, number> = {
  maand: 1,
  maanden: 1,
  mnd: 1,
  month: 1,
  months: 1,
  jaar: 12,
  jaren: 12,
  year: 12,
  years: 12,
  week: 12 / 52,
  weken: 12 / 52,
  weeks: 12 / 52,
};
const CURRENCY_AFTER = new Set(['euro', 'euros', 'eur']);

/** A budget and a duration stated in a sentence: an amount with a currency or multiplier, a number with a unit. */
function numbersIn(folded: string): { budget?: number; months?: number } {
  const out: { budget?: number; months?: number } = {};
  if (/(?<![\p{L}])(?:een half jaar|half jaar|half a year|halfjaar|six months)(?![\p{L}])/u.test(folded))
    out.months = 6;
  else if (/(?<![\p{L}])(?:a year and a half|anderhalf jaar)(?![\p{L}])/u.test(folded)) out.months = 18;
  else if (/(?<![\p{L}])(?:een jaar|a year|one year|1 jaar)(?![\p{L}])/u.test(folded)) out.months = 12;
  const tokens = tokensOf(folded);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (readDigits(t)?.ok === false) continue;
    const phrase = readNumberPhrase(tokens, i);
    if (!phrase) continue;
    const used = tokens.slice(i, phrase.end);
    const next = tokens[phrase.end] ?? '';
    const before = tokens[i - 1] ?? '';
    const before2 = tokens[i - 2] ?? '';
    const unitWord =
      next in DURATION_UNITS
        ? next
        : correctedWord(
            next,
            Object.keys(DURATION_UNITS),
            5,
            (a, b) => DURATION_UNITS[a] === DURATION_UNITS[b],
          );
    const unit = unitWord === null ? undefined : DURATION_UNITS[unitWord];
    if (unit !== undefined) {
      const months = Math.ceil(phrase.value * unit - 1e-9);
      if (months <= MAX_MONTHS && out.months === undefined) out.months = months;
    } else if (
      before === '€' ||
      CURRENCY_AFTER.has(next) ||
      used.some((u) => u in MULTIPLIERS) ||
      before === 'budget' ||
      (before2 === 'budget' && ['van', 'of', 'is', 'circa', 'ongeveer', 'about', 'around'].includes(before))
    ) {
      if (phrase.value <= MAX_AMOUNT && out.budget === undefined)
        out.budget = Math.round(phrase.value * 100) / 100;
    }
    i = phrase.end - 1;
  }
  return out;
}
