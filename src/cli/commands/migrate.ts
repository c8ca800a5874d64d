// `koers migrate`: brings the database schema up to date and does nothing else.
import { parseArgs } from 'node:util';
import { InputError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { openCliStore } from '../open-cli-store.js';

const USAGE = 'usage: koers migrate [--database URL]';

export async function migrateCommand(args: string[], io: CliIo): Promise<number> {
  let database: string | undefined;
  try {
    ({ database } = parseArgs({
      args,
      options: { database: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }).values);
  } catch (err) {
    throw new InputError([(err as Error).message, USAGE]);
  }
  const store = await openCliStore(io, database);
  await store.close();
  io.out(
    store.migrated.length === 0
      ? 'database schema up to date\n'
      : store.migrated.map((m) => `applied migration ${m}\n`).join(''),
  );
  return 0;
}
