// The check: a proposal against the strategy and the register, with
// the verdict, every reason and notice in words, the route and what would make it fit.
import { EMPTY_PORTFOLIO, type PortfolioView } from '../portfolio/portfolio-view.js';
import type { Strategy } from '../strategy/compile-strategy.js';
import type { Locale } from '../strategy/strategy-schema.js';
import { noticeText, reasonText, type TextContext } from './check-texts.js';
import { type Evaluation, evaluateProposal, type Finding } from './evaluate-proposal.js';
import type { Proposal } from './proposal.js';
import { type Suggestion, suggestionsFor } from './suggestions.js';
import type { NoticeCode, ReasonCode, Verdict } from './verdict.js';

export interface CheckReason {
  code: ReasonCode;
  message: string;
}

export interface CheckNotice {
  code: NoticeCode;
  message: string;
  /** For existing_relationship: the owner of the matching relationship. */
  owner?: string;
  partner?: string;
}

export interface CheckResult {
  verdict: Verdict;
  /** Role ids, in order: where the case goes (empty within mandate). */
  route: string[];
  reasons: CheckReason[];
  notices: CheckNotice[];
  suggestions: Suggestion[];
}

export interface CheckOptions {
  /** Language of the messages; default the strategy's locale. */
  locale?: Locale;
  /** Display name of a person id (for owners of existing relationships); default the id. */
  nameOf?: (personId: string) => string;
}

export function checkProposal(
  strategy: Strategy,
  proposal: Proposal,
  portfolio: PortfolioView,
  options: CheckOptions = {},
): CheckResult {
  const e = evaluateProposal(strategy, proposal, portfolio);
  const c: TextContext = { strategy, locale: options.locale ?? strategy.locale };
  const nameOf = options.nameOf ?? ((id: string) => id);
  return {
    verdict: e.verdict,
    route: e.route.map((r) => r.id),
    reasons: e.reasons.map((f) => ({
      code: f.code as ReasonCode,
      message: reasonMessage(f, proposal, e, portfolio, c),
    })),
    notices: e.notices.map((f) => noticeOf(f, proposal, e, c, nameOf)),
    suggestions: suggestionsFor(strategy, proposal, e, portfolio, c),
  };
}

function reasonMessage(
  f: Finding,
  p: Proposal,
  e: Evaluation,
  portfolio: PortfolioView,
  c: TextContext,
): string {
  const r = e.requesterRole;
  switch (f.code) {
    case 'partner_type_excluded':
      return reasonText.partner_type_excluded(c, p.partner.type);
    case 'beyond_all_mandates':
      return reasonText.beyond_all_mandates(c, e.line, f.topRole);
    case 'exploration_exhausted':
      return reasonText.exploration_exhausted(
        c,
        f.shortfalls,
        portfolio.activeExplorationCount(),
        p.intensity,
        e.extent.budget,
      );
    case 'partner_type_conditional':
      return reasonText.partner_type_conditional(c, p.partner.type, f.decider ?? r);
    case 'intensity_over_mandate':
      return reasonText.intensity_over_mandate(c, p.intensity, r);
    case 'budget_over_mandate':
      return reasonText.budget_over_mandate(c, e.extent.budget, r);
    case 'duration_over_mandate':
      return reasonText.duration_over_mandate(c, e.extent.months, r);
    case 'priority_not_in_mandate':
      return reasonText.priority_not_in_mandate(c, p.priority ?? '', r);
    default:
      throw new TypeError(`not a reason: ${f.code}`);
  }
}

function noticeOf(
  f: Finding,
  p: Proposal,
  e: Evaluation,
  c: TextContext,
  nameOf: (id: string) => string,
): CheckNotice {
  switch (f.code) {
    case 'partner_type_conditional':
      return {
        code: f.code,
        message: noticeText.partner_type_conditional(c, p.partner.type, e.requesterRole),
      };
    case 'exploration':
      return { code: f.code, message: noticeText.exploration(c, f.activeAfter) };
    case 'existing_relationship': {
      const rel = f.relationship;
      return {
        code: f.code,
        message: noticeText.existing_relationship(
          c,
          nameOf(rel.owner),
          rel.partner,
          rel.priority,
          rel.intensity,
        ),
        owner: rel.owner,
        partner: rel.partner,
      };
    }
    default:
      throw new TypeError(`not a notice: ${f.code}`);
  }
}

/** Reasons that speak of the requester's mandate: worded again for each reader. */
const MANDATE_CODES: ReadonlySet<string> = new Set([
  'intensity_over_mandate',
  'budget_over_mandate',
  'duration_over_mandate',
  'priority_not_in_mandate',
  'partner_type_conditional',
]);

/**
 * A stored case's reasons as another reader reads them ("het mandaat van Anna de Vries als
 * Medewerker" for her approver), from their codes and the proposal's figures. A reason the
 * strategy no longer gives (it changed since the check) keeps its stored words.
 */
export function reasonsForReader(
  strategy: Strategy,
  proposal: Proposal,
  stored: ReadonlyArray<CheckReason>,
  c: TextContext,
): string[] {
  let e: Evaluation;
  try {
    e = evaluateProposal(strategy, proposal, EMPTY_PORTFOLIO);
  } catch {
    return stored.map((r) => r.message);
  }
  return stored.map((r) => {
    const f = MANDATE_CODES.has(r.code) ? e.reasons.find((x) => x.code === r.code) : undefined;
    return f ? reasonMessage(f, proposal, e, EMPTY_PORTFOLIO, c) : r.message;
  });
}
