// What would make it fit: the nearest changes that bring a proposal within the requester's own
// mandate. Each is re-checked, so "yours to decide" is said only when it is true.
import type { PortfolioView } from '../portfolio/portfolio-view.js';
import type { Strategy } from '../strategy/compile-strategy.js';
import { suggestionText, type TextContext } from './check-texts.js';
import { priorityAllowed } from './covers.js';
import { type Evaluation, withinMandate } from './evaluate-proposal.js';
import type { Proposal } from './proposal.js';

export type SuggestionCode =
  | 'lower_budget'
  | 'shorten_duration'
  | 'lower_intensity'
  | 'choose_priority'
  | 'link_priority'
  | 'combined'
  | 'request_exception';

export interface ProposalChange {
  budget?: number;
  months?: number;
  intensity?: string;
  priority?: string;
}

export interface Suggestion {
  code: SuggestionCode;
  message: string;
  /** The change to the proposal this suggestion stands for (absent for request_exception). */
  change?: ProposalChange;
}

/** A change that would bring the proposal within the mandate, with what its sentence needs. */
type Candidate =
  | { code: 'lower_intensity'; change: ProposalChange; to: string }
  | { code: 'lower_budget'; change: ProposalChange; to: number }
  | { code: 'shorten_duration'; change: ProposalChange; to: number }
  | { code: 'choose_priority'; change: ProposalChange; offered: string[] };

/** Does the proposal, so changed, fall within the requester's mandate? */
function fits(strategy: Strategy, p: Proposal, portfolio: PortfolioView, change: ProposalChange): boolean {
  return withinMandate(strategy, { ...p, ...change }, portfolio);
}

function candidateText(s: Candidate, c: TextContext, p: Proposal, alone: boolean): string {
  switch (s.code) {
    case 'lower_intensity':
      return suggestionText.lower_intensity(c, s.to, p.intensity, alone);
    case 'lower_budget':
      return suggestionText.lower_budget(c, s.to, alone);
    case 'shorten_duration':
      return suggestionText.shorten_duration(c, s.to, alone);
    case 'choose_priority':
      return suggestionText.choose_priority(c, s.offered, alone);
  }
}

export function suggestionsFor(
  strategy: Strategy,
  p: Proposal,
  e: Evaluation,
  portfolio: PortfolioView,
  c: TextContext,
): Suggestion[] {
  if (e.verdict === 'within_mandate') return [];
  const excluded = e.reasons.some((r) => r.code === 'partner_type_excluded');
  const changes: Candidate[] = [];
  const r = e.requesterRole;
  const ex = p.priority === null ? strategy.exploration : null;
  const x = e.extent;

  if (!excluded) {
    const maxIntensityRank = Math.min(
      r.maxIntensityRank,
      ex ? ex.maxIntensityRank : Infinity,
      strategy.intensityList.length - 1,
    );
    if (x.intensityRank > maxIntensityRank && maxIntensityRank >= 0) {
      const to = strategy.intensityList[maxIntensityRank]?.id;
      if (to) changes.push({ code: 'lower_intensity', change: { intensity: to }, to });
    }
    const maxBudget = Math.min(r.maxBudgetLimit, ex ? ex.maxBudget : Infinity);
    if (x.budget > maxBudget)
      changes.push({ code: 'lower_budget', change: { budget: maxBudget }, to: maxBudget });
    if (x.months > r.maxMonthsLimit) {
      const to = r.maxMonthsLimit;
      changes.push({ code: 'shorten_duration', change: { months: to }, to });
    }
    if (!priorityAllowed(r, x.priority) && r.allowedPriorities && r.allowedPriorities.size > 0) {
      // Name only the priorities that make it the requester's own decision, when there are any:
      // a priority's own decision line can still need a step for a conditional partner type.
      const ids = [...r.allowedPriorities];
      const fitting = ids.filter((id) => fits(strategy, p, portfolio, { priority: id }));
      const offered = fitting.length > 0 ? fitting : ids;
      changes.push({ code: 'choose_priority', change: { priority: offered[0] as string }, offered });
    }
  }

  const alone = changes.map((s) => fits(strategy, p, portfolio, s.change));
  const out: Suggestion[] = changes.map((s, i) => ({
    code: s.code,
    message: candidateText(s, c, p, alone[i] === true),
    change: s.change,
  }));

  if (changes.length > 1 && !alone.includes(true)) {
    const all = Object.assign({}, ...changes.map((s) => s.change)) as ProposalChange;
    if (fits(strategy, p, portfolio, all))
      out.push({ code: 'combined', message: suggestionText.combined(c), change: all });
  }

  const shortfalls = e.reasons.find((f) => f.code === 'exploration_exhausted');
  if (
    shortfalls &&
    shortfalls.code === 'exploration_exhausted' &&
    shortfalls.shortfalls.some((s) => s === 'full' || s === 'no_allowance')
  ) {
    const ids = strategy.file.priorities.filter((pr) => priorityAllowed(r, pr.id)).map((pr) => pr.id);
    if (ids.length > 0)
      out.push({
        code: 'link_priority',
        message: suggestionText.link_priority(c, ids),
        change: { priority: ids[0] as string },
      });
  }

  if (e.verdict === 'outside_strategy') {
    out.push({ code: 'request_exception', message: suggestionText.request_exception(c, e.route[0]) });
  }
  return out;
}
