// Reads a strategy file from disk. The only I/O around the pure parseStrategy.
import { readFileSync } from 'node:fs';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { parseStrategy } from '../domain/strategy/parse-strategy.js';
import { formatIssue } from '../domain/strategy/strategy-issues.js';
import { InputError } from '../input-error.js';
import { firstBadUtf8Line } from '../portfolio/text-encoding.js';

/** The file's text; an InputError when it cannot be read or is not UTF-8 (naming the first bad line). */
export function readTextFile(path: string, what: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
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
  const bad = firstBadUtf8Line(bytes);
  if (bad !== null)
    throw new InputError([`${path}: line ${bad}: not valid UTF-8 (save the ${what} as UTF-8)`]);
  return bytes.toString('utf8');
}

/** Loads and validates a strategy file; an InputError lists every problem with its path. */
export function loadStrategyFile(path: string): Strategy {
  const result = parseStrategy(readTextFile(path, 'strategy file'));
  if (!result.ok) throw new InputError(result.issues.map((i) => `${path}: ${formatIssue(i)}`));
  return result.strategy;
}
