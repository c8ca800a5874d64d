// `koers export [--format csv|json] [--output FILE]`: the whole register, streamed in id order.
// With --output the file appears only when the export is complete (written beside it, then
// renamed), so a failed export never leaves half a file under the name asked for.

import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { EXPORT_FORMATS, type ExportFormat, exportRegister } from '../../register/export-register.js';
import { InputError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { USAGE } from '../command-usage.js';
import { openCliStore } from '../open-cli-store.js';
import { parseCommandArgs, usageLines } from '../parse-command-args.js';

export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(USAGE.export, args);
  const format = (values.format ?? 'csv') as ExportFormat;
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new InputError([
      `--format must be csv or json, not "${values.format}"`,
      ...usageLines(USAGE.export),
    ]);
  const store = await openCliStore(io, values.database);
  try {
    if (values.output === undefined) {
      await exportRegister(store.db, format, (chunk) => io.out(chunk));
      return 0;
    }
    const count = await exportToFile(store, format, values.output);
    io.out(`exported ${count} relationship(s) to ${values.output}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

async function exportToFile(
  store: Awaited<ReturnType<typeof openCliStore>>,
  format: ExportFormat,
  path: string,
): Promise<number> {
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
    const count = await exportRegister(store.db, format, async (chunk) => {
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
