// "Did you mean …?" for an id the strategy does not have: the known id of the same kind that is
// closest by edit distance, offered only when it is close enough to be a likely typo.

/** Levenshtein distance: the fewest insertions, deletions and substitutions from `a` to `b`. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/**
 * The candidate closest to `unknown`, when it is at most 2 edits away, or at most 1 when either
 * of the two is under 5 letters (two edits turn any short id into many others); the first in
 * the given order on a tie. Undefined when nothing is that close.
 */
export function closestId(unknown: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === unknown) continue;
    const distance = editDistance(unknown, candidate);
    const allowed = Math.min([...unknown].length, [...candidate].length) < 5 ? 1 : 2;
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
