// The words of a vocabulary within a few edits of a typed word, without comparing it with every
// word. The vocabulary is sorted, so words that share a beginning lie side by side, as in a trie:
// the rows of the distance table for a shared beginning are computed once for all of them, and
// when no row cell is within reach any more, every word with that beginning is skipped at once
// (one binary search). Distances are those of editDistance (optimal string alignment, counted in
// UTF-16 units), so a swap of two neighbouring letters is one edit. Pure.

/** Sorts words the way wordsWithin expects them: distinct, by UTF-16 code units. */
export function sortedVocabulary(words: Iterable<string>): string[] {
  return [...new Set(words)].sort(byCodeUnits);
}

export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Does `word` begin with the first `length` letters of `prefixOf`? */
function begins(word: string, prefixOf: string, length: number): boolean {
  if (word.length < length) return false;
  for (let k = length - 1; k >= 0; k--) if (word.charCodeAt(k) !== prefixOf.charCodeAt(k)) return false;
  return true;
}

/**
 * The first index after `at` whose word does not begin as `sorted[at]` does in its first `length`
 * letters. Those that do follow `at` side by side: a search that gallops, then halves.
 */
function pastPrefix(sorted: ReadonlyArray<string>, at: number, length: number): number {
  const prefixOf = sorted[at] as string;
  let lo = at + 1;
  let step = 1;
  while (lo < sorted.length && begins(sorted[lo] as string, prefixOf, length)) {
    lo += step;
    step *= 2;
  }
  // Every index before lo - step/2... is a word with the prefix; search the last leap.
  let hi = Math.min(lo, sorted.length);
  lo = Math.max(at + 1, lo - step / 2);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (begins(sorted[mid] as string, prefixOf, length)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The words of `sorted` (sortedVocabulary) at most `max` edits from `word`, in their order. */
export function wordsWithin(sorted: ReadonlyArray<string>, word: string, max: number): string[] {
  const n = word.length;
  const far = max + 1;
  const codes = new Int32Array(n + 1);
  for (let j = 1; j <= n; j++) codes[j] = word.charCodeAt(j - 1);
  // rows[d]: the distances of word's prefixes from the candidate's first d letters. Only the cells
  // a distance of at most `max` can pass through (|j - d| <= max) are filled; the two cells
  // around that band are kept past reach, so a band never reads a cell it did not fill.
  const width = n + 3;
  const rows: Int32Array[] = [new Int32Array(width).fill(far)];
  for (let j = 0; j <= Math.min(n, max); j++) (rows[0] as Int32Array)[j] = j;
  const out: string[] = [];
  let before = '';
  /** Rows 0..valid hold `before`'s first letters. */
  let valid = 0;
  let i = 0;
  while (i < sorted.length) {
    const candidate = sorted[i] as string;
    const length = candidate.length;
    let shared = 0;
    const limit = Math.min(valid, length, before.length);
    while (shared < limit && candidate.charCodeAt(shared) === before.charCodeAt(shared)) shared++;
    let pruned = -1;
    for (let d = shared + 1; d <= length; d++) {
      let row = rows[d];
      if (row === undefined) {
        row = new Int32Array(width).fill(far);
        rows[d] = row;
      }
      const up = rows[d - 1] as Int32Array;
      const twoUp = d > 1 ? (rows[d - 2] as Int32Array) : up;
      const c = candidate.charCodeAt(d - 1);
      const cBefore = d > 1 ? candidate.charCodeAt(d - 2) : -1;
      const from = Math.max(1, d - max);
      const to = Math.min(n, d + max);
      if (from > 1) row[from - 1] = far;
      else row[0] = Math.min(d, far);
      let rowMin = from === 1 ? (row[0] as number) : far;
      for (let j = from; j <= to; j++) {
        const wj = codes[j] as number;
        let v = (up[j - 1] as number) + (c === wj ? 0 : 1);
        const del = (up[j] as number) + 1;
        if (del < v) v = del;
        const ins = (row[j - 1] as number) + 1;
        if (ins < v) v = ins;
        if (j > 1 && c === codes[j - 1] && cBefore === wj) {
          const swap = (twoUp[j - 2] as number) + 1;
          if (swap < v) v = swap;
        }
        if (v > far) v = far;
        row[j] = v;
        if (v < rowMin) rowMin = v;
      }
      if (to < n) row[to + 1] = far;
      // Every cell of a later row comes from a cell of this one or, through a swap, of the row
      // before it, which is then at most one less than a cell of this one: past reach here, past
      // reach for every word with this beginning.
      if (rowMin > max) {
        pruned = d;
        break;
      }
    }
    before = candidate;
    if (pruned !== -1) {
      valid = pruned;
      i = pastPrefix(sorted, i, pruned);
      continue;
    }
    valid = length;
    if (length >= n - max && length <= n + max && ((rows[length] as Int32Array)[n] as number) <= max)
      out.push(candidate);
    i++;
  }
  return out;
}
