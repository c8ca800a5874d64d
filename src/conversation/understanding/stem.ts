// Word stems from the Snowball stemmers for Dutch and English, so an inflected or conjugated word
// meets its option (`verkenning` and `verkennen`, `projects` and `project`). Loaded on first use:
// the module holds every Snowball language and only the check needs it.
import { createRequire } from 'node:module';
import type { Locale } from '../../domain/strategy/strategy-schema.js';

interface Stemmer {
  stem(word: string): string;
}
interface SnowballModule {
  newStemmer(language: 'dutch' | 'english'): Stemmer;
}

let stemmers: Record<Locale, Stemmer> | null = null;
const cache = new Map<string, string>();
const MAX_CACHE = 20_000;

function load(): Record<Locale, Stemmer> {
  if (stemmers) return stemmers;
  const snowball = createRequire(import.meta.url)('snowball-stemmers') as SnowballModule;
  stemmers = { nl: snowball.newStemmer('dutch'), en: snowball.newStemmer('english') };
  return stemmers;
}

/** The stem of a folded word in one language. */
export function stem(word: string, locale: Locale): string {
  const key = `${locale}:${word}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const out = word.length <= 3 ? word : load()[locale].stem(word);
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(key, out);
  return out;
}

/** The stems of a folded word in both languages (people mix them). */
export function stems(word: string): [string, string] {
  return [stem(word, 'nl'), stem(word, 'en')];
}
