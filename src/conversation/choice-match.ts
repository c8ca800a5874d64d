// An answer to a single-choice question: by its number in the list, its id, its name (in either
// language), or an unambiguous start of a name ("kennis" for Kennisinstelling).
import { fold } from './fold.js';

export interface MatchableOption {
  id: string;
  /** Names and other words that pick this option. */
  names: ReadonlyArray<string>;
}

export function matchChoice(input: string, options: ReadonlyArray<MatchableOption>): string | null {
  const answer = fold(input)
    .replace(/[.)!?]+$/u, '')
    .trim();
  if (answer === '') return null;
  if (/^\d+$/.test(answer)) return options[Number(answer) - 1]?.id ?? null;
  const exact = options.find((o) => fold(o.id) === answer || o.names.some((n) => fold(n) === answer));
  if (exact) return exact.id;
  if (answer.length < 3) return null;
  const starts = options.filter((o) => o.names.some((n) => fold(n).startsWith(answer)));
  return starts.length === 1 ? (starts[0] as MatchableOption).id : null;
}
