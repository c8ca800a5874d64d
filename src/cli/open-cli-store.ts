// What the store commands share: the config from the CLI's environment, the store opened and
// migrated: every command that opens the store brings its schema up to date,
// and the strategy (`--strategy FILE`, else the configured one).
import { statSync } from 'node:fs';
import { type Config, loadConfig } from '../config.js';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { encodingOf, UTF8 } from '../portfolio/text-encoding.js';
import { openStore } from '../store/open-store.js';
import { loadStrategyFile } from '../strategy-file/load-strategy-file.js';
import { InputError } from './cli-error.js';
import type { CliIo } from './cli-io.js';

export type CliStore = Awaited<ReturnType<typeof openStore>>;

const DATABASE_URL = /^(?:sqlite:.+|postgres(?:ql)?:\/\/.+)$/;

export function cliConfig(io: CliIo): Config {
  const result = loadConfig(io.env);
  if (!result.ok) throw new InputError(result.problems);
  return result.config;
}

/** The database URL a store command uses: `--database URL`, else KOERS_DATABASE_URL; bad URLs are input errors. */
export function cliDatabaseUrl(io: CliIo, databaseFlag?: string): string {
  if (databaseFlag === undefined) return cliConfig(io).databaseUrl;
  if (!DATABASE_URL.test(databaseFlag))
    throw new InputError([`--database: must be sqlite:PATH or postgres://..., not "${databaseFlag}"`]);
  return databaseFlag;
}

/** Opens the store at `--database URL`, else KOERS_DATABASE_URL; bad URLs are input errors. */
export async function openCliStore(io: CliIo, databaseFlag?: string): Promise<CliStore> {
  const url = cliDatabaseUrl(io, databaseFlag);
  try {
    return await openStore(url);
  } catch (err) {
    if ((err as { code?: string }).code === 'KOERS_INPUT') throw new InputError([(err as Error).message]);
    throw err;
  }
}

/** The strategy at `--strategy FILE`, else the configured one (KOERS_STRATEGY or the default). */
export function cliStrategy(io: CliIo, strategyFlag?: string): Strategy {
  return loadStrategyFile(strategyFlag ?? cliConfig(io).strategyPath);
}

/** A file a command is about to read: an input error if it is missing or not a file. */
export function requireFile(path: string, what: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError([
      `${path}: cannot read the ${what} (${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')})`,
    ]);
  }
  if (!isFile) throw new InputError([`${path}: cannot read the ${what} (not a file)`]);
}

/**
 * The encoding a CSV is in: UTF-8 unless `--encoding` names another (windows-1252, latin1, ...);
 * an encoding Node does not know is an input error.
 */
export function fileEncoding(flag: string | undefined): string {
  if (flag === undefined) return UTF8;
  const encoding = encodingOf(flag);
  if (encoding === null)
    throw new InputError([`--encoding: unknown encoding "${flag}" (e.g. utf-8, windows-1252)`]);
  return encoding;
}

/** Who runs the command, for the audit log: the operating-system user. */
export function cliActor(io: CliIo): string {
  const user = io.env.USER ?? io.env.USERNAME ?? io.env.LOGNAME;
  return user ? `cli:${user}` : 'cli';
}
