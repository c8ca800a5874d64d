// `koers export [--format csv|json] [--output FILE]`: the whole register, streamed in id order;
// `koers export --cases [--format json|csv] [--since DATE]`: every case with its decisions, the
// audit trail. With --output the file appears only when the export is complete (written beside
// it, then renamed), so a failed export never leaves half a file under the name asked for.

import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { exportPeople } from '../../directory/export-people.js';
import { EXPORT_FORMATS, type ExportFormat, exportRegister } from '../../portfolio/export-register.js';
import { isDate } from '../../portfolio/register-row.js';
import { exportCases } from '../../workflow/export-cases.js';
import { InputError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { USAGE } from '../command-usage.js';
import { openCliStore } from '../open-cli-store.js';
import { parseCommandArgs, usageLines } from '../parse-command-args.js';

type Write = (chunk: string) => void | Promise<void>;

export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(USAGE.export, args);
  const cases = values.cases === true;
  const people = values.people === true;
  const format = (values.format ?? (cases || people ? 'json' : 'csv')) as ExportFormat;
  const problems: string[] = [];
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    problems.push(`--format must be csv or json, not "${values.format}"`);
  if (cases && people) problems.push('give --cases or --people, not both');
  if (values.since !== undefined && !cases) problems.push('--since goes with --cases');
  else if (values.since !== undefined && !isDate(values.since))
    problems.push(`--since must be a date as YYYY-MM-DD, not "${values.since}"`);
  if (problems.length > 0) throw new InputError([...problems, ...usageLines(USAGE.export)]);

  const store = await openCliStore(io, values.database);
  const exportTo = (write: Write) =>
    people
      ? exportPeople(store.handle, format, write)
      : cases
        ? exportCases(store.handle, format, write, values.since === undefined ? {} : { since: values.since })
        : exportRegister(store.handle, format, write);
  try {
    if (values.output === undefined) {
      await exportTo((chunk) => io.out(chunk));
      return 0;
    }
    const count = await exportToFile(values.output, exportTo);
    const what = people ? 'person(s)' : cases ? 'case(s)' : 'relationship(s)';
    io.out(`exported ${count} ${what} to ${values.output}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

async function exportToFile(path: string, exportTo: (write: Write) => Promise<number>): Promise<number> {
  const partial = `${path}.partial-${process.pid}`;
  const out = createWriteStream(partial, { flags: 'wx' });
  try {
    await once(out, 'open');
  } catch (err) {
    throw new InputError([
      `${path}: cannot write the export (${(err as NodeJS.ErrnoException).code ?? 'unwritable'})`,
    ]);
  }
  try {
    const count = await exportTo(async (chunk) => {
      if (!out.write(chunk)) await once(out, 'drain');
    });
    out.end();
    await once(out, 'finish');
    renameSync(partial, path);
    return count;
  } catch (err) {
    out.destroy();
    rmSync(partial, { force: true });
    throw err;
  }
}
