import { describe, expect, it } from 'vitest';
import {
  requesterUpdateView,
  strategyChannelSummaryView,
} from '../../../src/conversation/case-outcome-views.js';
import type { CaseSummary } from '../../../src/conversation/case-summary.js';
import { approvalRequestView, caseView, reminderView } from '../../../src/conversation/case-views.js';
import {
  answerInfoFormView,
  decisionFormView,
  readFormText,
} from '../../../src/conversation/decision-forms.js';
import type { ButtonsBlock, View } from '../../../src/conversation/view.js';
import { type ViewContext, viewContextOf } from '../../../src/conversation/view-context.js';
import { expectCleanViews, strategy } from './fixtures.js';

// 13:02 UTC on 2 March is 14:02 in Amsterdam (CET).
const now = new Date('2026-03-02T15:00:00Z');
const nl: ViewContext = viewContextOf(strategy, 'nl', now);
const en: ViewContext = viewContextOf(strategy, 'en', now);

const open: CaseSummary = {
  caseId: 'case-7',
  version: 3,
  step: 0,
  stepRoleName: 'Teamleider',
  assigneeName: 'Bram Bakker',
  partner: 'Deltares',
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
};
const approved: CaseSummary = {
  ...open,
  state: 'approved',
  decidedBy: 'Bram Bakker',
  decidedAt: '2026-03-02T13:02:00Z',
};

const plain = (v: View) => v.fallbackText.replace(/\u00a0/g, ' ');
const buttonsOf = (v: View) =>
  v.blocks.filter((b): b is ButtonsBlock => b.type === 'buttons').flatMap((b) => b.buttons);

describe('the approval request', () => {
  it('shows the case with its reasons and existing relationships, and the four decisions', () => {
    const view = approvalRequestView(nl, open);
    expectCleanViews([view]);
    const text = plain(view);
    expect(text).toContain('Anna de Vries vraagt om een besluit. U beslist als Teamleider.');
    expect(text).toContain('Budget: € 25.000');
    expect(text).toContain('Looptijd: 6 maanden');
    expect(text).toContain('Wie heeft wie nodig: Wij hebben hen nodig');
    expect(text).toContain('Wacht sinds: 1 maart 09:30');
    expect(text).toContain('Het budget (€ 25.000) is hoger dan uw mandaat');
    expect(text).toContain('Ilse Mulder (Water en Bodem): Project, lopend');
    expect(buttonsOf(view).map((b) => [b.label, b.style, b.action])).toEqual([
      [
        'Goedkeuren',
        'primary',
        { type: 'decide', caseId: 'case-7', step: 0, version: 3, decision: 'approve' },
      ],
      ['Afwijzen', 'danger', { type: 'decide', caseId: 'case-7', step: 0, version: 3, decision: 'reject' }],
      [
        'Vraag informatie',
        'default',
        { type: 'decide', caseId: 'case-7', step: 0, version: 3, decision: 'ask_info' },
      ],
      [
        'Doorzetten',
        'default',
        { type: 'decide', caseId: 'case-7', step: 0, version: 3, decision: 'pass_up' },
      ],
    ]);
  });

  it('offers to grant or refuse an exception, without passing up at the last step', () => {
    const view = approvalRequestView(en, {
      ...open,
      state: 'exception_requested',
      exception: true,
      canPassUp: false,
      stepRoleName: 'Provincial Executive',
      assigneeName: 'Eva Smit',
    });
    expect(view.fallbackText).toContain('Anna de Vries asks for an exception to the collaboration strategy.');
    expect(buttonsOf(view).map((b) => b.label)).toEqual([
      'Grant exception',
      'Refuse exception',
      'Ask for information',
    ]);
  });

  it('is the same case without buttons for everyone else', () => {
    const view = caseView(nl, open);
    expectCleanViews([view]);
    expect(buttonsOf(view)).toEqual([]);
    expect(view.fallbackText).toContain('Wacht op een besluit van Bram Bakker (Teamleider).');
  });

  it('shows the decided state with the time in the strategy time zone, and no buttons even for the assignee', () => {
    const view = approvalRequestView(en, approved);
    expect(buttonsOf(view)).toEqual([]);
    expect(view.fallbackText).toContain('Approved by Bram Bakker at 14:02.');
    const yesterday = caseView(nl, { ...approved, decidedAt: '2026-03-01T13:02:00Z' });
    expect(yesterday.fallbackText).toContain('Goedgekeurd door Bram Bakker op 1 maart om 14:02.');
    const rejected = caseView(en, {
      ...open,
      state: 'rejected',
      decidedBy: 'Bram Bakker',
      decidedAt: '2026-03-02T13:02:00Z',
      decisionReason: 'Not now.',
    });
    expect(rejected.fallbackText).toContain('Rejected by Bram Bakker at 14:02: Not now.');
  });

  it('reminds the assignee, with the buttons', () => {
    const view = reminderView(en, open);
    expectCleanViews([view]);
    expect(view.title).toBe('Reminder: a decision is waiting');
    expect(view.fallbackText).toContain(
      'The proposal for Deltares is waiting for your decision since 1 March 09:30.',
    );
    expect(buttonsOf(view)).toHaveLength(4);
  });
});

describe('the forms around a decision', () => {
  it('asks a reason for a rejection and sends it with the decision', () => {
    const view = decisionFormView(en, open, 'reject');
    expectCleanViews([view]);
    const form = view.blocks.find((b) => b.type === 'form');
    expect(form).toMatchObject({
      fields: [{ id: 'reason', kind: 'text', required: true, maxLength: 1000 }],
      submit: { action: { type: 'decide', caseId: 'case-7', step: 0, version: 3, decision: 'reject' } },
    });
    expect(readFormText(en, { reason: '  Not now. ' }, 'reason')).toEqual({ ok: true, text: 'Not now.' });
    expect(readFormText(en, { reason: ' ' }, 'reason')).toEqual({ ok: false, error: 'Please fill this in.' });
    expect(readFormText(nl, { reason: 'x'.repeat(1001) }, 'reason')).toEqual({
      ok: false,
      error: 'Hoogstens 1000 tekens.',
    });
  });

  it('lets the requester answer a question', () => {
    const view = answerInfoFormView(nl, { ...open, state: 'info_requested', infoQuestion: 'Wie betaalt?' });
    expectCleanViews([view]);
    expect(view.fallbackText).toContain('Gevraagd: Wie betaalt?');
  });
});

describe('the requester', () => {
  it.each([
    [
      approved,
      'Your proposal for Deltares was approved by Bram Bakker at 14:02. It is registered in the portfolio.',
    ],
    [
      { ...open, state: 'rejected', decidedBy: 'Bram Bakker', decisionReason: 'Not now.' },
      'Your proposal for Deltares was rejected by Bram Bakker: Not now.',
    ],
    [
      { ...open, step: 1, stepRoleName: 'Head of department', assigneeName: 'Carla Jansen' },
      'Your proposal for Deltares is now with Carla Jansen (Head of department).',
    ],
    [{ ...approved, exception: true }, 'Your exception for Deltares was granted by Bram Bakker at 14:02.'],
    [{ ...open, state: 'withdrawn' }, 'Your proposal for Deltares is withdrawn.'],
  ] as Array<[CaseSummary, string]>)('is told where the case is (%#)', (c, line) => {
    const view = requesterUpdateView(en, c);
    expectCleanViews([view]);
    expect(view.fallbackText).toContain(line);
  });

  it('gets a button to answer a question, and one to withdraw while it waits', () => {
    const asked = requesterUpdateView(nl, {
      ...open,
      state: 'info_requested',
      decidedBy: 'Bram Bakker',
      infoQuestion: 'Wie betaalt?',
    });
    expect(asked.fallbackText).toContain(
      'Bram Bakker vraagt meer informatie over uw voorstel voor Deltares: Wie betaalt?',
    );
    expect(buttonsOf(asked).map((b) => b.action)).toEqual([{ type: 'answer_info', caseId: 'case-7' }]);
    expect(buttonsOf(requesterUpdateView(nl, open)).map((b) => b.action)).toEqual([
      { type: 'withdraw', caseId: 'case-7' },
    ]);
  });
});

describe('the strategy channel', () => {
  it('summarises each final outcome', () => {
    const cases: Array<[CaseSummary, string]> = [
      [{ ...open, state: 'registered' }, 'Registered within mandate: Deltares.'],
      [approved, 'Approved by Bram Bakker (Teamleider): Deltares.'],
      [
        { ...open, state: 'rejected', decidedBy: 'Bram Bakker' },
        'Rejected by Bram Bakker (Teamleider): Deltares.',
      ],
      [
        { ...approved, exception: true, stepRoleName: 'Provincial Executive', decidedBy: 'Eva Smit' },
        'Exception granted by Eva Smit (Provincial Executive): Deltares.',
      ],
      [
        {
          ...open,
          state: 'rejected',
          exception: true,
          decidedBy: 'Eva Smit',
          stepRoleName: 'Provincial Executive',
        },
        'Exception refused by Eva Smit (Provincial Executive): Deltares.',
      ],
    ];
    for (const [c, line] of cases) {
      const view = strategyChannelSummaryView(en, c);
      if (!view) throw new Error(`no summary for ${c.state}`);
      expectCleanViews([view]);
      expect(view.fallbackText).toContain(line);
      expect(plain(view)).toContain('Budget: €25,000');
    }
  });

  it('posts nothing for a case that is not final', () => {
    expect(strategyChannelSummaryView(en, open)).toBeNull();
    expect(strategyChannelSummaryView(en, { ...open, state: 'info_requested' })).toBeNull();
  });

  it('never names a confidential partner, nor the reason that might', () => {
    const secret: CaseSummary = {
      ...open,
      partner: 'Geheim BV',
      confidential: true,
      state: 'rejected',
      decidedBy: 'Bram Bakker',
      decisionReason: 'Geheim BV is te duur.',
    };
    const nlView = strategyChannelSummaryView(nl, secret);
    const enView = strategyChannelSummaryView(en, { ...secret, state: 'approved' });
    for (const view of [nlView, enView]) {
      if (!view) throw new Error('no summary');
      expect(JSON.stringify(view)).not.toContain('Geheim');
    }
    expect(nlView?.fallbackText).toContain(
      'Afgewezen door Bram Bakker (Teamleider): vertrouwelijke partner.',
    );
    expect(enView?.fallbackText).toContain('Approved by Bram Bakker (Teamleider): confidential partner.');
  });

  it('tells the people who decide that a partner is confidential, and shows them the name', () => {
    const view = approvalRequestView(en, { ...open, confidential: true });
    expect(view.fallbackText).toContain('Deltares');
    expect(view.fallbackText).toContain(
      'Confidential partner: the name stays out of channel summaries and the digest.',
    );
  });
});
