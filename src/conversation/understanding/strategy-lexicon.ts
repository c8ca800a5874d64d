// A strategy's own Dutch and English names (priorities, partner types, intensities, roles) tell
// languages apart too: "water quality" is English where the strategy says "Waterkwaliteit".
import type { Strategy } from '../../domain/strategy/compile-strategy.js';
import type { Locale, LocalizedText } from '../../domain/strategy/strategy-schema.js';
import { type Lexicon, lexiconOf, replyLocale } from './detect-language.js';

const lexicons = new WeakMap<Strategy, Lexicon>();

function pair(t: LocalizedText | undefined): { nl?: string; en?: string } {
  if (t === undefined || typeof t === 'string') return {};
  return { ...(t.nl ? { nl: t.nl } : {}), ...(t.en ? { en: t.en } : {}) };
}

export function strategyLexicon(strategy: Strategy): Lexicon {
  const cached = lexicons.get(strategy);
  if (cached) return cached;
  const f = strategy.file;
  const lexicon = lexiconOf([
    ...f.priorities.flatMap((p) => [pair(p.name), pair(p.description)]),
    ...f.partnerTypes.flatMap((p) => [pair(p.name), pair(p.reason)]),
    ...f.intensities.flatMap((x) => [pair(x.name), pair(x.description)]),
    ...f.roles.map((r) => pair(r.name)),
  ]);
  lexicons.set(strategy, lexicon);
  return lexicon;
}

/** The language to answer a message in, with this strategy's words to help tell. */
export function replyLocaleUnder(strategy: Strategy, text: string, current: Locale): Locale {
  return replyLocale(text, current, strategyLexicon(strategy));
}
