// Tokens of a folded message for reading numbers and words: currency signs and multipliers
// stand apart from digits (`€45k` is `€ 45 k`), digit groups stay whole (`12.500,-`), and
// punctuation around a token is dropped.

export function tokensOf(folded: string): string[] {
  return folded
    .replace(/[€$£]/gu, ' € ')
    .replace(/(\d)(?=\p{L})/gu, '$1 ')
    .replace(/(\p{L})(?=\d)/gu, '$1 ')
    .replace(/(\d)\s*-\s*(?=\d)/gu, '$1 - ')
    .split(/\s+/u)
    .map((t) =>
      t
        .replace(/^[("'“”‘’«»[]+/u, '')
        .replace(/[)"'“”‘’«»\]?!:;…]+$/u, '')
        .replace(/(?<!,)[.,]+$/u, ''),
    )
    .filter((t) => t !== '');
}

/** Words only (letters, digits and inner apostrophes or hyphens), for matching names. */
export function wordsOf(folded: string): string[] {
  return folded
    .split(/[^\p{L}\p{N}'’-]+/u)
    .map((w) => w.replace(/^['’-]+|['’-]+$/gu, ''))
    .filter((w) => w !== '');
}
