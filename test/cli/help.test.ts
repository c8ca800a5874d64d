// Every command answers --help and -h with its usage and exit 0, before it opens the store or
// reads the strategy; an unknown flag stays bad input (exit 2). Through the real, built command.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { USAGE } from '../../src/cli/command-usage.js';
import { COMMAND_NAMES } from '../../src/cli/main.js';
import { koers, scratch } from './run-koers.js';

/** A strategy that does not exist and a database nobody may create: help must touch neither. */
function untouchable() {
  const { dir } = scratch({});
  const database = join(dir, 'never.db');
  return {
    database,
    env: { KOERS_STRATEGY: join(dir, 'no-strategy.yaml'), KOERS_DATABASE_URL: `sqlite:${database}` },
  };
}

describe.concurrent.each(COMMAND_NAMES)('koers %s', (name) => {
  it.each(['--help', '-h'])(`answers %s with its usage, one line per flag, and exit 0`, async (flag) => {
    const { database, env } = untouchable();
    const run = await koers([name, flag], undefined, env);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`usage: koers ${USAGE[name].synopsis[0]}`);
    for (const [flagName, spec] of Object.entries(USAGE[name].flags)) {
      const label = `--${flagName}${'value' in spec ? ` ${spec.value}` : ''}`;
      const listed = lines.filter((l) => l.trimStart().startsWith(`${label} `));
      expect(listed, label).toEqual([expect.stringContaining(spec.help)]);
    }
    expect(lines.filter((l) => l.trimStart().startsWith('-h, --help '))).toHaveLength(1);
    expect(existsSync(database)).toBe(false);
  });

  it('answers --help after other arguments too, and `koers help` the same', async () => {
    const { database, env } = untouchable();
    const late = await koers([name, 'some-file.csv', '--help'], undefined, env);
    const viaHelp = await koers(['help', name], undefined, env);
    expect(late.code).toBe(0);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe(late.stdout);
    expect(existsSync(database)).toBe(false);
  });

  it('exits 2 for an unknown flag, naming it, with the usage', async () => {
    const { database, env } = untouchable();
    const run = await koers([name, '--no-such-flag'], undefined, env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.errors[0]).toContain("'--no-such-flag'");
    expect(run.errors.at(-1)).toMatch(new RegExp(`^(usage:| ) +koers ${name}\\b`));
    expect(existsSync(database)).toBe(false);
  });
});

describe('koers --help', () => {
  it('lists every command with its summary, and exit 0', async () => {
    const run = await koers(['--help']);
    expect(run.code).toBe(0);
    for (const name of COMMAND_NAMES)
      expect(run.stdout).toMatch(new RegExp(`^  ${name} +${asPattern(USAGE[name].summary)}$`, 'm'));
  });
});

function asPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
