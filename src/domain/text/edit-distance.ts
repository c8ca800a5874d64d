// Damerau–Levenshtein distance (optimal string alignment): insertions, deletions, substitutions
// and a swap of two neighbouring letters each count as one, so `waterkwalitiet` is one step from
// `waterkwaliteit`. Bounded: past `max` the exact figure does not matter, only that it is too far.

// Rows of the distance table, kept between calls (a word is short; the rows grow when one is not).
let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];

export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if ((rows[0] as Int32Array).length <= n)
    rows = [new Int32Array(2 * n + 2), new Int32Array(2 * n + 2), new Int32Array(2 * n + 2)];
  let [prev2, prev, cur] = rows as [Int32Array, Int32Array, Int32Array];
  // Past `max`, every figure is as good as `max + 1`: the table is filled only in the band of
  // cells a distance of at most `max` can pass through; outside it, a cell counts as too far.
  const far = Number.isFinite(max) ? max + 1 : a.length + n + 1;
  const band = Number.isFinite(max) ? max : Math.max(a.length, n);
  for (let j = 0; j <= n; j++) prev[j] = j <= band ? j : far;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - band);
    const to = Math.min(n, i + band);
    cur[0] = i <= band ? i : far;
    if (from > 1) cur[from - 1] = far;
    let rowMin = from === 1 ? (cur[0] as number) : far;
    const ai = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, (prev2[j - 2] as number) + 1);
      }
      if (d > far) d = far;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (to < n) cur[to + 1] = far;
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[n] as number, far);
}

/** The number of letters (code points) of a word, without splitting it. */
function letterCount(word: string): number {
  let n = word.length;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n--;
  }
  return n;
}

/**
 * The typos a word may carry and still be read as another: none under 5 letters (too many short
 * words are one letter apart), one from 5 letters, two from 9.
 */
export function typoAllowance(word: string): number {
  const length = letterCount(word);
  if (length >= 9) return 2;
  if (length >= 5) return 1;
  return 0;
}

/** Is `typed` the `target` word with at most the typos its length allows? */
export function isTypoOf(typed: string, target: string): boolean {
  if (typed === target) return true;
  const allowed = Math.min(typoAllowance(typed), typoAllowance(target));
  return allowed > 0 && editDistance(typed, target, allowed) <= allowed;
}

/**
 * A word in a name typed with a typo, or with its last letter left off (`delf` for `delft`):
 * for matching names people ask about, not for reading answers.
 */
export function isNearWord(typed: string, target: string): boolean {
  if (isTypoOf(typed, target)) return true;
  return typed.length >= 4 && target.length === typed.length + 1 && target.startsWith(typed);
}

/** Either word is the other with a typo or its last letter left off (isNearWord either way). */
export function areNearWords(a: string, b: string): boolean {
  if (isTypoOf(a, b)) return true;
  if (a.length >= 4 && b.length === a.length + 1) return b.startsWith(a);
  return b.length >= 4 && a.length === b.length + 1 && a.startsWith(b);
}
