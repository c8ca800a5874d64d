// Text folded for matching what people type: no diacritics, lower case, single spaces.

const COMBINING_MARKS = /\p{M}/gu;

export function fold(s: string): string {
  return s.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().replace(/\s+/gu, ' ').trim();
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A whole-word pattern for a folded phrase; with `inflected`, also a plural or inflected form
 * (`woning` finds `woningen`), only for words long enough that this cannot make another word.
 */
export function phrasePattern(phrase: string, inflected = false): RegExp {
  const f = fold(phrase);
  const body = escapeRegExp(f).replace(/ /g, '\\s+');
  const suffix = inflected && f.length >= 4 ? '(?:s|en|n|e)?' : '';
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}${suffix}(?![\\p{L}\\p{N}])`, 'u');
}

/** Does the folded text contain the phrase as whole words? */
export function hasPhrase(foldedText: string, phrase: string, inflected = false): boolean {
  return phrase.trim() !== '' && phrasePattern(phrase, inflected).test(foldedText);
}
