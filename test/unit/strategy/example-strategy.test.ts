// The bundled example strategy and portfolio: valid, and rich enough to demo.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkProposal } from '../../../src/domain/check/check-proposal.js';
import { indexPortfolio } from '../../../src/domain/portfolio/portfolio-view.js';
import { parseStrategy } from '../../../src/domain/strategy/parse-strategy.js';
import { readPortfolioCsv } from '../../../src/portfolio/read-register-csv.js';

const ROOT = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');

function exampleStrategy() {
  const result = parseStrategy(read('config/strategy.example.yaml'));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.strategy;
}

describe('config/strategy.example.yaml', () => {
  it('validates', () => {
    const result = parseStrategy(read('config/strategy.example.yaml'));
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('has what the issue asks of it', () => {
    const s = exampleStrategy();
    const policies = s.file.partnerTypes.map((t) => t.policy);
    expect(s.file.priorities.length).toBeGreaterThanOrEqual(5);
    expect(s.file.partnerTypes.length).toBeGreaterThanOrEqual(5);
    expect(policies).toContain('conditional');
    expect(policies).toContain('excluded');
    expect(s.file.intensities.length).toBeGreaterThanOrEqual(4);
    expect(s.file.roles.length).toBeGreaterThanOrEqual(4);
    expect(Object.keys(s.file.decisionLines.byPriority ?? {}).length).toBeGreaterThan(0);
    expect(s.exploration).not.toBeNull();
  });

  it('gives the contract §4 example: escalate to the first step for a budget over the employee mandate', () => {
    const s = exampleStrategy();
    const r = checkProposal(
      s,
      {
        partner: { name: 'TU Delft', type: 'knowledge-institution' },
        priority: 'energy-transition',
        intensity: 'project',
        budget: 25_000,
        months: 6,
        direction: 'we_need',
        requester: { id: 'u-anna', role: 'employee' },
      },
      indexPortfolio([]),
    );
    expect(r.verdict).toBe('escalate');
    expect(r.route).toEqual(['team-lead']);
    expect(r.reasons.map((x) => x.code)).toEqual(['budget_over_mandate']);
    expect(r.reasons[0]?.message).toContain('€\u00a025.000');
  });
});

describe('config/portfolio.example.csv', () => {
  it('reads, with about 30 relationships, active and ended, some exploratory', () => {
    const csv = readPortfolioCsv(read('config/portfolio.example.csv'));
    if (!csv.ok) throw new Error(csv.problems.join('\n'));
    expect(csv.relationships.length).toBeGreaterThanOrEqual(25);
    expect(csv.relationships.some((r) => r.status === 'ended')).toBe(true);
    expect(csv.relationships.some((r) => r.status === 'active' && r.priority === null)).toBe(true);
  });

  it('names only owners who are people in the example strategy', () => {
    const people = new Set(exampleStrategy().people.map((p) => p.id));
    const csv = readPortfolioCsv(read('config/portfolio.example.csv'));
    if (!csv.ok) throw new Error(csv.problems.join('\n'));
    expect(csv.relationships.filter((r) => !people.has(r.owner)).map((r) => r.owner)).toEqual([]);
  });
});
