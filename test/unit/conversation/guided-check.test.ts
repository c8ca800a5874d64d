import { describe, expect, it } from 'vitest';
import { readCheckDialogState } from '../../../src/conversation/check-dialog-state.js';
import { continueCheck, startCheck, type Turn } from '../../../src/conversation/guided-check.js';
import type { ChoicesBlock } from '../../../src/conversation/view.js';
import { checkProposal } from '../../../src/domain/check/check-proposal.js';
import { parseProposal } from '../../../src/domain/check/proposal.js';
import { EMPTY_PORTFOLIO } from '../../../src/domain/portfolio/portfolio-view.js';
import {
  expectCleanViews,
  fallback,
  fatima,
  makeContext,
  restored,
  step,
  stranger,
  strategy,
} from './fixtures.js';

function run(ctx: ReturnType<typeof makeContext>, first: Turn, answers: string[]): Turn {
  let turn = first;
  for (const a of answers) turn = step(ctx, turn, a);
  return turn;
}

function submitted(turn: Turn) {
  expect(turn.state).toBeNull();
  expect(turn.effects).toHaveLength(1);
  const effect = turn.effects[0];
  if (effect?.type !== 'submit') throw new Error('expected a submit effect');
  return effect.proposal;
}

describe('the guided check, start to finish', () => {
  it('walks a person through every question in Dutch and submits a proposal the check accepts', () => {
    const ctx = makeContext();
    const start = startCheck(ctx);
    expectCleanViews(start.views);
    expect(start.state?.step).toBe('partner');
    expect(fallback(start)).toContain('Met welke organisatie wilt u samenwerken?');

    const turn = run(ctx, start, [
      'TU Delft',
      'kennisinstelling',
      'energietransitie',
      'project',
      '€ 8.000',
      '6 maanden',
      '1',
      'nee',
    ]);
    expect(turn.state?.step).toBe('confirm');
    expect(fallback(turn)).toContain('Budget: € 8.000');
    expect(fallback(turn)).toContain('Looptijd: 6 maanden');

    const proposal = submitted(step(ctx, turn, 'ja'));
    expect(proposal).toEqual({
      partner: { name: 'TU Delft', type: 'knowledge-institution' },
      priority: 'energy-transition',
      intensity: 'project',
      budget: 8000,
      months: 6,
      direction: 'we_need',
      requester: { id: 'u-anna', role: 'employee' },
      confidential: false,
    });
    expect(parseProposal(proposal, strategy).ok).toBe(true);
    expect(checkProposal(strategy, proposal, EMPTY_PORTFOLIO).verdict).toBe('within_mandate');
  });

  it('does the same in English, with buttons and choices, and the check escalates', () => {
    const ctx = makeContext({ locale: 'en', person: fatima });
    let turn = startCheck(ctx);
    expect(fallback(turn)).toContain('Which organisation do you want to work with?');
    turn = step(ctx, turn, 'Deltares');
    turn = step(ctx, turn, { kind: 'choice', step: 'partnerType', value: 'knowledge-institution' });
    turn = step(ctx, turn, { kind: 'choice', step: 'priority', value: 'climate-water' });
    turn = step(ctx, turn, 'Structural programme');
    turn = step(ctx, turn, '25k');
    turn = step(ctx, turn, '2 years');
    turn = step(ctx, turn, { kind: 'choice', step: 'direction', value: 'shared' });
    turn = step(ctx, turn, 'yes');
    expect(turn.state?.step).toBe('confirm');
    expect(fallback(turn)).toContain('Confidential: Yes');
    expect(fallback(turn)).toContain('Duration: 24 months');

    const proposal = submitted(step(ctx, turn, { kind: 'choice', step: 'confirm', value: '~submit' }));
    expect(proposal).toMatchObject({
      intensity: 'programme',
      budget: 25000,
      months: 24,
      direction: 'shared',
      confidential: true,
    });
    const result = checkProposal(strategy, proposal, EMPTY_PORTFOLIO, { locale: 'en' });
    expect(result.verdict).toBe('escalate');
    expect(result.route).toEqual(['team-lead', 'manager']);
  });
});

describe('a one-message start', () => {
  it('pre-fills partner, priority and intensity and asks only the rest', () => {
    const ctx = makeContext();
    const start = startCheck(ctx, 'mag ik met TU Delft een project over energie starten?');
    expectCleanViews(start.views);
    expect(start.state?.answers).toEqual({
      partnerName: 'TU Delft',
      priority: 'energy-transition',
      intensity: 'project',
    });
    expect(start.state?.step).toBe('partnerType');
    expect(fallback(start)).toContain('partner TU Delft');

    const asked: string[] = [];
    let turn = start;
    for (const a of ['1', '5000', '3', 'gedeeld', 'nee']) {
      asked.push(turn.state?.step ?? '');
      turn = step(ctx, turn, a);
    }
    expect(asked).toEqual(['partnerType', 'budget', 'months', 'direction', 'confidential']);
    expect(turn.state?.step).toBe('confirm');
    const proposal = submitted(step(ctx, turn, 'klopt'));
    expect(proposal).toMatchObject({
      partner: { name: 'TU Delft' },
      priority: 'energy-transition',
      budget: 5000,
      months: 3,
    });
  });

  it('understands an English one-liner with an amount and a duration', () => {
    const ctx = makeContext({ locale: 'en' });
    const start = startCheck(ctx, 'can I start a project with Deltares on water for 25k, 6 months?');
    expect(start.state?.answers).toEqual({
      partnerName: 'Deltares',
      priority: 'climate-water',
      intensity: 'project',
      budget: 25000,
      months: 6,
    });
    expect(start.state?.step).toBe('partnerType');
  });
});

describe('steering the dialog', () => {
  it('goes back one question, keeping the answer to show it', () => {
    const ctx = makeContext();
    let turn = run(ctx, startCheck(ctx), ['TU Delft', '1']);
    expect(turn.state?.step).toBe('priority');
    turn = step(ctx, turn, 'terug');
    expect(turn.state?.step).toBe('partnerType');
    expect(fallback(turn)).toContain('Uw antwoord tot nu toe: Kennisinstelling');
    const choices = turn.views[0]?.blocks.find((b): b is ChoicesBlock => b.type === 'choices');
    expect(choices?.selected).toBe('knowledge-institution');
    turn = step(ctx, turn, { kind: 'choice', value: '~back' });
    expect(turn.state?.step).toBe('partner');
    turn = step(ctx, turn, 'back');
    expect(turn.state?.step).toBe('partner');
    expect(fallback(turn)).toContain('Dit is de eerste vraag.');
  });

  it('stops on cancel, stop or annuleer, at any step, and says nothing was sent', () => {
    const ctx = makeContext();
    for (const word of ['stop', 'annuleer', 'Cancel']) {
      const turn = step(ctx, run(ctx, startCheck(ctx), ['TU Delft', '1', '1']), word);
      expect(turn.state).toBeNull();
      expect(turn.effects).toEqual([]);
      expect(fallback(turn)).toContain('er is niets verstuurd');
    }
  });

  it('starts over on the start word again, rather than taking it as an answer', () => {
    const ctx = makeContext();
    const turn = step(ctx, run(ctx, startCheck(ctx), ['TU Delft', '1']), 'toets');
    expect(turn.state?.step).toBe('partner');
    expect(turn.state?.answers).toEqual({});
  });

  it('explains the step on help and asks the same question again', () => {
    const ctx = makeContext();
    const before = run(ctx, startCheck(ctx), ['TU Delft', '1', '1', '1']);
    expect(before.state?.step).toBe('budget');
    const turn = step(ctx, before, 'hulp');
    expect(turn.state?.step).toBe('budget');
    expect(turn.state?.answers).toEqual(before.state?.answers);
    expect(fallback(turn)).toContain('over de hele looptijd');
    expect(fallback(turn)).toContain('Om welk budget gaat het?');
  });

  it('re-asks an answer it does not understand, saying what it expects', () => {
    const ctx = makeContext({ locale: 'en' });
    let turn = run(ctx, startCheck(ctx), ['TU Delft']);
    turn = step(ctx, turn, '42');
    expect(turn.state?.step).toBe('partnerType');
    expect(fallback(turn)).toContain('I did not understand “42”. Answer with a number from the list');
    turn = run(ctx, turn, ['1', '1', '1']);
    turn = step(ctx, turn, 'a lot');
    expect(turn.state?.step).toBe('budget');
    expect(fallback(turn)).toContain('Give an amount, such as €12,500');
    turn = step(ctx, turn, '-5');
    expect(fallback(turn)).toContain('It cannot be below 0.');
    turn = step(ctx, turn, '0');
    expect(turn.state?.step).toBe('months');
    turn = step(ctx, turn, 'soon');
    expect(turn.state?.step).toBe('months');
    expect(fallback(turn)).toContain('Give a number of months');
  });

  it('accepts a choice by its number, id or name, and a start of a name', () => {
    const ctx = makeContext();
    const at = run(ctx, startCheck(ctx), ['TU Delft']);
    for (const answer of ['2', 'government', 'Overheid', 'Government body', 'overh']) {
      expect(step(ctx, at, answer).state?.answers.partnerType).toBe('government');
    }
  });

  it('matches free text on a priority to its keywords, and asks when it fits several', () => {
    const ctx = makeContext();
    const at = run(ctx, startCheck(ctx), ['TU Delft', '1']);
    const one = step(ctx, at, 'iets met zonneparken');
    expect(one.state?.answers.priority).toBe('energy-transition');
    expect(fallback(one)).toContain('Ik lees: Energietransitie.');
    const several = step(ctx, at, 'water en energie');
    expect(several.state?.step).toBe('priority');
    expect(fallback(several)).toContain('Dat past bij Energietransitie of Klimaatadaptatie en water.');
  });

  it('takes "none of these" as exploration and mentions the allowance', () => {
    const ctx = makeContext();
    const at = run(ctx, startCheck(ctx), ['TU Delft', '1']);
    expect(fallback(at)).toContain(
      'Telt mee in de speelruimte voor verkenning: tot kennisuitwisseling, hoogstens € 5.000, 4 tegelijk.',
    );
    const turn = step(ctx, at, 'geen van deze');
    expect(turn.state?.answers.priority).toBeNull();
    expect(turn.state?.step).toBe('intensity');
  });

  it('catches a click on an older question', () => {
    const ctx = makeContext();
    const at = run(ctx, startCheck(ctx), ['TU Delft', '1']);
    const turn = step(ctx, at, { kind: 'choice', step: 'partnerType', value: 'commercial' });
    expect(turn.state?.step).toBe('priority');
    expect(turn.state?.answers.partnerType).toBe('knowledge-institution');
    expect(fallback(turn)).toContain('Die knop hoort bij een eerdere vraag.');
  });

  it('changes one answer from the summary and comes back to it', () => {
    const ctx = makeContext();
    let turn = run(ctx, startCheck(ctx), ['TU Delft', '1', '1', '2', '8000', '6', '1', 'nee']);
    expect(turn.state?.step).toBe('confirm');
    turn = step(ctx, turn, { kind: 'choice', value: '~edit:budget' });
    expect(turn.state?.step).toBe('budget');
    turn = step(ctx, turn, '9.500');
    expect(turn.state?.step).toBe('confirm');
    expect(fallback(turn)).toContain('Budget: € 9.500');
    turn = step(ctx, turn, 'looptijd');
    expect(turn.state?.step).toBe('months');
  });
});

describe('partner types the strategy limits', () => {
  it('explains a conditional type in the strategy words before moving on', () => {
    const ctx = makeContext();
    const turn = step(
      ctx,
      run(ctx, startCheck(ctx), ['Ingenieursbureau Westland B.V.']),
      'commerciële partij',
    );
    expect(turn.state?.step).toBe('priority');
    expect(fallback(turn)).toContain(
      'Let op: met een commerciële partij werkt Provincie Midden-Holland alleen onder voorwaarden samen: alleen na een aanbesteding of een toets op staatssteun.',
    );
  });

  it('explains an excluded type, and the check advises against it in the end', () => {
    const ctx = makeContext({ locale: 'en' });
    let turn = step(ctx, run(ctx, startCheck(ctx), ['Tabak BV']), '6');
    expect(fallback(turn)).toContain(
      'excludes working with a tobacco industry: governments do not work with the tobacco industry',
    );
    expect(turn.state?.step).toBe('priority');
    turn = run(ctx, turn, ['health', '1', '0', '1', '3', 'no', 'yes']);
    const proposal = submitted(turn);
    expect(checkProposal(strategy, proposal, EMPTY_PORTFOLIO).verdict).toBe('outside_strategy');
  });
});

describe('what the person is told along the way', () => {
  it('shows an existing relationship right after the partner name', () => {
    const ctx = makeContext();
    const turn = step(ctx, startCheck(ctx), 'Deltares');
    expect(fallback(turn)).toContain(
      'Bram Bakker (Energie en Klimaat) werkt al met Deltares samen: Project, lopend.',
    );
    expect(startCheck(ctx, 'mag ik met Deltares samenwerken?').views[0]?.fallbackText).toContain(
      'Bram Bakker',
    );
  });

  it('marks a near match as possibly the same partner', () => {
    const ctx = makeContext({
      locale: 'en',
      existingWith: () => [
        {
          ownerName: 'Ilse Mulder',
          intensityName: 'Project',
          status: 'active',
          partnerName: 'Technische Universiteit Delft',
          near: true,
        },
      ],
    });
    const turn = step(ctx, startCheck(ctx), 'TU Delft');
    expect(fallback(turn)).toContain(
      'Ilse Mulder works with Technische Universiteit Delft, possibly the same partner: Project, active.',
    );
  });

  it('treats someone the directory does not know as the lowest role, and says so', () => {
    const ctx = makeContext({ person: stranger });
    const start = startCheck(ctx);
    expect(fallback(start)).toContain('daarom behandel ik u als Medewerker, de laagste rol in de strategie');
    let turn = run(ctx, start, ['TU Delft', '1', '1', '1', '1000', '1', '1', 'nee']);
    expect(fallback(turn)).toContain('Uw rol: Medewerker (aangenomen)');
    turn = step(ctx, turn, 'ja');
    expect(submitted(turn).requester).toEqual({ id: 'U0STRANGER', role: 'employee' });
  });

  it('tells the mandate limits with the budget and duration questions', () => {
    const ctx = makeContext({ locale: 'en' });
    const budget = run(ctx, startCheck(ctx), ['TU Delft', '1', '1', '1']);
    expect(fallback(budget)).toContain('Your mandate goes up to €10,000.');
    expect(fallback(step(ctx, budget, '1000'))).toContain('Your mandate goes up to 12 months.');
  });
});

describe('the stored state', () => {
  it('survives a JSON round trip at every step, and a restart continues where the person was', () => {
    const ctx = makeContext();
    let turn = startCheck(ctx);
    const answers = ['TU Delft', '1', '1', '2', '8000', '6', '1', 'nee'];
    for (const a of answers) {
      const stored = JSON.stringify(turn.state);
      const afterRestart = readCheckDialogState(stored);
      expect(afterRestart).toEqual(turn.state);
      expect(afterRestart?.version).toBe(1);
      turn = continueCheck(makeContext(), stored, { kind: 'text', text: a });
    }
    expect(turn.state?.step).toBe('confirm');
    expect(submitted(continueCheck(ctx, restored(turn), { kind: 'text', text: 'ja' })).budget).toBe(8000);
  });

  it('records when the dialog started and was last touched', () => {
    const start = startCheck(makeContext());
    const later = step(makeContext({ now: new Date('2026-03-02T14:00:00Z') }), start, 'TU Delft');
    expect(later.state?.startedAt).toBe('2026-03-02T13:02:00.000Z');
    expect(later.state?.updatedAt).toBe('2026-03-02T14:00:00.000Z');
  });

  it.each([
    ['garbage text', '{not json'],
    ['null', null],
    ['an old version', { version: 0, kind: 'check', step: 'partner', answers: {} }],
    [
      'a wrong step',
      { version: 1, kind: 'check', step: 'dessert', answers: {}, startedAt: '', updatedAt: '' },
    ],
    [
      'a negative budget',
      { version: 1, kind: 'check', step: 'months', answers: { budget: -1 }, startedAt: '', updatedAt: '' },
    ],
  ])('restarts politely from a corrupt state (%s)', (_name, corrupt) => {
    const turn = continueCheck(makeContext({ locale: 'en' }), corrupt, { kind: 'text', text: 'TU Delft' });
    expectCleanViews(turn.views);
    expect(fallback(turn)).toContain('Sorry, I lost track of your check. Let us start again.');
    expect(turn.state?.step).toBe('partner');
    expect(turn.state?.answers).toEqual({});
  });

  it('asks again for an answer the strategy no longer knows', () => {
    const stale = {
      version: 1,
      kind: 'check',
      step: 'confirm',
      answers: {
        partnerName: 'TU Delft',
        partnerType: 'knowledge-institution',
        priority: 'space-travel',
        intensity: 'project',
        budget: 1,
        months: 1,
        direction: 'we_need',
        confidential: false,
      },
      startedAt: '2026-03-01T00:00:00.000Z',
      updatedAt: '2026-03-01T00:00:00.000Z',
    };
    const turn = continueCheck(makeContext(), stale, { kind: 'text', text: 'ja' });
    expect(turn.effects).toEqual([]);
    expect(turn.state?.step).toBe('priority');
  });
});

describe('a form sent into the dialog', () => {
  it('submits when valid, and keeps the dialog with the errors when not', () => {
    const ctx = makeContext();
    const start = startCheck(ctx);
    const bad = continueCheck(ctx, restored(start), { kind: 'form', values: { partnerName: 'TU Delft' } });
    expect(bad.state?.step).toBe('partner');
    expect(bad.views[0]?.blocks.some((b) => b.type === 'form')).toBe(true);
    const good = continueCheck(ctx, restored(start), {
      kind: 'form',
      values: {
        partnerName: 'TU Delft',
        partnerType: 'knowledge-institution',
        priority: 'energy-transition',
        intensity: 'project',
        budget: '8000',
        months: 6,
        direction: 'we_need',
      },
    });
    expect(submitted(good).partner.name).toBe('TU Delft');
    const withoutDialog = continueCheck(ctx, 'corrupt', { kind: 'form', values: { partnerName: '' } });
    expect(withoutDialog.state).toBeNull();
    expect(withoutDialog.views[0]?.blocks.some((b) => b.type === 'form')).toBe(true);
  });
});
