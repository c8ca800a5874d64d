// The route (docs/check.md §3): which line, which steps, where it ends.
import { describe, expect, it } from 'vitest';
import { check, proposal, strategy } from './strategy-factory.js';

describe('the route', () => {
  const overridden = strategy(`
decisionLines:
  default: [manager, director, board]
  byPriority:
    health: [director, board]
`);

  it('follows the default line', () => {
    expect(check(overridden, proposal({ budget: 25_000 })).route).toEqual(['manager']);
  });

  it("follows the priority's own line when decisionLines.byPriority has one", () => {
    expect(check(overridden, proposal({ priority: 'health', budget: 25_000 })).route).toEqual(['director']);
  });

  it('follows the default line for a null priority (exploration)', () => {
    expect(check(overridden, proposal({ priority: null, months: 24 })).route).toEqual(['manager']);
  });

  it("takes the override's last step for an exception", () => {
    const r = check(overridden, proposal({ priority: 'health', partner: { type: 'tobacco-industry' } }));
    expect(r.route).toEqual(['board']);
  });

  it('skips the steps that do not rank above the requester', () => {
    const r = check(strategy(), proposal({ budget: 500_000, requester: { role: 'manager' } }));
    expect(r.route).toEqual(['director']);
  });

  it('skips several steps for a requester ranked above them', () => {
    const r = check(strategy(), proposal({ budget: 2_000_000, requester: { role: 'director' } }));
    expect(r.route).toEqual(['board']);
  });

  it('ranks by position in roles, not on the line', () => {
    // The line starts above the employee; a manager requester skips only the manager step.
    const s = strategy('decisionLines: { default: [employee, manager, board] }');
    expect(check(s, proposal({ budget: 25_000, requester: { role: 'employee' } })).route).toEqual([
      'manager',
    ]);
    expect(check(s, proposal({ budget: 500_000, requester: { role: 'manager' } })).route).toEqual(['board']);
  });

  it('is empty when the requester ranks above all steps and covers the proposal', () => {
    const s = strategy('decisionLines: { default: [manager, director] }');
    const r = check(s, proposal({ budget: 5_000_000, requester: { role: 'board' } }));
    expect(r.verdict).toBe('within_mandate');
    expect(r.route).toEqual([]);
  });

  it('ends at the first role that covers the whole proposal', () => {
    expect(check(strategy(), proposal({ budget: 500_000 })).route).toEqual(['manager', 'director']);
  });

  it('runs to the end of the line when only the last step covers it', () => {
    expect(check(strategy(), proposal({ budget: 2_000_000 })).route).toEqual([
      'manager',
      'director',
      'board',
    ]);
  });

  it('ends at the first role covering every dimension at once, not one at a time', () => {
    // manager covers the budget, director the intensity; the route must reach the director.
    const r = check(strategy(), proposal({ budget: 50_000, intensity: 'alliance' }));
    expect(r.route).toEqual(['manager', 'director']);
  });

  it('is the last step of the line alone for outside_strategy', () => {
    const s = strategy('decisionLines: { default: [manager, director] }');
    const r = check(s, proposal({ budget: 2_000_000 }));
    expect(r.verdict).toBe('outside_strategy');
    expect(r.route).toEqual(['director']);
  });

  it('is the last step of the line alone for outside_strategy, even when the requester ranks above it', () => {
    const s = strategy('decisionLines: { default: [manager] }');
    const r = check(s, proposal({ partner: { type: 'tobacco-industry' }, requester: { role: 'board' } }));
    expect(r.verdict).toBe('outside_strategy');
    expect(r.route).toEqual(['manager']);
  });

  it('is empty for within_mandate', () => {
    expect(check(strategy(), proposal()).route).toEqual([]);
  });
});
