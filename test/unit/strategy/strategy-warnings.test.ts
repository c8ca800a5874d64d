// Dead configuration is a warning, not an error: a decision-line override for a priority the
// file does not have never applies (test/fixtures/strategies/contract-example.yaml has one), so the file is
// valid and the author is told.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkProposal } from '../../../src/domain/check/check-proposal.js';
import { parseProposal } from '../../../src/domain/check/proposal.js';
import { EMPTY_PORTFOLIO } from '../../../src/domain/portfolio/portfolio-view.js';
import { parseStrategy } from '../../../src/domain/strategy/parse-strategy.js';

// The example strategy and proposal the check was specified with, in test/fixtures.
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');

describe('strategy warnings', () => {
  it('accepts an override for an unknown priority with a warning naming its path', () => {
    const text = readFileSync(
      new URL('../../fixtures/strategies/unknown-priority-override.yaml', import.meta.url),
      'utf8',
    );
    const r = parseStrategy(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.strategy.warnings.map((w) => w.path)).toEqual(['decisionLines.byPriority.health']);
    expect(r.strategy.warnings[0]?.message).toMatch(/never applies/);
  });

  it('takes the contract’s example strategy and checks its example proposal', () => {
    const yaml = fixture('strategies/contract-example.yaml');
    const json = fixture('contract-proposal.json');
    const r = parseStrategy(yaml);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = parseProposal({ ...JSON.parse(json), budget: 25_000 }, r.strategy);
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    const result = checkProposal(r.strategy, p.proposal, EMPTY_PORTFOLIO);
    expect(result).toMatchObject({
      verdict: 'escalate',
      route: ['manager'],
      reasons: [{ code: 'budget_over_mandate' }],
    });
    expect(result.reasons[0]?.message).toContain('€\u00a025.000');
    expect(result.reasons[0]?.message).toContain('€\u00a010.000');
  });
});
