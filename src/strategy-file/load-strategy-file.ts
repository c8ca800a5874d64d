// Reads a strategy file from disk. The only I/O around the pure parseStrategy.
import { readFileSync } from 'node:fs';
import { InputError } from '../cli/cli-error.js';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { parseStrategy } from '../domain/strategy/parse-strategy.js';
import { formatIssue } from '../domain/strategy/strategy-issues.js';

export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (code ?? 'unreadable');
    throw new InputError([`${path}: cannot read the ${what} (${why})`]);
  }
}

/** Loads and validates a strategy file; an InputError lists every problem with its path. */
export function loadStrategyFile(path: string): Strategy {
  const result = parseStrategy(readTextFile(path, 'strategy file'));
  if (!result.ok) throw new InputError(result.issues.map((i) => `${path}: ${formatIssue(i)}`));
  return result.strategy;
}
