// Recognising the strategy's priorities and intensities in what people write: whole words,
// case- and diacritics-insensitive, in both languages whatever the person's own.
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import type { LocalizedText } from '../domain/strategy/strategy-schema.js';
import { fold, hasPhrase } from './fold.js';

export function namesOf(text: LocalizedText | undefined): string[] {
  if (text === undefined) return [];
  if (typeof text === 'string') return [text];
  return [text.nl, text.en].filter((s): s is string => s !== undefined);
}

/**
 * The priorities the text speaks of, best first: the ones with the most keyword and name hits.
 * More than one means the text is ambiguous between them.
 */
export function matchPriorities(strategy: Strategy, text: string): string[] {
  const folded = fold(text);
  let best: string[] = [];
  let bestScore = 0;
  for (const p of strategy.priorities.values()) {
    const terms = new Set([...p.keywords, ...namesOf(p.name), p.id.replace(/-/g, ' ')].map(fold));
    let score = 0;
    for (const term of terms) if (hasPhrase(folded, term, true)) score++;
    if (score > bestScore) {
      best = [p.id];
      bestScore = score;
    } else if (score > 0 && score === bestScore) best.push(p.id);
  }
  return best;
}

/** Common words for the usual levels, mapped onto a strategy's own intensities by id or name. */
const INTENSITY_WORDS: Record<string, string[]> = {
  exchange: ['kennisuitwisseling', 'kennis uitwisselen', 'uitwisseling', 'knowledge exchange', 'exchange'],
  project: ['project', 'pilot'],
  programme: ['programma', 'programme', 'program'],
  alliance: ['alliantie', 'alliance', 'joint venture', 'strategische alliantie', 'strategic alliance'],
};

function intensityTerms(strategy: Strategy, id: string): string[] {
  const x = strategy.intensities.get(id);
  if (!x) return [];
  const names = namesOf(x.name).map(fold);
  const terms = [...names, fold(id.replace(/-/g, ' '))];
  for (const [concept, words] of Object.entries(INTENSITY_WORDS)) {
    const mine = concept === id || words.some((w) => names.some((n) => hasPhrase(n, w)));
    if (mine) terms.push(...words);
  }
  return terms;
}

/** The intensities the text names; more than one means it is ambiguous. */
export function matchIntensities(strategy: Strategy, text: string): string[] {
  const folded = fold(text);
  return strategy.intensityList
    .filter((x) => intensityTerms(strategy, x.id).some((t) => hasPhrase(folded, t, true)))
    .map((x) => x.id);
}
