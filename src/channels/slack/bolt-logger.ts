// Bolt's and the Web API client's log lines, through pino (never the console), with anything
// token-shaped removed: SDK messages may echo request details.
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from 'pino';
import { scrubSecrets } from '../../logger.js';

export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'bolt' });
  const text = (msg: unknown[]) =>
    scrubSecrets(
      msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : safeJson(m))).join(' '),
    );
  return {
    debug: (...msg: unknown[]) => log.isLevelEnabled('debug') && log.debug(text(msg)),
    info: (...msg: unknown[]) => log.isLevelEnabled('info') && log.info(text(msg)),
    warn: (...msg: unknown[]) => log.warn(text(msg)),
    error: (...msg: unknown[]) => log.error(text(msg)),
    // The level is pino's (LOG_LEVEL); Bolt may ask but does not set it.
    setLevel: () => {},
    getLevel: () => (log.isLevelEnabled('debug') ? LogLevel.DEBUG : LogLevel.INFO),
    setName: () => {},
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
