// `koers validate` and `koers schema` through the real, built command.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_STRATEGY, koers, ROOT, scratch } from './run-koers.js';

const broken = (name: string) => `test/fixtures/strategies/broken/${name}.yaml`;

describe.concurrent('koers validate', () => {
  it('exits 0 for the example strategy', async () => {
    const run = await koers(['validate', EXAMPLE_STRATEGY]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('valid');
    expect(run.stderr).toBe('');
  });

  it('exits 2 with one line per problem, each with its path and line', async () => {
    const run = await koers(['validate', broken('three-problems')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.errors).toEqual([
      `${broken('three-problems')}: roles[1].mandate.maxBuget: unknown key "maxBuget" (line 36)`,
      `${broken('three-problems')}: roles[2].mandate.maxIntensity: unknown intensity "allianc" (line 40)`,
      `${broken('three-problems')}: decisionLines.default[1]: "manager" does not rank above the step before it (a decision line rises through roles) (line 42)`,
    ]);
  });

  it('suggests the closest id for an unknown one, without the follow-on "smaller mandate" above it', async () => {
    const example = readFileSync(EXAMPLE_STRATEGY, 'utf8');
    const director = 'mandate: { maxIntensity: alliance, maxBudget: 1000000';
    expect(example.split(director)).toHaveLength(2);
    const { typo } = scratch({ typo: example.replace(director, director.replace('alliance', 'allianc')) });
    const run = await koers(['validate', typo as string]);
    expect(run.code).toBe(2);
    const line = example.split('\n').findIndex((l) => l.includes(director)) + 1;
    expect(run.errors).toEqual([
      `${typo}: roles[3].mandate.maxIntensity: unknown intensity "allianc" (line ${line}); did you mean "alliance"?`,
    ]);
  });

  it('gives the line of a YAML syntax error', async () => {
    const run = await koers(['validate', broken('syntax-error')]);
    expect(run.code).toBe(2);
    expect(run.errors).toEqual([expect.stringMatching(/YAML syntax error: .*\(line 9\)$/)]);
  });

  it('exits 2 for a billion-laughs file, naming the file and the problem, without expanding it', async () => {
    const run = await koers(['validate', broken('billion-laughs')]);
    expect(run.code).toBe(2);
    expect(run.errors).toEqual([
      `${broken('billion-laughs')}: YAML aliases expand too far (more than 100 uses): refused as a resource exhaustion attack`,
    ]);
  });

  it('exits 2 for a file that cannot be read', async () => {
    const run = await koers(['validate', '/nonexistent/strategy.yaml']);
    expect(run.code).toBe(2);
    expect(run.errors).toEqual(['/nonexistent/strategy.yaml: cannot read the strategy file (no such file)']);
  });

  it('exits 2 without a file', async () => {
    const run = await koers(['validate']);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('    at ');
  });
});

describe.concurrent('koers schema', () => {
  it('prints the JSON Schema of the strategy file, as committed in schema/', async () => {
    const run = await koers(['schema']);
    expect(run.code).toBe(0);
    const schema = JSON.parse(run.stdout);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.properties.roles.type).toBe('array');
    expect(run.stdout).toBe(readFileSync(join(ROOT, 'schema/strategy.schema.json'), 'utf8'));
  });

  it('exits 2 for arguments it does not take', async () => {
    const run = await koers(['schema', 'extra']);
    expect(run.code).toBe(2);
  });
});
