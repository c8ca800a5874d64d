// The check's rules, without words: which codes apply, the verdict and the
// route. Messages and suggestions are built on top of this (check-proposal.ts).

import { partnerKey } from '../portfolio/partner-key.js';
import type { ExistingRelationship, PortfolioView } from '../portfolio/portfolio-view.js';
import type { CompiledRole, Strategy } from '../strategy/compile-strategy.js';
import { covers, type Extent, priorityAllowed } from './covers.js';
import type { Proposal } from './proposal.js';
import type { Verdict } from './verdict.js';

export type ExplorationShortfall = 'no_allowance' | 'full' | 'intensity' | 'budget';

export type Finding =
  | { code: 'partner_type_excluded' }
  | { code: 'beyond_all_mandates'; topRole: CompiledRole }
  | { code: 'exploration_exhausted'; shortfalls: ExplorationShortfall[] }
  | { code: 'partner_type_conditional'; decider: CompiledRole | null }
  | { code: 'intensity_over_mandate' }
  | { code: 'budget_over_mandate' }
  | { code: 'duration_over_mandate' }
  | { code: 'priority_not_in_mandate' }
  | { code: 'exploration'; activeAfter: number }
  | { code: 'existing_relationship'; relationship: ExistingRelationship };

export interface Evaluation {
  verdict: Verdict;
  route: CompiledRole[];
  reasons: Finding[];
  notices: Finding[];
  requesterRole: CompiledRole;
  line: ReadonlyArray<CompiledRole>;
  extent: Extent;
}

export function extentOf(strategy: Strategy, p: Proposal): Extent {
  return {
    intensityRank: strategy.intensities.get(p.intensity)?.rank ?? Infinity,
    budget: p.budget ?? 0,
    months: p.months ?? 0,
    priority: p.priority,
  };
}

/** Evaluates a proposal that parseProposal accepted (its ids exist in the strategy). */
export function evaluateProposal(
  strategy: Strategy,
  p: Proposal,
  portfolio: PortfolioView,
  options: { withExisting?: boolean } = {},
): Evaluation {
  const requesterRole = strategy.roles.get(p.requester.role);
  const partnerType = strategy.partnerTypes.get(p.partner.type);
  if (!requesterRole || !partnerType)
    throw new TypeError('evaluateProposal: proposal ids were not validated');
  const x = extentOf(strategy, p);
  const line = strategy.decisionLine(p.priority);
  const above = line.filter((r) => r.rank > requesterRole.rank);
  const reasons: Finding[] = [];
  const notices: Finding[] = [];
  let outside = false;
  let escalate = false;
  let explorationRoom = false;

  if (partnerType.policy === 'excluded') {
    reasons.push({ code: 'partner_type_excluded' });
    outside = true;
  }
  if (!covers(requesterRole, x) && !line.some((r) => covers(r, x))) {
    const last = line[line.length - 1];
    reasons.push({
      code: 'beyond_all_mandates',
      topRole: last && last.rank > requesterRole.rank ? last : requesterRole,
    });
    outside = true;
  }
  if (p.priority === null) {
    const shortfalls = explorationShortfalls(strategy, x, portfolio);
    if (shortfalls.length > 0) {
      reasons.push({ code: 'exploration_exhausted', shortfalls });
      outside = true;
    } else explorationRoom = true;
  }
  if (partnerType.policy === 'conditional') {
    if (above.length > 0) {
      reasons.push({ code: 'partner_type_conditional', decider: above[0] ?? null });
      escalate = true;
    } else notices.push({ code: 'partner_type_conditional', decider: null });
  }
  if (x.intensityRank > requesterRole.maxIntensityRank) {
    reasons.push({ code: 'intensity_over_mandate' });
    escalate = true;
  }
  if (x.budget > requesterRole.maxBudgetLimit) {
    reasons.push({ code: 'budget_over_mandate' });
    escalate = true;
  }
  if (x.months > requesterRole.maxMonthsLimit) {
    reasons.push({ code: 'duration_over_mandate' });
    escalate = true;
  }
  if (!priorityAllowed(requesterRole, x.priority)) {
    reasons.push({ code: 'priority_not_in_mandate' });
    escalate = true;
  }
  // The notice depends on the allowance alone: all reasons are listed, whatever the verdict.
  if (explorationRoom) {
    notices.push({ code: 'exploration', activeAfter: portfolio.activeExplorationCount() + 1 });
  }
  if (options.withExisting !== false) {
    for (const relationship of portfolio.activeWith(partnerKey(p.partner.name))) {
      notices.push({ code: 'existing_relationship', relationship });
    }
  }

  const verdict: Verdict = outside ? 'outside_strategy' : escalate ? 'escalate' : 'within_mandate';
  return {
    verdict,
    route: routeFor(verdict, line, above, x),
    reasons,
    notices,
    requesterRole,
    line,
    extent: x,
  };
}

/**
 * Whether the proposal is the requester's own decision: the verdict `evaluateProposal` gives,
 * without building its findings. Within the mandate means no reason applies, so each rule may stop
 * the answer early: the suggestions ask this of several changed proposals in every check.
 */
export function withinMandate(strategy: Strategy, p: Proposal, portfolio: PortfolioView): boolean {
  const requesterRole = strategy.roles.get(p.requester.role);
  const partnerType = strategy.partnerTypes.get(p.partner.type);
  if (!requesterRole || !partnerType) throw new TypeError('withinMandate: proposal ids were not validated');
  if (partnerType.policy === 'excluded') return false;
  const x = extentOf(strategy, p);
  // Covering the requester's own mandate is the four mandate rules; with them, the line's.
  if (!covers(requesterRole, x)) return false;
  if (p.priority === null && explorationShortfalls(strategy, x, portfolio).length > 0) return false;
  if (partnerType.policy === 'conditional')
    for (const r of strategy.decisionLine(p.priority)) if (r.rank > requesterRole.rank) return false;
  return true;
}

function explorationShortfalls(
  strategy: Strategy,
  x: Extent,
  portfolio: PortfolioView,
): ExplorationShortfall[] {
  const ex = strategy.exploration;
  if (ex === null) return ['no_allowance'];
  const out: ExplorationShortfall[] = [];
  if (portfolio.activeExplorationCount() >= ex.maxActive) out.push('full');
  if (x.intensityRank > ex.maxIntensityRank) out.push('intensity');
  if (x.budget > ex.maxBudget) out.push('budget');
  return out;
}

/**
 * The route: for `escalate`, the line's steps ranking above the requester,
 * from the first up to and including the first that covers the whole proposal (at least the
 * first, for a conditional partner type); for `outside_strategy`, the line's last step alone,
 * where an exception would go.
 */
function routeFor(
  verdict: Verdict,
  line: ReadonlyArray<CompiledRole>,
  above: ReadonlyArray<CompiledRole>,
  x: Extent,
): CompiledRole[] {
  if (verdict === 'within_mandate') return [];
  if (verdict === 'outside_strategy') return line.length > 0 ? [line[line.length - 1] as CompiledRole] : [];
  const decider = above.findIndex((r) => covers(r, x));
  return above.slice(0, (decider === -1 ? above.length - 1 : decider) + 1);
}
