// Limits are inclusive, and a missing limit is no limit (docs/check.md §1, §3).
import { describe, expect, it } from 'vitest';
import { check, codes, explorations, portfolio, proposal, strategy } from './strategy-factory.js';

describe('inclusive limits', () => {
  it('a budget equal to maxBudget is within it', () => {
    expect(check(strategy(), proposal({ budget: 10_000 })).verdict).toBe('within_mandate');
  });

  it('a budget one cent above maxBudget is over it', () => {
    expect(codes(check(strategy(), proposal({ budget: 10_000.01 })).reasons)).toEqual([
      'budget_over_mandate',
    ]);
  });

  it('months equal to maxMonths are within it, a fraction more is over', () => {
    expect(check(strategy(), proposal({ months: 12 })).verdict).toBe('within_mandate');
    expect(codes(check(strategy(), proposal({ months: 12.5 })).reasons)).toEqual(['duration_over_mandate']);
  });

  it('the intensity equal to maxIntensity is within it, the next one up is over', () => {
    expect(check(strategy(), proposal({ intensity: 'project' })).verdict).toBe('within_mandate');
    expect(codes(check(strategy(), proposal({ intensity: 'programme' })).reasons)).toEqual([
      'intensity_over_mandate',
    ]);
  });

  it('a route step covers a budget equal to its maxBudget', () => {
    expect(check(strategy(), proposal({ budget: 100_000 })).route).toEqual(['manager']);
    expect(check(strategy(), proposal({ budget: 100_000.01 })).route).toEqual(['manager', 'director']);
  });

  it("the exploration allowance's maxBudget is inclusive", () => {
    const exploring = proposal({ priority: null });
    expect(check(strategy(), { ...exploring, budget: 5000 }).verdict).toBe('within_mandate');
    expect(check(strategy(), { ...exploring, budget: 5000.01 }).verdict).toBe('outside_strategy');
  });

  it("the exploration allowance's maxIntensity is inclusive", () => {
    const s = strategy('exploration: { maxActive: 2, maxIntensity: project, maxBudget: 5000 }');
    expect(check(s, proposal({ priority: null, intensity: 'project' })).verdict).toBe('within_mandate');
    expect(check(s, proposal({ priority: null, intensity: 'programme' })).verdict).toBe('outside_strategy');
  });

  it('maxActive leaves room for one more below it', () => {
    const s = strategy('exploration: { maxActive: 3, maxIntensity: exchange, maxBudget: 5000 }');
    expect(check(s, proposal({ priority: null }), portfolio(explorations(2))).verdict).toBe('within_mandate');
    expect(check(s, proposal({ priority: null }), portfolio(explorations(3))).verdict).toBe(
      'outside_strategy',
    );
  });
});

describe('missing limits', () => {
  const unlimited = (mandate: string) =>
    strategy(`
roles:
  - { id: employee, mandate: ${mandate} }
  - { id: manager, mandate: {} }
decisionLines: { default: [manager] }
`);

  it('no maxBudget: any budget is within', () => {
    const r = check(unlimited('{ maxIntensity: project, maxMonths: 12 }'), proposal({ budget: 1e12 }));
    expect(r.verdict).toBe('within_mandate');
  });

  it('no maxMonths: any duration is within', () => {
    const r = check(unlimited('{ maxIntensity: project, maxBudget: 10000 }'), proposal({ months: 1200 }));
    expect(r.verdict).toBe('within_mandate');
  });

  it('no maxIntensity: the highest intensity is within', () => {
    const r = check(unlimited('{ maxBudget: 10000, maxMonths: 12 }'), proposal({ intensity: 'alliance' }));
    expect(r.verdict).toBe('within_mandate');
  });

  it('no priorities: all priorities are within', () => {
    const r = check(unlimited('{ maxBudget: 10000 }'), proposal({ priority: 'health' }));
    expect(r.verdict).toBe('within_mandate');
  });

  it('a top role with no limits at all covers anything the line sends it', () => {
    const s = strategy(`
roles:
  - { id: employee, mandate: { maxIntensity: exchange, maxBudget: 0, maxMonths: 0, priorities: [] } }
  - { id: board, mandate: {} }
decisionLines: { default: [board] }
`);
    const r = check(s, proposal({ intensity: 'alliance', budget: 1e12, months: 1200 }));
    expect(r.verdict).toBe('escalate');
    expect(r.route).toEqual(['board']);
  });
});
