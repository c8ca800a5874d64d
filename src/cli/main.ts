// The `koers` command: dispatches to a subcommand and turns every outcome into an exit code.
// Bad input prints one line per problem and exits 2; a fault exits 1; never a stack trace.
import { InputError } from './cli-error.js';
import { type CliIo, processIo } from './cli-io.js';
import { auditCommand } from './commands/audit.js';
import { checkCommand } from './commands/check.js';
import { digestCommand } from './commands/digest.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { importPeopleCommand } from './commands/import-people.js';
import { migrateCommand } from './commands/migrate.js';
import { schemaCommand } from './commands/schema.js';
import { validateCommand } from './commands/validate.js';

type Command = (args: string[], io: CliIo) => number | Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  check: {
    run: checkCommand,
    help: 'check --strategy F --proposal P|- [--portfolio CSV] [--lang nl|en]   one check, JSON out',
  },
  validate: { run: validateCommand, help: 'validate F                       validate a strategy file' },
  digest: {
    run: digestCommand,
    help: 'digest --preview [--format text|json] [--lang nl|en] | --send   the weekly portfolio digest',
  },
  schema: {
    run: schemaCommand,
    help: 'schema                           print the JSON Schema of the strategy file',
  },
  import: {
    run: importCommand,
    help: 'import CSV [--skip-bad] [--dry-run] [--strategy F] [--database URL]   import a relationship register',
  },
  'import-people': {
    run: importPeopleCommand,
    help: 'import-people CSV [--dry-run] [--strategy F] [--database URL]   import the people directory',
  },
  export: { run: exportCommand, help: 'export [--format csv|json] [--output FILE]   write the register' },
  migrate: {
    run: migrateCommand,
    help: 'migrate                          bring the database schema up to date',
  },
  audit: { run: auditCommand, help: "audit verify                     check the audit log's hash chain" },
};

export function usage(): string {
  return `usage: koers <command>\n\n${Object.values(COMMANDS)
    .map((c) => `  koers ${c.help}`)
    .join('\n')}\n`;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`koers: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof InputError) {
      for (const p of err.problems) io.err(`${p}\n`);
      return 2;
    }
    const e = err as { code?: string; message?: string };
    io.err(`koers ${name}: failed${e.code ? ` (${e.code})` : ''}: ${e.message ?? String(err)}\n`);
    return 1;
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith('/dist/cli/main.js');
if (isMain || process.env.KOERS_CLI_MAIN === '1') {
  runCli(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`koers: ${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
