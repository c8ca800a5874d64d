// Damerau–Levenshtein distance (optimal string alignment): insertions, deletions, substitutions
// and a swap of two neighbouring letters each count as one, so `waterkwalitiet` is one step from
// `waterkwaliteit`. Bounded: past `max` the exact figure does not matter, only that it is too far.

export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (prev2[j - 2] as number) + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] as number;
}

/**
 * The typos a word may carry and still be read as another: none under 5 letters (too many short
 * words are one letter apart), one from 5 letters, two from 9.
 */
export function typoAllowance(word: string): number {
  const length = [...word].length;
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
