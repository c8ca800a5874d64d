// A command's arguments, parsed by the flags its usage lists (command-usage.ts), and its help.
// An unknown flag, a flag without its value, or an argument the command does not take is bad
// input: the problem and the usage, exit 2.
import { parseArgs } from 'node:util';
import { InputError } from './cli-error.js';
import type { CommandUsage, FlagUsage } from './command-usage.js';

type Options<F extends Readonly<Record<string, FlagUsage>>> = {
  -readonly [K in keyof F]: { type: F[K]['type'] };
};

export function parseCommandArgs<const F extends Readonly<Record<string, FlagUsage>>>(
  usage: CommandUsage & { flags: F },
  args: string[],
) {
  const options = Object.fromEntries(
    Object.entries(usage.flags).map(([name, flag]) => [name, { type: flag.type }]),
  ) as Options<F>;
  let parsed: ReturnType<typeof parseArgs<{ options: Options<F>; strict: true; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (err) {
    throw new InputError([(err as Error).message, ...usageLines(usage)]);
  }
  const [extra] = parsed.positionals;
  if (usage.args === undefined && extra !== undefined)
    throw new InputError([`unexpected argument "${extra}"`, ...usageLines(usage)]);
  return parsed;
}

/** `usage: koers …`, one line per form of the command. */
export function usageLines(usage: Pick<CommandUsage, 'synopsis'>): string[] {
  return usage.synopsis.map((form, i) => `${i === 0 ? 'usage:' : '      '} koers ${form}`);
}

/** True when the arguments ask for help (`--help` or `-h` before any `--`). */
export function asksForHelp(args: ReadonlyArray<string>): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** What `koers COMMAND --help` prints: the usage, the summary, then one line per argument and flag. */
export function commandHelp(usage: CommandUsage): string {
  const rows: Array<[string, string]> = [
    ...(usage.args ?? []).map(([name, help]): [string, string] => [name, help]),
    ...Object.entries(usage.flags).map(([name, flag]): [string, string] => [
      `--${name}${flag.value === undefined ? '' : ` ${flag.value}`}`,
      flag.help,
    ]),
    ['-h, --help', 'show this help'],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return [
    ...usageLines(usage),
    '',
    `${capitalise(usage.summary)}.`,
    '',
    ...rows.map(([label, help]) => `  ${label.padEnd(width)}${help}`),
    ...(usage.notes === undefined ? [] : ['', ...usage.notes]),
    '',
  ].join('\n');
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
