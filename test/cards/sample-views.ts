// Real views from the conversation, in both languages, to render as cards: every template gets
// the views it is for, with long and hostile words in them.
import {
  answerInfoFormView,
  approvalRequestView,
  type CaseSummary,
  caseView,
  checkFormView,
  decisionFormView,
  helpView,
  requesterUpdateView,
  startCheck,
  statusView,
  strategyChannelSummaryView,
  type View,
  verdictView,
  viewContextOf,
} from '../../src/conversation/index.js';
import { checkProposal } from '../../src/domain/check/check-proposal.js';
import type { Proposal } from '../../src/domain/check/proposal.js';
import { indexPortfolio } from '../../src/domain/portfolio/portfolio-view.js';
import type { Locale } from '../../src/domain/strategy/strategy-schema.js';
import { exampleStrategy } from '../support/example-strategy.js';

export const strategy = exampleStrategy();
export const LOCALES: Locale[] = ['nl', 'en'];
const now = new Date('2026-03-02T15:00:00Z');

/** A template expression typed as a name: the card must show it, never evaluate it. */
export const TEMPLATE_IN_WORDS = ['$', '{x}'].join('');
/** Markup people could type into a partner name or a reason. */
export const HOSTILE = `*Evil* [bank](javascript:alert(1)) <at>Everyone</at> https://evil.example _x_ ${TEMPLATE_IN_WORDS}`;

function summary(locale: Locale, over: Partial<CaseSummary> = {}): CaseSummary {
  return {
    caseId: '7',
    version: 3,
    step: 0,
    stepRoleName: locale === 'nl' ? 'Teamleider' : 'Team lead',
    assigneeName: 'Bram Bakker',
    partner: `Deltares ${HOSTILE}`,
    confidential: false,
    partnerTypeName: 'Kennisinstelling',
    priorityName: 'Klimaatadaptatie en water',
    intensityName: 'Project',
    budget: 25000,
    months: 6,
    direction: 'we_need',
    requesterName: 'Anna de Vries',
    reasons: ['Het budget (€ 25.000) is hoger dan uw mandaat als Medewerker (€ 10.000).'],
    existing: [
      { ownerName: 'Ilse Mulder', unit: 'Water en Bodem', intensityName: 'Project', status: 'active' },
    ],
    state: 'open',
    waitingSince: '2026-03-01T08:30:00Z',
    ...over,
  };
}

const proposal: Proposal = {
  partner: { name: `TU Delft ${HOSTILE}`, type: 'knowledge-institution' },
  priority: 'energy-transition',
  intensity: 'project',
  budget: 20000,
  months: 6,
  direction: 'we_need',
  requester: { id: 'u-anna', role: 'employee' },
};

export function verdictViews(locale: Locale): View[] {
  const portfolio = indexPortfolio([]);
  const variants: Proposal[] = [
    { ...proposal, budget: 5000 },
    proposal,
    {
      ...proposal,
      partner: { name: 'Shell', type: 'tobacco-industry' },
      priority: null,
      intensity: 'alliance',
      budget: 900_000,
    },
  ];
  return variants.map((p) => {
    const result = checkProposal(strategy, p, portfolio, { locale, nameOf: () => 'Bram Bakker' });
    return verdictView(strategy, locale, result, {
      caseId: '7',
      partnerName: p.partner.name,
      assignee: { name: 'Bram Bakker', roleName: 'Teamleider' },
    });
  });
}

export function checkFormViews(locale: Locale): View[] {
  const ctx = {
    strategy,
    locale,
    person: { id: 'u-anna', name: 'Anna de Vries', role: 'employee', known: true },
    existingWith: () => [],
    now,
  };
  return [
    checkFormView(ctx),
    checkFormView(
      ctx,
      { partnerName: HOSTILE, budget: 'veel', months: '6', confidential: 'true' },
      { budget: 'Geef een bedrag, bijvoorbeeld € 12.500.', priority: 'Vul dit in.' },
    ),
  ];
}

export function approvalViews(locale: Locale): View[] {
  const vc = viewContextOf(strategy, locale, now);
  const decided = summary(locale, {
    state: 'approved',
    decidedBy: 'Bram Bakker',
    decidedAt: '2026-03-02T13:02:00Z',
  });
  return [approvalRequestView(vc, summary(locale)), caseView(vc, summary(locale)), caseView(vc, decided)];
}

export function statusViews(locale: Locale): View[] {
  const vc = viewContextOf(strategy, locale, now);
  return [
    statusView(vc, { mine: [], waitingForMe: [] }),
    statusView(vc, { mine: [summary(locale)], waitingForMe: [summary(locale, { caseId: '8' })] }),
  ];
}

/** Everything else the generic template draws: the dialog, help, forms, updates, channel posts. */
export function otherViews(locale: Locale): View[] {
  const vc = viewContextOf(strategy, locale, now);
  const ctx = {
    strategy,
    locale,
    person: { id: 'u-anna', name: 'Anna de Vries', role: 'employee', known: true },
    existingWith: () => [],
    now,
  };
  const decided = summary(locale, {
    state: 'rejected',
    decidedBy: 'Bram Bakker',
    decidedAt: '2026-03-02T13:02:00Z',
    decisionReason: HOSTILE,
  });
  const channel = strategyChannelSummaryView(vc, decided);
  return [
    ...startCheck(ctx, 'mag ik met TU Delft een project over energie starten?').views,
    helpView(locale, { demo: true }),
    decisionFormView(vc, summary(locale), 'reject', 'Vul dit in.'),
    answerInfoFormView(vc, summary(locale, { state: 'info_requested', infoQuestion: HOSTILE })),
    requesterUpdateView(vc, summary(locale, { state: 'info_requested', infoQuestion: 'Wat is het budget?' })),
    ...(channel ? [channel] : []),
  ];
}

export const DIGEST_SAMPLE = (locale: Locale) => ({
  title: locale === 'nl' ? 'Portfolio-overzicht week 47' : 'Portfolio digest week 47',
  subtitle:
    locale === 'nl' ? '17–23 november 2026 · 42 samenwerkingen' : '17–23 November 2026 · 42 relationships',
  imageUrl:
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  imageAlt: locale === 'nl' ? 'Verdeling over de prioriteiten' : 'Mix over the priorities',
  sections: [
    {
      heading: locale === 'nl' ? 'Deze week' : 'This week',
      facts: [{ label: locale === 'nl' ? 'Nieuwe toetsen' : 'New checks', value: '5' }],
      lines: [`${HOSTILE} (Bram Bakker)`],
    },
    { heading: locale === 'nl' ? 'Signalen' : 'Signals', facts: [], lines: ['Energietransitie: 60 %'] },
  ],
  fallbackText: 'digest',
});
