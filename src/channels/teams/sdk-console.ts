// botbuilder writes some of what it refuses to the console (an expired token's error, "Error
// finding key for token" with the published key), outside Koers's structured log. While Koers runs
// botbuilder on a request, whatever botbuilder writes to the console goes to that request's pino
// logger instead, as one line with the text scrubbed of anything token-shaped. Console output
// from anything else, or outside a request, is left as it is.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';
import { scrubSecrets } from '../../logger.js';

const scope = new AsyncLocalStorage<Logger>();
let installed = false;

const LEVELS = ['error', 'warn', 'info', 'log'] as const;

/** Runs `fn` with console output going to `logger`. */
export function withSdkConsole<T>(logger: Logger, fn: () => Promise<T>): Promise<T> {
  install();
  return scope.run(logger, fn);
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const level of LEVELS) {
    const original = console[level];
    console[level] = (...args: unknown[]) => {
      const log = scope.getStore();
      if (!log) {
        original.apply(console, args);
        return;
      }
      const fields = { component: 'botbuilder', detail: describe(args) };
      if (level === 'error' || level === 'warn') log.warn(fields, 'botbuilder reported a problem');
      else log.debug(fields, 'botbuilder console output');
    };
  }
}

/** What was written, without a token or key material: the first line, errors by name and message. */
function describe(args: unknown[]): string {
  const text = args
    .map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : typeof a === 'string' ? a : safeJson(a)))
    .join(' ');
  // "Error finding key for token. Available keys: -----BEGIN PUBLIC KEY-----...": the key is noise.
  const first = (text.split(/Available keys:/)[0] ?? '').split('\n')[0] ?? '';
  return scrubSecrets(first).slice(0, 300).trim();
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
