// "Did you mean …?" for an id the strategy does not have: the known id of the same kind that is
// closest by edit distance, offered only when it is close enough to be a likely typo.
import { editDistance } from '../text/edit-distance.js';

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
