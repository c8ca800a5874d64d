// `koers migrate`: brings the database schema up to date and does nothing else.
import type { CliIo } from '../cli-io.js';
import { USAGE } from '../command-usage.js';
import { openCliStore } from '../open-cli-store.js';
import { parseCommandArgs } from '../parse-command-args.js';

export async function migrateCommand(args: string[], io: CliIo): Promise<number> {
  const { database } = parseCommandArgs(USAGE.migrate, args).values;
  const store = await openCliStore(io, database);
  await store.close();
  io.out(
    store.migrated.length === 0
      ? 'database schema up to date\n'
      : store.migrated.map((m) => `applied migration ${m}\n`).join(''),
  );
  return 0;
}
