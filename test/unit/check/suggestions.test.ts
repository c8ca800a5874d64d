// What would make it fit: the nearest changes that bring a proposal within the
// requester's own mandate, and "yours to decide" only where re-checking the change proves it.
import { describe, expect, it } from 'vitest';
import type { Proposal } from '../../../src/domain/check/proposal.js';
import type { Suggestion } from '../../../src/domain/check/suggestions.js';
import type { PortfolioView } from '../../../src/domain/portfolio/portfolio-view.js';
import type { Strategy } from '../../../src/domain/strategy/compile-strategy.js';
import { check, codes, explorations, portfolio, proposal, strategy } from './strategy-factory.js';

const YOURS_EN = /yours to decide/;
const YOURS_NL = /beslist u zelf|aan u om te beslissen/;

const en = (s: Strategy, p: Proposal, port?: PortfolioView) => check(s, p, port, { locale: 'en' });

/** The suggestion applied to the proposal and checked again. */
const verdictAfter = (s: Strategy, p: Proposal, sg: Suggestion, port?: PortfolioView) =>
  check(s, { ...p, ...sg.change }, port).verdict;

function expectHonest(s: Strategy, p: Proposal, port?: PortfolioView) {
  const nl = check(s, p, port).suggestions;
  const eng = en(s, p, port).suggestions;
  expect(codes(nl)).toEqual(codes(eng));
  eng.forEach((sg, i) => {
    if (sg.change === undefined) return;
    const fits = verdictAfter(s, p, sg, port) === 'within_mandate';
    const said = { code: sg.code, en: YOURS_EN.test(sg.message), nl: YOURS_NL.test(nl[i]?.message ?? '') };
    // link_priority asks a question and never promises; the others say which way it goes.
    if (sg.code === 'link_priority') expect(said).toEqual({ code: sg.code, en: false, nl: false });
    else expect(said).toEqual({ code: sg.code, en: fits, nl: fits });
  });
}

const withPriorities = (list: string) =>
  strategy(`
roles:
  - { id: employee, name: { nl: Medewerker, en: Staff member }, mandate: { maxIntensity: project, maxBudget: 10000, maxMonths: 12, priorities: ${list} } }
  - { id: manager, name: { nl: Afdelingshoofd, en: Head of department }, mandate: { maxIntensity: programme, maxBudget: 100000, maxMonths: 36 } }
  - { id: board, name: { nl: Bestuur, en: Board }, mandate: {} }
decisionLines: { default: [manager, board] }
`);

describe('suggestions', () => {
  it('are none within the mandate', () => {
    expect(check(strategy(), proposal()).suggestions).toEqual([]);
  });

  it('lower_budget: down to the maxBudget, yours to decide when that is all', () => {
    const p = proposal({ budget: 25_000 });
    const r = en(strategy(), p);
    expect(r.suggestions).toEqual([
      {
        code: 'lower_budget',
        message: 'With a budget of at most €10,000 it is within your mandate: yours to decide.',
        change: { budget: 10_000 },
      },
    ]);
    expect(verdictAfter(strategy(), p, r.suggestions[0] as Suggestion)).toBe('within_mandate');
  });

  it('shorten_duration: down to maxMonths', () => {
    const r = en(strategy(), proposal({ months: 18 }));
    expect(r.suggestions).toEqual([
      {
        code: 'shorten_duration',
        message: 'With a duration of at most 12 months it is within your mandate: yours to decide.',
        change: { months: 12 },
      },
    ]);
  });

  it('lower_intensity: down to maxIntensity, by name', () => {
    const r = en(strategy(), proposal({ intensity: 'programme' }));
    expect(r.suggestions).toEqual([
      {
        code: 'lower_intensity',
        message: 'As project instead of structural programme it is yours to decide.',
        change: { intensity: 'project' },
      },
    ]);
  });

  it('choose_priority: a priority the mandate lists', () => {
    const s = withPriorities('[climate-water, health]');
    const r = en(s, proposal({ priority: 'energy-transition' }));
    expect(codes(r.suggestions)).toEqual(['choose_priority']);
    expect(r.suggestions[0]?.change).toEqual({ priority: 'climate-water' });
    expect(r.suggestions[0]?.message).toContain('Climate and water or Health');
    expect(r.suggestions[0]?.message).toMatch(YOURS_EN);
  });

  it('choose_priority is not offered when the mandate lists no priorities at all', () => {
    const r = en(withPriorities('[]'), proposal({ priority: 'energy-transition' }));
    expect(codes(r.suggestions)).toEqual([]);
  });

  it('combined: each change alone is not enough, together they are', () => {
    const p = proposal({ budget: 25_000, months: 18 });
    const r = en(strategy(), p);
    expect(codes(r.suggestions)).toEqual(['lower_budget', 'shorten_duration', 'combined']);
    expect(r.suggestions[0]?.message).not.toMatch(YOURS_EN);
    expect(r.suggestions[1]?.message).not.toMatch(YOURS_EN);
    expect(r.suggestions[2]?.message).toMatch(YOURS_EN);
    expect(r.suggestions[2]?.change).toEqual({ budget: 10_000, months: 12 });
    expect(verdictAfter(strategy(), p, r.suggestions[2] as Suggestion)).toBe('within_mandate');
  });

  it('no combined suggestion when even all changes together do not fit', () => {
    const r = en(strategy(), proposal({ budget: 25_000, months: 18, partner: { type: 'commercial' } }));
    expect(codes(r.suggestions)).toEqual(['lower_budget', 'shorten_duration']);
  });

  it('never says "yours to decide" for a conditional partner type that still needs a step above', () => {
    const p = proposal({ budget: 25_000, partner: { type: 'commercial' } });
    const r = en(strategy(), p);
    expect(codes(r.suggestions)).toEqual(['lower_budget']);
    expect(r.suggestions[0]?.message).toBe(
      'With a budget of at most €10,000 the budget stays within your mandate.',
    );
    expect(verdictAfter(strategy(), p, r.suggestions[0] as Suggestion)).toBe('escalate');
  });

  it('lower_budget for exploration goes down to the allowance, not the mandate', () => {
    const r = en(strategy(), proposal({ priority: null, budget: 8000 }));
    expect(r.verdict).toBe('outside_strategy');
    expect(r.suggestions[0]).toMatchObject({ code: 'lower_budget', change: { budget: 5000 } });
    expect(r.suggestions[0]?.message).toMatch(YOURS_EN);
  });

  it('lower_intensity for exploration goes down to the allowance', () => {
    const r = en(strategy(), proposal({ priority: null, intensity: 'project' }));
    expect(r.suggestions[0]).toMatchObject({ code: 'lower_intensity', change: { intensity: 'exchange' } });
  });

  it('link_priority when the allowance is full, and nothing claims to be yours to decide', () => {
    const port = portfolio(explorations(2));
    const p = proposal({ priority: null, budget: 8000 });
    const r = en(strategy(), p, port);
    expect(codes(r.suggestions)).toEqual(['lower_budget', 'link_priority', 'request_exception']);
    expect(r.suggestions[0]?.message).not.toMatch(YOURS_EN);
    expect(r.suggestions[1]?.message).toContain('Energy transition, Climate and water or Health');
    expect(r.suggestions[1]?.change).toEqual({ priority: 'energy-transition' });
  });

  it('link_priority when there is no exploration section', () => {
    const r = en(strategy('exploration: ~'), proposal({ priority: null }));
    expect(codes(r.suggestions)).toEqual(['link_priority', 'request_exception']);
  });

  it('link_priority offers only priorities the mandate lists', () => {
    const s = withPriorities('[health]');
    const r = en(s, proposal({ priority: null }), portfolio(explorations(2)));
    expect(r.suggestions.find((x) => x.code === 'link_priority')?.change).toEqual({ priority: 'health' });
  });

  it('request_exception for outside_strategy, naming the last step of the line', () => {
    const r = en(strategy(), proposal({ partner: { type: 'tobacco-industry' } }));
    expect(r.suggestions).toEqual([
      { code: 'request_exception', message: 'You can ask for an exception; the board decides on it.' },
    ]);
  });

  it('request_exception is not offered for escalate', () => {
    expect(codes(en(strategy(), proposal({ budget: 25_000 })).suggestions)).not.toContain(
      'request_exception',
    );
  });

  it('an excluded partner type gets no change suggestions, only the exception', () => {
    const r = en(strategy(), proposal({ partner: { type: 'tobacco-industry' }, budget: 25_000 }));
    expect(codes(r.suggestions)).toEqual(['request_exception']);
  });

  it('say "yours to decide" exactly when the changed proposal is within the mandate, in both languages', () => {
    const s = strategy();
    const cases: Array<[Proposal, PortfolioView?]> = [
      [proposal({ budget: 25_000 })],
      [proposal({ budget: 25_000, months: 18 })],
      [proposal({ budget: 25_000, months: 18, intensity: 'programme' })],
      [proposal({ intensity: 'alliance', partner: { type: 'commercial' } })],
      [proposal({ priority: null, budget: 8000 })],
      [proposal({ priority: null, intensity: 'project', budget: 8000 })],
      [proposal({ priority: null, budget: 8000 }), portfolio(explorations(2))],
      [proposal({ budget: 2_000_000, months: 100 })],
    ];
    for (const [p, port] of cases) expectHonest(s, p, port);
    expectHonest(
      withPriorities('[climate-water]'),
      proposal({ priority: 'energy-transition', budget: 25_000 }),
    );
    expectHonest(withPriorities('[climate-water]'), proposal({ priority: 'energy-transition' }));
  });

  it.each(['[health, climate-water]', '[climate-water, health]'])(
    'choose_priority claims "yours to decide" only for the priorities that make it so (mandate %s)',
    (list) => {
      // health has its own line with no step above the employee, so a conditional partner type is
      // the employee's own decision there; on climate-water it still needs the manager.
      const s = strategy(`
roles:
  - { id: employee, mandate: { maxIntensity: project, maxBudget: 10000, maxMonths: 12, priorities: ${list} } }
  - { id: manager, mandate: {} }
decisionLines:
  default: [manager]
  byPriority: { health: [employee] }
`);
      const p = proposal({ priority: 'energy-transition', partner: { type: 'commercial' } });
      const choose = en(s, p).suggestions.find((x) => x.code === 'choose_priority');
      expect(choose?.change).toEqual({ priority: 'health' });
      expect(choose?.message).toBe('Under a priority within your mandate (Health) it is yours to decide.');
      expect(verdictAfter(s, p, choose as Suggestion)).toBe('within_mandate');
    },
  );
});
