import { describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../../src/conversation/case-summary.js';
import { helpView, unknownCommandView } from '../../../src/conversation/help-view.js';
import { statusView } from '../../../src/conversation/status-view.js';
import type { ButtonsBlock } from '../../../src/conversation/view.js';
import { viewContextOf } from '../../../src/conversation/view-context.js';
import { whoWorksWithView } from '../../../src/conversation/who-view.js';
import { expectCleanViews, strategy } from './fixtures.js';

const vc = viewContextOf(strategy, 'en', new Date('2026-03-02T15:00:00Z'));
const aCase: CaseSummary = {
  caseId: 'case-1',
  version: 1,
  step: 0,
  stepRoleName: 'Team lead',
  assigneeName: 'Bram Bakker',
  partner: 'Deltares',
  confidential: false,
  partnerTypeName: 'Knowledge institution',
  priorityName: null,
  intensityName: 'Knowledge exchange',
  budget: 0,
  months: 3,
  direction: 'shared',
  requesterName: 'Anna de Vries',
  reasons: [],
  existing: [],
  state: 'open',
  waitingSince: '2026-03-02T07:00:00Z',
};

describe('status', () => {
  it('lists my proposals and the decisions waiting for me, each with a way to open it', () => {
    const view = statusView(vc, {
      mine: [aCase],
      waitingForMe: [{ ...aCase, caseId: 'case-2', partner: 'TNO' }],
    });
    expectCleanViews([view]);
    expect(view.fallbackText).toContain(
      'Deltares (Knowledge exchange): Waiting for a decision by Bram Bakker (Team lead).',
    );
    expect(view.fallbackText).toContain('TNO, asked by Anna de Vries, waiting since 2 March 08:00');
    const actions = view.blocks
      .filter((b): b is ButtonsBlock => b.type === 'buttons')
      .flatMap((b) => b.buttons.map((x) => x.action));
    // My own proposal: open it or withdraw it; the one waiting for me: open it.
    expect(actions).toEqual([
      { type: 'show_case', caseId: 'case-1' },
      { type: 'withdraw', caseId: 'case-1' },
      { type: 'show_case', caseId: 'case-2' },
    ]);
  });

  it('offers the requester what fits each proposal: answer a question, ask an exception', () => {
    const view = statusView(vc, {
      mine: [
        { ...aCase, caseId: 'case-3', state: 'info_requested', infoQuestion: 'Welk budget?' },
        { ...aCase, caseId: 'case-4', state: 'advised_against' },
      ],
      waitingForMe: [],
    });
    const actions = view.blocks
      .filter((b): b is ButtonsBlock => b.type === 'buttons')
      .flatMap((b) => b.buttons.map((x) => x.action));
    expect(actions).toEqual([
      { type: 'answer_info', caseId: 'case-3' },
      { type: 'show_case', caseId: 'case-3' },
      { type: 'withdraw', caseId: 'case-3' },
      { type: 'request_exception', caseId: 'case-4' },
      { type: 'show_case', caseId: 'case-4' },
    ]);
  });

  it('says so when there is nothing', () => {
    const view = statusView(viewContextOf(strategy, 'nl'), { mine: [], waitingForMe: [] });
    expect(view.fallbackText).toContain('U heeft geen lopende voorstellen.');
    expect(view.fallbackText).toContain('Er wachten geen besluiten op u.');
  });
});

describe('who works with a partner', () => {
  it('lists owner, unit, intensity and status, near matches last and marked', () => {
    const view = whoWorksWithView(vc, 'TU Delft', [
      {
        ownerName: 'Ilse Mulder',
        unit: null,
        intensityName: 'Project',
        status: 'ended',
        partnerName: 'Technische Universiteit Delft',
        near: true,
      },
      {
        ownerName: 'Bram Bakker',
        unit: 'Energie en Klimaat',
        intensityName: 'Project',
        priorityName: 'Energy transition',
        status: 'active',
      },
    ]);
    expectCleanViews([view]);
    expect(view.title).toBe('Who works with TU Delft?');
    expect(view.fallbackText).toContain(
      '• Bram Bakker (Energie en Klimaat): Project, Energy transition, active\n• Technische Universiteit Delft (possibly the same partner): Ilse Mulder, Project, ended',
    );
  });

  it('says when nobody does, and how to ask without a partner', () => {
    expect(whoWorksWithView({ locale: 'nl' }, 'Acme', []).fallbackText).toContain(
      'Het portfolio kent geen samenwerking met Acme.',
    );
    expect(whoWorksWithView({ locale: 'en' }, null, []).fallbackText).toBe(
      'Which partner? For example: who Deltares',
    );
  });
});

describe('help', () => {
  it('lists the chat words in the person’s language', () => {
    const nl = helpView('nl');
    const en = helpView('en', { demo: true });
    expectCleanViews([nl, en]);
    for (const word of ['toets', 'status', 'wie PARTNER', 'portfolio', 'hulp'])
      expect(nl.fallbackText).toContain(`${word}:`);
    for (const word of ['check', 'status', 'who PARTNER', 'portfolio', 'help'])
      expect(en.fallbackText).toContain(`${word}:`);
    expect(en.fallbackText).toContain('demo as NAME');
    expect(nl.fallbackText).not.toContain('demo');
  });

  it('answers unknown words with a short help and a way to start', () => {
    const view = unknownCommandView('en');
    expect(view.fallbackText).toBe(
      'I did not understand that. Say check, status, who PARTNER, portfolio or help.',
    );
    expect(view.blocks.at(-1)).toMatchObject({
      type: 'buttons',
      buttons: [{ action: { type: 'start_check' } }],
    });
  });
});
