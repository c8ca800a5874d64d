// Invariants of the check over random valid strategies, proposals and portfolios.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CheckResult, checkProposal } from '../../../src/domain/check/check-proposal.js';
import { evaluateProposal, withinMandate } from '../../../src/domain/check/evaluate-proposal.js';
import type { Proposal } from '../../../src/domain/check/proposal.js';
import { indexPortfolio } from '../../../src/domain/portfolio/portfolio-view.js';
import type { Strategy } from '../../../src/domain/strategy/compile-strategy.js';
import { parseStrategy } from '../../../src/domain/strategy/parse-strategy.js';
import { formatIssue } from '../../../src/domain/strategy/strategy-issues.js';
import { covers, expected, lineFor, rankOfRole, SEVERITY } from './contract-oracle.js';
import {
  budgetValue,
  monthsValue,
  type Scenario,
  type StrategyModel,
  scenario,
  strategyModel,
  strategyText,
} from './strategy-arbitraries.js';

const RUNS = { numRuns: 500 };

const compiled = new WeakMap<StrategyModel, Strategy>();
function strategyOf(m: StrategyModel): Strategy {
  let s = compiled.get(m);
  if (!s) {
    const parsed = parseStrategy(strategyText(m));
    if (!parsed.ok)
      throw new Error(`generated an invalid strategy: ${parsed.issues.map(formatIssue).join('; ')}`);
    s = parsed.strategy;
    compiled.set(m, s);
  }
  return s;
}

function run(sc: Scenario, p: Proposal = sc.proposal, locale?: 'nl' | 'en'): CheckResult {
  return checkProposal(strategyOf(sc.model), p, indexPortfolio(sc.relationships), { locale });
}

describe('the check, on any valid strategy and proposal', () => {
  it('the generator makes only valid strategies', () => {
    fc.assert(
      fc.property(strategyModel, (m) => {
        expect(parseStrategy(strategyText(m)).ok).toBe(true);
      }),
      RUNS,
    );
  });

  it('never throws, and gives one verdict with a message for every reason and notice', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        for (const locale of ['nl', 'en'] as const) {
          const r = run(sc, sc.proposal, locale);
          expect(['within_mandate', 'escalate', 'outside_strategy']).toContain(r.verdict);
          for (const x of [...r.reasons, ...r.notices, ...r.suggestions]) {
            expect(x.message.trim()).not.toBe('');
            expect(x.message).not.toMatch(/undefined|NaN|Infinity|\[object/);
          }
        }
      }),
      RUNS,
    );
  });

  it('gives the codes, verdict and route docs/check.md §3 prescribes', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const r = run(sc);
        const want = expected(sc.model, sc.proposal, sc.relationships);
        expect({
          verdict: r.verdict,
          route: r.route,
          reasons: r.reasons.map((x) => x.code),
          notices: r.notices.map((x) => x.code),
          owners: r.notices.filter((x) => x.code === 'existing_relationship').map((x) => x.owner),
        }).toEqual(want);
      }),
      { numRuns: 1000 },
    );
  });

  const raised = (what: 'budget' | 'months' | 'intensity') =>
    scenario.chain((sc) =>
      fc.record({
        sc: fc.constant(sc),
        delta: what === 'budget' ? budgetValue : what === 'months' ? monthsValue : fc.nat(4),
      }),
    );

  it.each(['budget', 'months', 'intensity'] as const)('raising %s never makes the verdict better', (what) => {
    fc.assert(
      fc.property(raised(what), ({ sc, delta }) => {
        const p = sc.proposal;
        const ints = sc.model.intensities;
        const higher: Proposal =
          what === 'budget'
            ? { ...p, budget: (p.budget ?? 0) + delta }
            : what === 'months'
              ? { ...p, months: (p.months ?? 0) + delta }
              : {
                  ...p,
                  intensity: ints[Math.min(ints.indexOf(p.intensity) + delta, ints.length - 1)] as string,
                };
        expect(SEVERITY[run(sc, higher).verdict]).toBeGreaterThanOrEqual(SEVERITY[run(sc).verdict]);
      }),
      RUNS,
    );
  });

  it("an allowed partner type on a priority that the requester's role covers is within_mandate, route []", () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const { model: m, proposal: p } = sc;
        const me = m.roles[rankOfRole(m, p.requester.role)];
        const allowed = m.partnerTypes.find((t) => t.id === p.partner.type)?.policy === 'allowed';
        fc.pre(allowed && p.priority !== null && me !== undefined && covers(m, me, p));
        const r = run(sc);
        expect(r.verdict).toBe('within_mandate');
        expect(r.route).toEqual([]);
        expect(r.reasons).toEqual([]);
        expect(r.suggestions).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('for escalate, the route is the run of line steps above the requester up to the first that covers it', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const r = run(sc);
        fc.pre(r.verdict === 'escalate');
        const { model: m, proposal: p } = sc;
        const myRank = rankOfRole(m, p.requester.role);
        const above = lineFor(m, p.priority).filter((x) => rankOfRole(m, x.id) > myRank);
        expect(r.route.length).toBeGreaterThan(0);
        // Contiguous, from the first step above the requester.
        expect(r.route).toEqual(above.slice(0, r.route.length).map((x) => x.id));
        const last = above[r.route.length - 1];
        const coveredByMe = covers(m, m.roles[myRank] as (typeof m.roles)[number], p);
        if (coveredByMe) {
          // Only a conditional partner type escalates what the requester covers: the first step.
          expect(m.partnerTypes.find((t) => t.id === p.partner.type)?.policy).toBe('conditional');
          expect(r.route).toHaveLength(1);
        } else {
          expect(last && covers(m, last, p)).toBe(true);
          for (const before of above.slice(0, r.route.length - 1)) expect(covers(m, before, p)).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("for outside_strategy, the route is the line's last step alone", () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const r = run(sc);
        fc.pre(r.verdict === 'outside_strategy');
        const line = lineFor(sc.model, sc.proposal.priority);
        expect(r.route).toEqual([line[line.length - 1]?.id]);
      }),
      RUNS,
    );
  });

  it('says "yours to decide" exactly when the suggested change, checked again, is within the mandate', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const r = run(sc, sc.proposal, 'en');
        for (const s of r.suggestions) {
          if (s.change === undefined) continue;
          const says = /yours to decide/.test(s.message);
          const fits = run(sc, { ...sc.proposal, ...s.change }).verdict === 'within_mandate';
          if (s.code === 'link_priority') expect(says).toBe(false);
          else expect({ code: s.code, says }).toEqual({ code: s.code, says: fits });
        }
      }),
      RUNS,
    );
  });
});

describe('withinMandate, the short answer the suggestions ask', () => {
  it('is the verdict the full evaluation gives, for any strategy, proposal and portfolio', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const strategy = strategyOf(sc.model);
        const portfolio = indexPortfolio(sc.relationships);
        expect(withinMandate(strategy, sc.proposal, portfolio)).toBe(
          evaluateProposal(strategy, sc.proposal, portfolio).verdict === 'within_mandate',
        );
      }),
      { numRuns: 2000 },
    );
  });
});
