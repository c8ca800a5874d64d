// The partner key: the one identity of a partner for the
// `existing_relationship` notice. Exact by design; fuzzy matching is for people's questions.

const LEGAL_FORM =
  /[ ,]+(?:b\.v\.|bv|n\.v\.|nv|v\.o\.f\.|vof|u\.a\.|ua|ltd\.|ltd|gmbh|inc\.|inc|llc|plc|s\.a\.|ag)$/u;
const COMBINING_MARKS = /\p{M}/gu;
/** Invisible format characters (zero-width spaces and joiners, bidi controls, soft hyphens): a pasted name may carry them. */
const FORMAT_CHARACTERS = /\p{Cf}/gu;
const WHITE_SPACE = /\s+/gu;
const LEADING_FOUNDATION = /^(?:stichting|foundation) /u;

export function partnerKey(name: string): string {
  let key = name
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(FORMAT_CHARACTERS, '')
    .toLowerCase()
    // Case folding beyond lower case: "STRASSE" is "Straße".
    .replace(/ß/gu, 'ss')
    .replace(WHITE_SPACE, ' ')
    .trim();
  for (let stripped = key.replace(LEGAL_FORM, ''); stripped !== key; stripped = key.replace(LEGAL_FORM, '')) {
    key = stripped;
  }
  return key.replace(LEADING_FOUNDATION, '');
}

/**
 * The keys a typed name may stand for: its own, and without a leading article ("de HZ" is HZ,
 * while "The Ocean Cleanup" keeps its own key too).
 */
export function partnerKeysOf(name: string): string[] {
  const key = partnerKey(name);
  const bare = key.replace(/^(?:de|het|the|een|a|an) (?=\S)/u, '');
  return bare === key || bare === '' ? [key] : [key, bare];
}

/**
 * A partner lookup ("who PARTNER") reads at most this many words and characters: no partner's
 * name is longer, and the near-match patterns grow with the words.
 */
export const LOOKUP_LIMITS = { words: 12, chars: 200 } as const;

/** The name as a lookup uses it: its first words, within the limits; `cut` when some were left out. */
export function capLookup(name: string): { name: string; cut: boolean } {
  const words = name
    .trim()
    .split(/\s+/u)
    .filter((w) => w !== '');
  let capped = words.slice(0, LOOKUP_LIMITS.words).join(' ');
  if (capped.length > LOOKUP_LIMITS.chars) capped = capped.slice(0, LOOKUP_LIMITS.chars).trimEnd();
  return { name: capped, cut: capped !== words.join(' ') };
}
