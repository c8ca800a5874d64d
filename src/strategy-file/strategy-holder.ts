// The strategy in force. Reloads when the file changes (or on SIGHUP); an invalid new file keeps
// the last good one running and every problem is logged. The file is read and parsed in a worker
// thread (read-strategy-off-thread.ts): a large strategy takes seconds to parse, and requests are
// answered meanwhile. Nothing a file contains can end the process: every failure is a log line.
import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from 'pino';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { readStrategyOffThread } from './read-strategy-off-thread.js';

export interface StrategyHolder {
  current(): Strategy;
  /**
   * Re-reads the file; resolves true when, once it is read, a new valid strategy is in force (one
   * the file watcher's reload in the meantime may have put there). Reloads queue.
   */
  reload(): Promise<boolean>;
  watch(): void;
  close(): void;
  onChange(listener: (s: Strategy) => void): void;
}

export function createStrategyHolder(path: string, logger: Logger, initial: Strategy): StrategyHolder {
  let current = initial;
  let watcher: FSWatcher | null = null;
  let timer: NodeJS.Timeout | null = null;
  let queue: Promise<boolean> = Promise.resolve(false);
  const listeners: Array<(s: Strategy) => void> = [];

  async function reloadOnce(): Promise<boolean> {
    const read = await readStrategyOffThread(path);
    if (!read.ok) {
      logger.error(
        {
          path,
          problems: read.problems,
          ...(read.total > read.problems.length ? { moreProblems: read.total - read.problems.length } : {}),
        },
        read.unreadable
          ? 'strategy reload failed; keeping the last good strategy'
          : 'strategy file is invalid; keeping the last good strategy',
      );
      return false;
    }
    if (read.strategy.sha256 === current.sha256) return false;
    current = read.strategy;
    logger.info({ path, sha256: current.sha256, parseThread: read.threadId }, 'strategy reloaded');
    for (const l of listeners) l(current);
    return true;
  }

  function reload(): Promise<boolean> {
    const before = current;
    queue = queue.then(reloadOnce).catch((err: unknown) => {
      logger.error({ path, err }, 'strategy reload failed; keeping the last good strategy');
      return false;
    });
    return queue.then(() => current !== before);
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
          timer = setTimeout(() => void reload(), 200);
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
