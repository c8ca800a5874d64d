// The dialog with what people actually type: inferred readings are said back, unclear answers
// are asked back with the closest options, and a partner type is offered, never filled in.
import { describe, expect, it } from 'vitest';
import { startCheck } from '../../../src/conversation/guided-check.js';
import { fallback, makeContext, step } from '../conversation/fixtures.js';

describe('the dialog understands people', () => {
  it('offers the partner type a name suggests, and leaves the choice to the person', () => {
    const turn = startCheck(makeContext(), 'mag ik met Gemeente Leiden een project doen?');
    expect(turn.state?.step).toBe('partnerType');
    expect(turn.state?.answers.partnerType).toBeUndefined();
    expect(fallback(turn)).toContain('Uit de naam lijkt Gemeente Leiden een overheid');
    const company = startCheck(makeContext(), 'mag ik met Arcadis Nederland B.V. een project doen?');
    expect(fallback(company)).toMatch(/lijkt Arcadis Nederland B\.V\. een commerciële partij/);
    expect(fallback(startCheck(makeContext(), 'mag ik met Deltares samenwerken?'))).not.toContain(
      'Uit de naam lijkt',
    );
  });

  it('says back what it read into an answer: a typo, a number in words, a rounding', () => {
    const atType = startCheck(makeContext(), 'mag ik met Deltares samenwerken?');
    const typed = step(makeContext(), atType, 'kennisinsteling');
    expect(typed.state?.answers.partnerType).toBe('knowledge-institution');
    expect(fallback(typed)).toContain('Ik lees: Kennisinstelling.');
    let turn = startCheck(makeContext(), 'mag ik met Deltares een project over energie doen?');
    turn = step(makeContext(), turn, 'Kennisinstelling');
    const budget = step(makeContext(), turn, 'twintigduizend');
    expect(budget.state?.answers.budget).toBe(20000);
    expect(fallback(budget)).toContain('Ik lees: € 20.000.');
    const months = step(makeContext(), budget, '2 weken');
    expect(months.state?.answers.months).toBe(1);
    expect(fallback(months)).toContain('Ik reken dat als 1 maand');
  });

  it('asks back what could mean two things, with those options as buttons', () => {
    let turn = startCheck(makeContext(), 'mag ik met Deltares samenwerken?');
    turn = step(makeContext(), turn, 'Kennisinstelling');
    turn = step(makeContext(), turn, 'energie');
    const intensity = step(makeContext(), turn, 'iets tussen project en programma in');
    expect(intensity.state?.answers.intensity).toBeUndefined();
    const choices = intensity.views[0]?.blocks.find(
      (b) => b.type === 'choices' && b.id === 'intensity-offered',
    );
    expect(choices && choices.type === 'choices' ? choices.options.map((o) => o.id).sort() : []).toEqual([
      'programme',
      'project',
    ]);
  });

  it('offers the closest options for an answer it does not understand ("did you mean")', () => {
    const turn = startCheck(makeContext(), 'mag ik met Deltares samenwerken?');
    const odd = step(makeContext(), turn, 'kenis inst');
    expect(odd.state?.answers.partnerType).toBeUndefined();
    const offered = odd.views[0]?.blocks.find((b) => b.type === 'choices' && b.id === 'partnerType-offered');
    expect(offered && offered.type === 'choices' ? offered.options[0]?.id : null).toBe(
      'knowledge-institution',
    );
  });

  it('asks an amount back that could be read two ways, and stores nothing', () => {
    let turn = startCheck(makeContext(), 'mag ik met Deltares een project over energie doen?');
    turn = step(makeContext(), turn, 'Kennisinstelling');
    const unclear = step(makeContext(), turn, '12.50.0');
    expect(unclear.state?.answers.budget).toBeUndefined();
    expect(fallback(unclear)).toContain('Ik weet niet zeker welk bedrag “12.50.0” is.');
  });

  it('asks which partner is meant when the register knows a part of "TU Delft en Deltares"', () => {
    const known = (n: string) => ['tu delft', 'deltares'].includes(n.toLowerCase());
    const ctx = makeContext({ knownPartner: known });
    const turn = startCheck(ctx, 'mag ik met TU Delft en Deltares een project doen?');
    expect(turn.state?.step).toBe('partner');
    expect(turn.state?.partnerChoices).toEqual(['TU Delft en Deltares', 'TU Delft', 'Deltares']);
    const picked = step(ctx, turn, { kind: 'choice', value: '~partner:2', step: 'partner' });
    expect(picked.state?.answers.partnerName).toBe('Deltares');
    expect(picked.state?.partnerChoices).toBeUndefined();
  });

  it('keeps the language the dialog switched to, and says so in the stored state', () => {
    const turn = startCheck(makeContext({ locale: 'en' }), 'can I start a project with Deltares?');
    expect(turn.state?.locale).toBe('en');
    expect(fallback(turn)).toContain('What kind of party is Deltares?');
  });
});
