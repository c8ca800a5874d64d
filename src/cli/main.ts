// The `koers` command: dispatches to a subcommand and turns every outcome into an exit code.
// Bad input prints one line per problem and exits 2; a fault exits 1; never a stack trace.
// Commands load lazily: `koers check` does not pay for the server, the store or Bolt.

import { scrubSecrets } from '../logger.js';
import { InputError } from './cli-error.js';
import { type CliIo, processIo } from './cli-io.js';

type Command = (args: string[], io: CliIo) => number | Promise<number>;
type Loader = () => Promise<Command>;

const COMMANDS: Record<string, { load: Loader; help: string }> = {
  serve: {
    load: async () => (await import('./commands/serve.js')).serveCommand,
    help: 'serve [--playground]             run the bot server (--playground: with the local Playground demo)',
  },
  check: {
    load: async () => (await import('./commands/check.js')).checkCommand,
    help: 'check --strategy F --proposal P|- [--portfolio CSV] [--lang nl|en]   one check, JSON out',
  },
  validate: {
    load: async () => (await import('./commands/validate.js')).validateCommand,
    help: 'validate F                       validate a strategy file',
  },
  schema: {
    load: async () => (await import('./commands/schema.js')).schemaCommand,
    help: 'schema                           print the JSON Schema of the strategy file',
  },
  import: {
    load: async () => (await import('./commands/import.js')).importCommand,
    help: 'import CSV [--skip-bad] [--dry-run] [--encoding NAME] [--strategy F] [--database URL]   import a relationship register',
  },
  'import-people': {
    load: async () => (await import('./commands/import-people.js')).importPeopleCommand,
    help: 'import-people CSV [--dry-run] [--encoding NAME] [--strategy F] [--database URL]   import the people directory',
  },
  export: {
    load: async () => (await import('./commands/export.js')).exportCommand,
    help: 'export [--format csv|json] [--output FILE]   write the register',
  },
  digest: {
    load: async () => (await import('./commands/digest.js')).digestCommand,
    help: 'digest --preview [--format text|json] [--lang nl|en] | --send   the weekly portfolio digest',
  },
  migrate: {
    load: async () => (await import('./commands/migrate.js')).migrateCommand,
    help: 'migrate                          bring the database schema up to date',
  },
  audit: {
    load: async () => (await import('./commands/audit.js')).auditCommand,
    help: "audit verify                     check the audit log's hash chain",
  },
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
    const run = await command.load();
    return await run(args, io);
  } catch (err) {
    if (err instanceof InputError) {
      for (const p of err.problems) io.err(`${p}\n`);
      return 2;
    }
    const e = err as { code?: string; message?: string };
    io.err(
      `koers ${name}: failed${e.code ? ` (${e.code})` : ''}: ${scrubSecrets(e.message ?? String(err))}\n`,
    );
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
      process.stderr.write(`koers: ${scrubSecrets((err as Error).message)}\n`);
      process.exitCode = 1;
    },
  );
}
