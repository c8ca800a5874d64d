import { describe, expect, it } from 'vitest';
import { verdictView } from '../../../src/conversation/verdict-view.js';
import type { ButtonsBlock } from '../../../src/conversation/view.js';
import { checkProposal } from '../../../src/domain/check/check-proposal.js';
import type { Proposal } from '../../../src/domain/check/proposal.js';
import { indexPortfolio } from '../../../src/domain/portfolio/portfolio-view.js';
import type { Locale } from '../../../src/domain/strategy/strategy-schema.js';
import { expectCleanViews, strategy } from './fixtures.js';

const base: Proposal = {
  partner: { name: 'Deltares', type: 'knowledge-institution' },
  priority: 'climate-water',
  intensity: 'project',
  budget: 8000,
  months: 6,
  direction: 'we_need',
  requester: { id: 'u-anna', role: 'employee' },
};
const portfolio = indexPortfolio([
  {
    partner: 'Deltares',
    owner: 'u-bram',
    priority: 'energy-transition',
    intensity: 'project',
    status: 'active',
  },
]);

function viewOf(p: Proposal, locale: Locale, assignee?: { name: string; roleName: string }) {
  const result = checkProposal(strategy, p, portfolio, { locale, nameOf: () => 'Bram Bakker' });
  const view = verdictView(strategy, locale, result, {
    caseId: 'case-7',
    partnerName: p.partner.name,
    ...(assignee ? { assignee } : {}),
  });
  expectCleanViews([view]);
  return view;
}

const buttonsOf = (view: ReturnType<typeof viewOf>) =>
  view.blocks.filter((b): b is ButtonsBlock => b.type === 'buttons').flatMap((b) => b.buttons);

describe('the verdict view', () => {
  it('within mandate: the outcome, the notices, and that it is registered', () => {
    const view = viewOf(base, 'en');
    expect(view.title).toBe('Outcome of the check: Deltares');
    expect(view.fallbackText).toContain('Within your mandate: you may go ahead.');
    expect(view.fallbackText).toContain('Bram Bakker already works with Deltares');
    expect(view.fallbackText).toContain('Registered in the portfolio.');
    expect(buttonsOf(view)).toEqual([]);
  });

  it('escalate: the reasons in the strategy words, the suggestion, and who it went to', () => {
    const view = viewOf({ ...base, budget: 25000 }, 'nl', { name: 'Bram Bakker', roleName: 'Teamleider' });
    const text = view.fallbackText.replace(/\u00a0/g, ' ');
    expect(text).toContain('Hiervoor is een besluit op de besluitvormingslijn nodig.');
    expect(text).toContain('Het budget (€ 25.000) is hoger dan uw mandaat als Medewerker (€ 10.000).');
    expect(text).toContain('Met een budget van hoogstens € 10.000 valt het binnen uw mandaat');
    expect(text).toContain('Voorgelegd aan Bram Bakker (Teamleider); u hoort het hier.');
    expect(buttonsOf(view).map((b) => b.action)).toEqual([{ type: 'withdraw', caseId: 'case-7' }]);
  });

  it('escalate without a known assignee names the decision line', () => {
    const view = viewOf({ ...base, intensity: 'programme' }, 'en');
    expect(view.fallbackText).toContain('Sent up the decision line (Team lead → Head of department)');
  });

  it('outside the strategy: advised against, with a button to ask for an exception', () => {
    const view = viewOf({ ...base, partner: { name: 'Tabak BV', type: 'tobacco-industry' } }, 'en');
    expect(view.fallbackText).toContain('Advised against');
    expect(view.fallbackText).toContain('You can ask for an exception; Provincial Executive decides on it.');
    expect(buttonsOf(view).map((b) => b.action)).toEqual([{ type: 'request_exception', caseId: 'case-7' }]);
  });
});
