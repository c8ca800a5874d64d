// The partner key: the one identity of a partner for the
// `existing_relationship` notice. Exact by design; fuzzy matching is for people's questions.

/** Legal forms at the end of a name, after a space or a comma: "Deltares B.V." is Deltares. */
const LEGAL_FORMS = new Set([
  'b.v.',
  'bv',
  'n.v.',
  'nv',
  'v.o.f.',
  'vof',
  'u.a.',
  'ua',
  'ltd.',
  'ltd',
  'gmbh',
  'inc.',
  'inc',
  'llc',
  'plc',
  's.a.',
  'ag',
]);
/**
 * Combining marks (the accents NFKD splits off), and invisible format characters (zero-width
 * spaces and joiners, bidi controls, soft hyphens) that a pasted name may carry: one pass for both.
 */
const MARKS_AND_FORMAT_CHARACTERS = /[\p{M}\p{Cf}]/gu;
const WHITE_SPACE = /\s+/gu;

/** A leading "Stichting " or "Foundation " (once): the foundation is the partner itself. */
function withoutFoundation(key: string): string {
  if (key.startsWith('stichting ')) return key.slice('stichting '.length);
  if (key.startsWith('foundation ')) return key.slice('foundation '.length);
  return key;
}

/**
 * The steps of the key that work letter by letter: NFKD decomposes each letter on its own (and
 * only reorders the marks that are then removed), the marks and format characters go, lower case,
 * and "ß" as upper case writes it ("STRASSE" is "Straße").
 */
function foldedLetters(text: string): string {
  return text.normalize('NFKD').replace(MARKS_AND_FORMAT_CHARACTERS, '').toLowerCase().replaceAll('ß', 'ss');
}

/** Every step of the key before legal forms and "Stichting" come off, for any name. */
function foldedName(name: string): string {
  return foldedLetters(name).replace(WHITE_SPACE, ' ').trim();
}

/**
 * For the Latin letters Dutch and European names are written in (U+0080 to U+024F: "ö", "é",
 * "ç", "ł", "ß") the letter-by-letter steps are worked out once per letter. A letter whose result
 * is empty or holds white space (a no-break space, a lone accent such as "¨") would need the white
 * space steps after them: such a name goes the whole way.
 */
const LATIN_FROM = 0x80;
const LATIN_TO = 0x250;
const LATIN_FOLDED: ReadonlyArray<string | undefined> = Array.from(
  { length: LATIN_TO - LATIN_FROM },
  (_, i) => {
    const letter = String.fromCharCode(LATIN_FROM + i);
    const folded = foldedLetters(letter);
    return folded === '' || /\s/u.test(folded) || /\s/u.test(letter) ? undefined : folded;
  },
);

/**
 * The folded name, a letter at a time, of words of printable ASCII (which only lower case
 * changes) and such Latin letters between single spaces; null when the name holds anything else.
 */
function foldedByLetter(name: string): string | null {
  if (name.length === 0 || name.charCodeAt(0) === 32 || name.charCodeAt(name.length - 1) === 32) return null;
  let out = '';
  let from = 0;
  let space = false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 32) {
      if (space) return null;
      space = true;
      continue;
    }
    space = false;
    if (c >= 0x21 && c <= 0x7e) continue;
    const folded = c >= LATIN_FROM && c < LATIN_TO ? LATIN_FOLDED[c - LATIN_FROM] : undefined;
    if (folded === undefined) return null;
    out += name.slice(from, i).toLowerCase() + folded;
    from = i + 1;
  }
  return out + name.slice(from).toLowerCase();
}

/**
 * The key of a partner's name: decomposed, without accents, invisible characters, case, extra
 * white space, trailing legal forms and a leading "Stichting". The key is stored with every
 * relationship, so it must never change for a name; a name of ASCII and Latin letters (most are)
 * takes the steps a letter at a time (the same result: a test holds the two ways together).
 */
export function partnerKey(name: string): string {
  const key = foldedByLetter(name) ?? foldedName(name);
  return withoutFoundation(withoutLegalForms(key));
}

/** Strips legal forms from the end, one after the other ("Acme B.V., Inc." is acme). */
function withoutLegalForms(name: string): string {
  let key = name;
  for (;;) {
    // A legal form is at most six characters ("v.o.f."): look for its separator no further back.
    const floor = Math.max(key.length - 8, -1);
    let cut = key.length - 1;
    while (cut > floor && key.charCodeAt(cut) !== 32 && key.charCodeAt(cut) !== 44) cut--;
    if (cut === floor || !LEGAL_FORMS.has(key.slice(cut + 1))) return key;
    let end = cut;
    while (end > 0 && (key.charCodeAt(end - 1) === 32 || key.charCodeAt(end - 1) === 44)) end--;
    key = key.slice(0, end);
  }
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
