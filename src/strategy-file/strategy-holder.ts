// The strategy in force. Reloads when the file changes (or on SIGHUP); an invalid new file keeps
// the last good one running and every problem is logged.
import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from 'pino';
import { InputError } from '../cli/cli-error.js';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { parseStrategy } from '../domain/strategy/parse-strategy.js';
import { formatIssue } from '../domain/strategy/strategy-issues.js';
import { readTextFile } from './load-strategy-file.js';

export interface StrategyHolder {
  current(): Strategy;
  /** Re-reads the file; returns true when a new valid strategy is now in force. */
  reload(): boolean;
  watch(): void;
  close(): void;
  onChange(listener: (s: Strategy) => void): void;
}

export function createStrategyHolder(path: string, logger: Logger, initial: Strategy): StrategyHolder {
  let current = initial;
  let watcher: FSWatcher | null = null;
  let timer: NodeJS.Timeout | null = null;
  const listeners: Array<(s: Strategy) => void> = [];

  function reload(): boolean {
    let text: string;
    try {
      text = readTextFile(path, 'strategy file');
    } catch (err) {
      logger.error(
        { path, problems: err instanceof InputError ? err.problems : [String(err)] },
        'strategy reload failed; keeping the last good strategy',
      );
      return false;
    }
    const parsed = parseStrategy(text);
    if (!parsed.ok) {
      logger.error(
        { path, problems: parsed.issues.map(formatIssue) },
        'strategy file is invalid; keeping the last good strategy',
      );
      return false;
    }
    if (parsed.strategy.sha256 === current.sha256) return false;
    current = parsed.strategy;
    logger.info({ path, sha256: current.sha256 }, 'strategy reloaded');
    for (const l of listeners) l(current);
    return true;
  }

  return {
    current: () => current,
    reload,
    onChange: (l) => listeners.push(l),
    watch() {
      // Editors replace files rather than write them in place: watch the directory.
      try {
        watcher = watch(dirname(path), (_event, name) => {
          if (name !== null && name !== basename(path)) return;
          if (timer) clearTimeout(timer);
          timer = setTimeout(reload, 200);
        });
        watcher.on('error', (err) => logger.warn({ err: err.message }, 'strategy file watch stopped'));
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'cannot watch the strategy file; reload with SIGHUP');
      }
    },
    close() {
      watcher?.close();
      if (timer) clearTimeout(timer);
    },
  };
}
