// The `koers` command: dispatches to a subcommand and turns every outcome into an exit code.
// Bad input prints one line per problem and exits 2; a fault exits 1; never a stack trace.
// Commands load lazily: `koers check` does not pay for the server, the store or Bolt, and
// `koers COMMAND --help` loads none of them.

import { scrubSecrets } from '../logger.js';
import { InputError } from './cli-error.js';
import { type CliIo, processIo } from './cli-io.js';
import { type CommandName, USAGE } from './command-usage.js';
import { asksForHelp, commandHelp } from './parse-command-args.js';

type Command = (args: string[], io: CliIo) => number | Promise<number>;
type Loader = () => Promise<Command>;

const COMMANDS: Record<CommandName, Loader> = {
  serve: async () => (await import('./commands/serve.js')).serveCommand,
  check: async () => (await import('./commands/check.js')).checkCommand,
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  schema: async () => (await import('./commands/schema.js')).schemaCommand,
  import: async () => (await import('./commands/import.js')).importCommand,
  'import-people': async () => (await import('./commands/import-people.js')).importPeopleCommand,
  'sync-people': async () => (await import('./commands/sync-people.js')).syncPeopleCommand,
  export: async () => (await import('./commands/export.js')).exportCommand,
  digest: async () => (await import('./commands/digest.js')).digestCommand,
  migrate: async () => (await import('./commands/migrate.js')).migrateCommand,
  audit: async () => (await import('./commands/audit.js')).auditCommand,
};

/** Every command `koers` dispatches to, in the order `koers --help` lists them. */
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

export function usage(): string {
  const width = Math.max(...COMMAND_NAMES.map((n) => n.length)) + 2;
  return [
    'usage: koers <command> [arguments]',
    '',
    ...COMMAND_NAMES.map((n) => `  ${n.padEnd(width)}${USAGE[n].summary}`),
    '',
    "koers <command> --help shows a command's arguments and flags.",
    '',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === 'help') return help(args, io);
  if (!isCommand(name)) {
    io.err(`koers: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  // Help is answered here, before the command loads: it opens no store and reads no strategy.
  if (asksForHelp(args)) {
    io.out(commandHelp(USAGE[name]));
    return 0;
  }
  const load = COMMANDS[name];
  try {
    const run = await load();
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

/** `koers help` lists the commands; `koers help COMMAND` is `koers COMMAND --help`. */
function help(args: string[], io: CliIo): number {
  const [name, ...rest] = args;
  if (name === undefined) {
    io.out(usage());
    return 0;
  }
  if (!isCommand(name) || rest.length > 0) {
    io.err(`koers: unknown command "${args.join(' ')}"\n${usage()}`);
    return 2;
  }
  io.out(commandHelp(USAGE[name]));
  return 0;
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
