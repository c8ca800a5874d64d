// Every rule of docs/check.md §3, one behaviour per test: codes, verdict and route.
import { describe, expect, it } from 'vitest';
import {
  check,
  codes,
  explorations,
  portfolio,
  proposal,
  relationship,
  strategy,
} from './strategy-factory.js';

describe('partner_type_excluded', () => {
  it('puts a proposal with an excluded partner type outside the strategy, whatever its size', () => {
    const r = check(strategy(), proposal({ partner: { type: 'tobacco-industry' } }));
    expect(r.verdict).toBe('outside_strategy');
    expect(codes(r.reasons)).toEqual(['partner_type_excluded']);
    expect(r.route).toEqual(['board']);
    expect(r.reasons[0]?.message).not.toBe('');
  });
});

describe('beyond_all_mandates', () => {
  const s = strategy('decisionLines: { default: [manager, director] }');

  it('is outside the strategy when no role on the line covers the proposal', () => {
    const r = check(s, proposal({ budget: 2_000_000 }));
    expect(r.verdict).toBe('outside_strategy');
    expect(codes(r.reasons)).toEqual(['beyond_all_mandates', 'budget_over_mandate']);
    expect(r.route).toEqual(['director']);
  });

  it('lists every escalate-level code beside it, in the order of the table', () => {
    const sp = strategy(`
roles:
  - { id: employee, mandate: { maxIntensity: project, maxBudget: 10000, maxMonths: 12, priorities: [climate-water] } }
  - { id: manager, mandate: { maxIntensity: programme, maxBudget: 100000, maxMonths: 36 } }
  - { id: director, mandate: { maxIntensity: alliance, maxBudget: 1000000, maxMonths: 60 } }
  - { id: board, mandate: { maxIntensity: alliance } }
decisionLines: { default: [manager, director] }
`);
    const r = check(
      sp,
      proposal({
        partner: { type: 'commercial' },
        priority: 'energy-transition',
        intensity: 'alliance',
        budget: 2_000_000,
        months: 100,
      }),
    );
    expect(r.verdict).toBe('outside_strategy');
    expect(codes(r.reasons)).toEqual([
      'beyond_all_mandates',
      'partner_type_conditional',
      'intensity_over_mandate',
      'budget_over_mandate',
      'duration_over_mandate',
      'priority_not_in_mandate',
    ]);
    expect(r.route).toEqual(['director']);
  });

  it('lists the other outside codes too: excluded, beyond all mandates and exploration exhausted together', () => {
    const r = check(
      s,
      proposal({
        partner: { type: 'tobacco-industry' },
        priority: null,
        intensity: 'alliance',
        budget: 2_000_000,
        months: 100,
      }),
    );
    expect(codes(r.reasons)).toEqual([
      'partner_type_excluded',
      'beyond_all_mandates',
      'exploration_exhausted',
      'intensity_over_mandate',
      'budget_over_mandate',
      'duration_over_mandate',
    ]);
  });

  it("does not apply when the requester's own role, above the whole line, covers the proposal", () => {
    const r = check(s, proposal({ budget: 2_000_000, requester: { role: 'board' } }));
    expect(r.verdict).toBe('within_mandate');
    expect(r.reasons).toEqual([]);
  });

  it('does not apply when the top of the line covers the proposal', () => {
    const r = check(s, proposal({ budget: 1_000_000 }));
    expect(r.verdict).toBe('escalate');
    expect(codes(r.reasons)).toEqual(['budget_over_mandate']);
  });
});

describe('exploration_exhausted', () => {
  const exploring = proposal({ priority: null, intensity: 'exchange', budget: 1000 });

  it('applies when the strategy has no exploration section', () => {
    const r = check(strategy('exploration: ~'), exploring);
    expect(r.verdict).toBe('outside_strategy');
    expect(codes(r.reasons)).toEqual(['exploration_exhausted']);
    expect(codes(r.notices)).toEqual([]);
    expect(r.route).toEqual(['board']);
  });

  it('applies when the active relationships with an empty priority number maxActive', () => {
    const r = check(strategy(), exploring, portfolio(explorations(2)));
    expect(r.verdict).toBe('outside_strategy');
    expect(codes(r.reasons)).toEqual(['exploration_exhausted']);
  });

  it('applies when they number more than maxActive', () => {
    const r = check(strategy(), exploring, portfolio(explorations(3)));
    expect(codes(r.reasons)).toEqual(['exploration_exhausted']);
  });

  it('applies when maxActive is 0', () => {
    const r = check(
      strategy('exploration: { maxActive: 0, maxIntensity: exchange, maxBudget: 5000 }'),
      exploring,
    );
    expect(codes(r.reasons)).toEqual(['exploration_exhausted']);
  });

  it('does not count ended exploratory relationships', () => {
    const r = check(strategy(), exploring, portfolio([...explorations(5, 'ended'), ...explorations(1)]));
    expect(r.verdict).toBe('within_mandate');
    expect(codes(r.notices)).toEqual(['exploration']);
  });

  it('does not count active relationships that have a priority', () => {
    const onPriorities = Array.from({ length: 5 }, (_, i) => relationship({ partner: `Partner ${i}` }));
    const r = check(strategy(), exploring, portfolio([...onPriorities, ...explorations(1)]));
    expect(r.verdict).toBe('within_mandate');
  });

  it("applies when the intensity is above the allowance's maxIntensity, even within the requester's mandate", () => {
    const r = check(strategy(), { ...exploring, intensity: 'project' });
    expect(r.verdict).toBe('outside_strategy');
    expect(codes(r.reasons)).toEqual(['exploration_exhausted']);
  });

  it("applies when the budget is above the allowance's maxBudget, even within the requester's mandate", () => {
    const r = check(strategy(), { ...exploring, budget: 5000.01 });
    expect(r.verdict).toBe('outside_strategy');
    expect(codes(r.reasons)).toEqual(['exploration_exhausted']);
  });

  it('does not apply to a proposal on a priority, whatever the allowance', () => {
    const r = check(strategy('exploration: ~'), proposal(), portfolio(explorations(5)));
    expect(r.verdict).toBe('within_mandate');
  });
});

describe('exploration (notice)', () => {
  it('is a notice when the priority is null and the allowance has room', () => {
    const r = check(strategy(), proposal({ priority: null }), portfolio(explorations(1)));
    expect(r.verdict).toBe('within_mandate');
    expect(r.reasons).toEqual([]);
    expect(codes(r.notices)).toEqual(['exploration']);
    expect(r.notices[0]?.message).toContain('2 van de 2');
  });

  it('is not given when the allowance has no room', () => {
    const r = check(strategy(), proposal({ priority: null }), portfolio(explorations(2)));
    expect(codes(r.notices)).toEqual([]);
  });

  it('is still given when the allowance has room but the proposal escalates for another reason', () => {
    const r = check(strategy(), proposal({ priority: null, months: 24 }));
    expect(r.verdict).toBe('escalate');
    expect(codes(r.notices)).toEqual(['exploration']);
  });

  it('is still given when the allowance has room but the partner type is excluded (all reasons are listed)', () => {
    const r = check(strategy(), proposal({ priority: null, partner: { type: 'tobacco-industry' } }));
    expect(r.verdict).toBe('outside_strategy');
    expect(codes(r.reasons)).toEqual(['partner_type_excluded']);
    expect(codes(r.notices)).toEqual(['exploration']);
  });
});

describe('partner_type_conditional', () => {
  it('escalates to the first step above the requester when the proposal is otherwise within mandate', () => {
    const r = check(strategy(), proposal({ partner: { type: 'commercial' } }));
    expect(r.verdict).toBe('escalate');
    expect(codes(r.reasons)).toEqual(['partner_type_conditional']);
    expect(r.route).toEqual(['manager']);
  });

  it('needs at least the first step above a requester who is above the first step of the line', () => {
    const r = check(
      strategy(),
      proposal({ partner: { type: 'commercial' }, requester: { role: 'manager' } }),
    );
    expect(r.verdict).toBe('escalate');
    expect(r.route).toEqual(['director']);
  });

  it('goes on up the line to the first role that covers the whole proposal', () => {
    const r = check(strategy(), proposal({ partner: { type: 'commercial' }, budget: 500_000 }));
    expect(codes(r.reasons)).toEqual(['partner_type_conditional', 'budget_over_mandate']);
    expect(r.route).toEqual(['manager', 'director']);
  });

  it('is a notice, the decision being the requester’s own, when no step of the line ranks above the requester', () => {
    const r = check(strategy(), proposal({ partner: { type: 'commercial' }, requester: { role: 'board' } }));
    expect(r.verdict).toBe('within_mandate');
    expect(r.route).toEqual([]);
    expect(r.reasons).toEqual([]);
    expect(codes(r.notices)).toEqual(['partner_type_conditional']);
  });

  it('is a notice when the requester holds the last step of the line', () => {
    const s = strategy('decisionLines: { default: [manager, director] }');
    const r = check(s, proposal({ partner: { type: 'commercial' }, requester: { role: 'director' } }));
    expect(r.verdict).toBe('within_mandate');
    expect(codes(r.notices)).toEqual(['partner_type_conditional']);
  });

  it('is a notice beside an outside verdict when no step ranks above the requester', () => {
    const s = strategy('decisionLines: { default: [manager, director] }');
    const r = check(
      s,
      proposal({ partner: { type: 'commercial' }, requester: { role: 'director' }, budget: 2_000_000 }),
    );
    expect(r.verdict).toBe('outside_strategy');
    expect(codes(r.reasons)).toEqual(['beyond_all_mandates', 'budget_over_mandate']);
    expect(codes(r.notices)).toEqual(['partner_type_conditional']);
  });
});

describe('over the requester’s mandate', () => {
  it('intensity_over_mandate escalates', () => {
    const r = check(strategy(), proposal({ intensity: 'programme' }));
    expect(r.verdict).toBe('escalate');
    expect(codes(r.reasons)).toEqual(['intensity_over_mandate']);
    expect(r.route).toEqual(['manager']);
  });

  it('budget_over_mandate escalates', () => {
    const r = check(strategy(), proposal({ budget: 25_000 }));
    expect(r.verdict).toBe('escalate');
    expect(codes(r.reasons)).toEqual(['budget_over_mandate']);
    expect(r.route).toEqual(['manager']);
  });

  it('duration_over_mandate escalates', () => {
    const r = check(strategy(), proposal({ months: 13 }));
    expect(r.verdict).toBe('escalate');
    expect(codes(r.reasons)).toEqual(['duration_over_mandate']);
    expect(r.route).toEqual(['manager']);
  });

  it('lists all three when all three are over', () => {
    const r = check(strategy(), proposal({ intensity: 'programme', budget: 25_000, months: 13 }));
    expect(codes(r.reasons)).toEqual([
      'intensity_over_mandate',
      'budget_over_mandate',
      'duration_over_mandate',
    ]);
  });

  it('treats a missing budget and missing months as 0', () => {
    const { budget: _b, months: _m, ...rest } = proposal();
    const s = strategy(`
roles:
  - { id: employee, mandate: { maxIntensity: project, maxBudget: 0, maxMonths: 0 } }
  - { id: manager, mandate: { maxIntensity: programme, maxBudget: 100000, maxMonths: 36 } }
  - { id: director, mandate: { maxIntensity: alliance } }
  - { id: board, mandate: { maxIntensity: alliance } }
`);
    expect(check(s, rest).verdict).toBe('within_mandate');
  });
});

describe('priority_not_in_mandate', () => {
  const withPriorities = (list: string) =>
    strategy(`
roles:
  - { id: employee, mandate: { maxIntensity: project, maxBudget: 10000, maxMonths: 12, priorities: ${list} } }
  - { id: manager, mandate: { maxIntensity: programme, maxBudget: 100000, maxMonths: 36 } }
  - { id: director, mandate: { maxIntensity: alliance, maxBudget: 1000000, maxMonths: 60 } }
  - { id: board, mandate: { maxIntensity: alliance } }
`);

  it('escalates when the mandate lists priorities and this one is not among them', () => {
    const r = check(withPriorities('[climate-water]'), proposal({ priority: 'energy-transition' }));
    expect(r.verdict).toBe('escalate');
    expect(codes(r.reasons)).toEqual(['priority_not_in_mandate']);
    expect(r.route).toEqual(['manager']);
  });

  it('does not apply when the priority is among them', () => {
    expect(check(withPriorities('[climate-water]'), proposal({ priority: 'climate-water' })).verdict).toBe(
      'within_mandate',
    );
  });

  it('escalates every priority when the mandate lists none ([])', () => {
    const r = check(withPriorities('[]'), proposal({ priority: 'climate-water' }));
    expect(codes(r.reasons)).toEqual(['priority_not_in_mandate']);
  });

  it('does not apply to a null priority, which every role covers', () => {
    const r = check(withPriorities('[]'), proposal({ priority: null }));
    expect(r.verdict).toBe('within_mandate');
    expect(codes(r.notices)).toEqual(['exploration']);
  });

  it('skips steps whose own mandate does not allow the priority', () => {
    const s = strategy(`
roles:
  - { id: employee, mandate: { maxIntensity: project, maxBudget: 10000, maxMonths: 12, priorities: [] } }
  - { id: manager, mandate: { maxIntensity: programme, maxBudget: 100000, maxMonths: 36, priorities: [climate-water] } }
  - { id: director, mandate: { maxIntensity: alliance, maxBudget: 1000000, maxMonths: 60 } }
  - { id: board, mandate: { maxIntensity: alliance } }
`);
    const r = check(s, proposal({ priority: 'energy-transition' }));
    expect(r.route).toEqual(['manager', 'director']);
  });
});

describe('existing_relationship', () => {
  it('gives one notice per active relationship with the same partner key, naming its owner', () => {
    const port = portfolio([
      relationship({ partner: 'Deltares', owner: 'u-bram' }),
      relationship({ partner: 'Stichting Deltares', owner: 'u-joost' }),
      relationship({ partner: 'Deltares B.V.', owner: 'u-ilse', status: 'ended' }),
      relationship({ partner: 'Deltares Academy', owner: 'u-eva' }),
    ]);
    const r = check(strategy(), proposal({ partner: { name: 'deltares' } }), port);
    expect(r.verdict).toBe('within_mandate');
    expect(r.notices.map((n) => [n.code, n.owner])).toEqual([
      ['existing_relationship', 'u-bram'],
      ['existing_relationship', 'u-joost'],
    ]);
    for (const n of r.notices) expect(n.message).not.toBe('');
  });

  it('matches on the partner key, not the name as written', () => {
    const port = portfolio([relationship({ partner: 'Ingenieursbureau Wéstland B.V.', owner: 'u-carla' })]);
    const r = check(strategy(), proposal({ partner: { name: 'ingenieursbureau  westland' } }), port);
    expect(r.notices.map((n) => n.owner)).toEqual(['u-carla']);
  });

  it('ignores ended relationships', () => {
    const port = portfolio([relationship({ partner: 'TU Delft', status: 'ended' })]);
    expect(check(strategy(), proposal(), port).notices).toEqual([]);
  });

  it('is a notice beside any verdict', () => {
    const port = portfolio([relationship({ partner: 'TU Delft', owner: 'u-carla' })]);
    const r = check(strategy(), proposal({ partner: { type: 'tobacco-industry' } }), port);
    expect(r.verdict).toBe('outside_strategy');
    expect(codes(r.notices)).toEqual(['existing_relationship']);
  });

  it('comes after the other notices, in the order of the table', () => {
    const port = portfolio([relationship({ partner: 'TU Delft', owner: 'u-carla' })]);
    const r = check(
      strategy(),
      proposal({ priority: null, partner: { type: 'commercial' }, requester: { role: 'board' } }),
      port,
    );
    expect(codes(r.notices)).toEqual(['partner_type_conditional', 'exploration', 'existing_relationship']);
  });
});

describe('the verdict', () => {
  it('is within_mandate with an empty route and no reasons when nothing applies', () => {
    const r = check(strategy(), proposal());
    expect(r).toMatchObject({
      verdict: 'within_mandate',
      route: [],
      reasons: [],
      notices: [],
      suggestions: [],
    });
  });

  it('is the worst effect: outside_strategy beats escalate', () => {
    const r = check(strategy(), proposal({ partner: { type: 'tobacco-industry' }, budget: 25_000 }));
    expect(r.verdict).toBe('outside_strategy');
    expect(codes(r.reasons)).toEqual(['partner_type_excluded', 'budget_over_mandate']);
  });

  it('keeps reasons to escalate and outside codes, notices to the others', () => {
    const port = portfolio([relationship({ partner: 'TU Delft' })]);
    const r = check(strategy(), proposal({ priority: null, months: 24 }), port);
    expect(codes(r.reasons)).toEqual(['duration_over_mandate']);
    expect(codes(r.notices)).toEqual(['exploration', 'existing_relationship']);
  });
});
