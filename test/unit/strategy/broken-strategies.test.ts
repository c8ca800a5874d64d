// A corpus of broken strategy files (test/fixtures/strategies/broken): each is rejected with the
// exact path of every problem, all problems at once (docs/check.md §1).
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
  'unknown-intensity-below-a-known-one': [['roles[1].mandate.maxIntensity', 35]],
  'unknown-priority-below-a-list': [['roles[0].mandate.priorities[1]', 33]],
  'unknown-role-between-rising-steps': [['decisionLines.default[1]', 42]],
  'unknown-person': [
    ['people[0].reportsTo', 53],
    ['people[2].delegate', 55],
  ],
  'short-unknown-id': [['decisionLines.byPriority.water-quality[0]', 44]],
  'unreadable-role-id': [
    ['roles[1].id', 33],
    ['roles[1].idd', 33],
  ],
  'unreadable-intensity-id': [
    ['intensities[1].id', 23],
    ['intensities[1].idd', 23],
  ],
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

/**
 * Files with an unknown or unreadable id: the exact messages. The closest known id of the same
 * kind is suggested when it is near; the checks that depend on the unknown id (mandates never
 * shrink going up, decision lines rise) add nothing about it.
 */
const MESSAGES: Record<string, string[]> = {
  'unknown-intensity': ['roles[2].mandate.maxIntensity: unknown intensity "allianc" (line 40)'],
  'unknown-exploration-intensity': [
    'exploration.maxIntensity: unknown intensity "exchang" (line 47); did you mean "exchange"?',
  ],
  'unknown-intensity-below-a-known-one': [
    'roles[1].mandate.maxIntensity: unknown intensity "projct" (line 35); did you mean "project"?',
  ],
  'unknown-priority-below-a-list': [
    'roles[0].mandate.priorities[1]: unknown priority "water-qualty" (line 33); did you mean "water-quality"?',
  ],
  'unknown-role-in-line': [
    'decisionLines.default[1]: unknown role "directr" (a decision line names only roles) (line 42)',
  ],
  'unknown-role-between-rising-steps': [
    'decisionLines.default[1]: unknown role "bord" (a decision line names only roles) (line 42); did you mean "board"?',
  ],
  'short-unknown-id': [
    'decisionLines.byPriority.water-quality[0]: unknown role "brd" (a decision line names only roles) (line 44)',
  ],
  'people-unknown-role': ['people[1].role: unknown role "teamleader" (line 54)'],
  'unknown-person': [
    'people[0].reportsTo: unknown person "u-brm" (line 53); did you mean "u-bram"?',
    'people[2].delegate: unknown person "u-nobody" (line 55)',
  ],
  'three-reference-problems': [
    'roles[2].mandate.maxIntensity: unknown intensity "allianc" (line 40)',
    'decisionLines.byPriority.water-quality[0]: unknown role "bord" (a decision line names only roles) (line 44); did you mean "board"?',
    'people[1].role: unknown role "teamleader" (line 54)',
  ],
  'unreadable-role-id': ['roles[1].id: is required (line 33)', 'roles[1].idd: unknown key "idd" (line 33)'],
  'unreadable-intensity-id': [
    'intensities[1].id: is required (line 23)',
    'intensities[1].idd: unknown key "idd" (line 23)',
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

  it.each(Object.entries(MESSAGES))(
    '%s names each unknown id once, with the closest known one when it is near',
    (name, want) => {
      expect(issuesOf(name).map(formatIssue)).toEqual(want);
    },
  );

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
