// `koers import CSV`: an existing register into the store. Bad rows are listed
// with their line numbers and nothing is imported unless --skip-bad; duplicates are skipped and
// counted; progress on a terminal only; a summary at the end. Exit 0 done, 2 bad input.
import { csvFile } from '../../portfolio/csv-records.js';
import {
  type BadLine,
  type ImportProgress,
  type ImportReport,
  importRegister,
} from '../../portfolio/import-register.js';
import { InputError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { USAGE } from '../command-usage.js';
import { cliActor, cliStrategy, fileEncoding, openCliStore, requireFile } from '../open-cli-store.js';
import { parseCommandArgs, usageLines } from '../parse-command-args.js';

const SHOWN_DUPLICATES = 10;

export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(USAGE.import, args);
  if (positionals.length !== 1)
    throw new InputError(['give exactly one CSV file', ...usageLines(USAGE.import)]);
  const file = positionals[0] as string;
  requireFile(file, 'register CSV');
  const encoding = fileEncoding(values.encoding);
  const strategy = cliStrategy(io, values.strategy);
  const store = await openCliStore(io, values.database);
  const started = performance.now();
  const progress = io.isTty ? (p: ImportProgress) => io.err(`\r${progressLine(p)}`) : undefined;
  let result: Awaited<ReturnType<typeof importRegister>>;
  try {
    result = await importRegister(store.handle, store.backend, strategy, csvFile(file, encoding), {
      skipBad: values['skip-bad'] === true,
      dryRun: values['dry-run'] === true,
      now: new Date(),
      actorId: cliActor(io),
      onProgress: progress,
    });
  } finally {
    if (io.isTty) io.err('\r\x1b[K');
    await store.close();
  }
  const seconds = (performance.now() - started) / 1000;

  if (!result.ok && result.reason === 'bad_file')
    throw new InputError(result.problems.map((p) => `${file}: ${p}`));
  if (!result.ok) {
    writeBadLines(io, result.report, '');
    io.err(
      `${file}: ${result.report.bad} bad row(s) of ${result.report.rows}; nothing was imported (--skip-bad imports the good rows)\n`,
    );
    return 2;
  }
  const r = result.report;
  if (r.bad > 0) writeBadLines(io, r, 'skipped ');
  io.out(summary(r, seconds));
  return 0;
}

function writeBadLines(io: CliIo, report: ImportReport, prefix: string): void {
  for (const b of report.badLines) io.err(`${prefix}${badLine(b)}\n`);
  const more = report.bad - report.badLines.length;
  if (more > 0) io.err(`… and ${more} more\n`);
}

export function badLine(b: BadLine): string {
  return `line ${b.line}: ${b.problems.join('; ')}`;
}

function summary(r: ImportReport, seconds: number): string {
  const [imported, duplicate, bad] = r.dryRun
    ? ['would import', 'would skip as duplicate', 'would skip as bad']
    : ['imported', 'skipped as duplicate', 'skipped as bad'];
  const shown = r.duplicateLines.slice(0, SHOWN_DUPLICATES);
  const more = r.duplicates - shown.length;
  const where =
    shown.length === 0
      ? ''
      : ` (line${shown.length > 1 ? 's' : ''} ${shown.join(', ')}${more > 0 ? ` … and ${more} more` : ''})`;
  const rate = seconds > 0 ? Math.round(r.rows / seconds) : r.rows;
  return [
    ...(r.dryRun ? ['dry run: nothing was written'] : []),
    `${imported}: ${r.imported}`,
    `${duplicate}: ${r.duplicates}${where}`,
    `${bad}: ${r.bad}`,
    `${r.rows} rows in ${seconds.toFixed(2)} s (${rate} rows/s)`,
    '',
  ].join('\n');
}

function progressLine(p: ImportProgress): string {
  return p.phase === 'validating'
    ? `validating: ${p.rows} rows`
    : `importing: ${p.rows} of ${p.total ?? '?'} rows`;
}
