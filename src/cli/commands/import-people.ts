// `koers import-people CSV`: the people directory from a CSV (id, name, role required), checked
// against the strategy's roles and the people already in the store; every row or none.

import { importPeople } from '../../directory/import-people.js';
import { csvFile } from '../../portfolio/csv-records.js';
import { InputError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { USAGE } from '../command-usage.js';
import { cliActor, cliStrategy, fileEncoding, openCliStore, requireFile } from '../open-cli-store.js';
import { parseCommandArgs, usageLines } from '../parse-command-args.js';

export async function importPeopleCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(USAGE['import-people'], args);
  if (positionals.length !== 1)
    throw new InputError(['give exactly one CSV file', ...usageLines(USAGE['import-people'])]);
  const file = positionals[0] as string;
  requireFile(file, 'people CSV');
  const encoding = fileEncoding(values.encoding);
  const strategy = cliStrategy(io, values.strategy);
  const store = await openCliStore(io, values.database);
  let result: Awaited<ReturnType<typeof importPeople>>;
  try {
    result = await importPeople(store.handle, store.backend, strategy, csvFile(file, encoding), {
      now: new Date(),
      dryRun: values['dry-run'] === true,
      actorId: cliActor(io),
    });
  } finally {
    await store.close();
  }
  if (!result.ok)
    throw new InputError([...result.problems.map((p) => `${file}: ${p}`), `${file}: nobody was imported`]);
  const r = result.report;
  io.out(
    `${r.dryRun ? 'dry run: nothing was written; would import' : 'imported'} ${r.people} people (${r.added} new, ${r.updated} updated)\n`,
  );
  return 0;
}
