// A corpus of broken strategy files (test/fixtures/strategies/broken): each is rejected with the
// exact path of every problem, all problems at once (check-contract.md §1).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStrategy } from '../../../src/domain/strategy/parse-strategy.js';
import { formatIssue, type StrategyIssue } from '../../../src/domain/strategy/strategy-issues.js';

const DIR = new URL('../../fixtures/strategies/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, DIR), 'utf8');

function issuesOf(name: string): StrategyIssue[] {
  const result = parseStrategy(read(`broken/${name}.yaml`));
  if (result.ok) throw new Error(`${name} was accepted`);
  return result.issues;
}

/** Each broken file: the [path, line] of every issue it must give, in order. */
const EXPECTED: Record<string, Array<[string, number | undefined]>> = {
  'syntax-error': [['', 9]],
  'duplicate-key': [['', 33]],
  'unknown-key-maxbuget': [['roles[1].mandate.maxBuget', 36]],
  'unknown-key-lowest-role': [['roles[0].mandate.maxBuget', 31]],
  'unknown-top-level-key': [['exploraton', 46]],
  'unknown-intensity': [['roles[2].mandate.maxIntensity', 40]],
  'unknown-exploration-intensity': [['exploration.maxIntensity', 47]],
  'unknown-role-in-line': [['decisionLines.default[1]', 42]],
  'unknown-role-in-override': [['decisionLines.byPriority.water-quality[0]', 44]],
  'unknown-priority-in-mandate': [['roles[0].mandate.priorities[1]', 33]],
  'duplicate-priority-id': [['priorities[2].id', 13]],
  'duplicate-role-id': [['roles[3].id', 41]],
  'duplicate-intensity-id': [['intensities[3].id', 27]],
  'wrong-type-budget': [['roles[0].mandate.maxBudget', 31]],
  'wrong-type-negative-budget': [['roles[0].mandate.maxBudget', 31]],
  'wrong-type-policy': [['partnerTypes[1].policy', 19]],
  'wrong-type-version': [['version', 2]],
  'wrong-type-priorities': [['roles[0].mandate.priorities', 33]],
  'missing-mandate': [['roles[2].mandate', 38]],
  'missing-policy': [['partnerTypes[1].policy', 17]],
  'missing-section': [['roles', 2]],
  'empty-decision-line': [['decisionLines.default', 42]],
  'descending-decision-line': [['decisionLines.default[1]', 42]],
  'shrinking-mandate': [['roles[1].mandate.maxBudget', 36]],
  'shrinking-mandate-limit-added': [['roles[2].mandate.maxMonths', 41]],
  'exploration-missing-field': [['exploration.maxBudget', 46]],
  'bad-cron': [['digest.cron', 50]],
  'billion-laughs': [['', undefined]],
  'bad-timezone': [['digest.timezone', 51]],
  'people-unknown-role': [['people[1].role', 54]],
  'people-reports-to-cycle': [
    ['people[0].reportsTo', 53],
    ['people[1].reportsTo', 54],
    ['people[2].reportsTo', 55],
  ],
  'three-problems': [
    ['roles[1].mandate.maxBuget', 36],
    ['roles[2].mandate.maxIntensity', 40],
    ['decisionLines.default[1]', 42],
  ],
  'three-schema-problems': [
    ['priorities[0].weight', 9],
    ['partnerTypes[1].policy', 19],
    ['exploration.maxBudget', 46],
  ],
  'three-reference-problems': [
    ['roles[2].mandate.maxIntensity', 40],
    ['decisionLines.byPriority.water-quality[0]', 44],
    ['people[1].role', 54],
  ],
};

describe('broken strategy files', () => {
  it('the base they depart from is valid', () => {
    expect(parseStrategy(read('valid-minimal.yaml')).ok).toBe(true);
  });

  it('every file in the corpus has its expectation here', () => {
    const files = readdirSync(new URL('broken/', DIR)).map((f) => f.replace(/\.yaml$/, ''));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))(
    '%s is rejected with the path and line of every problem',
    (name, want) => {
      const issues = issuesOf(name);
      expect(issues.map((i) => [i.path, i.line])).toEqual(want);
      for (const i of issues) expect(i.message).not.toBe('');
    },
  );

  it('names the unknown reference as the contract shows', () => {
    expect(issuesOf('unknown-intensity').map(formatIssue)).toEqual([
      'roles[2].mandate.maxIntensity: unknown intensity "allianc" (line 40)',
    ]);
  });

  it('names the unknown key, so a typo never silently lifts a limit', () => {
    expect(issuesOf('unknown-key-maxbuget')[0]?.message).toBe('unknown key "maxBuget"');
  });

  it('says a missing key is required, whatever its type', () => {
    expect(issuesOf('missing-policy').map(formatIssue)).toEqual([
      'partnerTypes[1].policy: is required (line 17)',
    ]);
    expect(issuesOf('exploration-missing-field')[0]?.message).toBe('is required');
  });

  it('says which id is duplicated', () => {
    expect(issuesOf('duplicate-role-id')[0]?.message).toBe('duplicate role id "board"');
  });

  it('calls a YAML syntax error one', () => {
    expect(issuesOf('syntax-error')[0]?.message).toMatch(/^YAML syntax error: /);
  });

  it('says a shrinking mandate is smaller than the one below it', () => {
    expect(issuesOf('shrinking-mandate')[0]?.message).toBe(
      'the mandate of "manager" is smaller than that of "employee" below it',
    );
  });

  it('refuses a billion-laughs file by its alias count, without expanding it', () => {
    expect(issuesOf('billion-laughs').map(formatIssue)).toEqual([
      'YAML aliases expand too far (more than 100 uses): refused as a resource exhaustion attack',
    ]);
  });

  it('reports an empty file', () => {
    const result = parseStrategy('');
    expect(result.ok).toBe(false);
  });
});
