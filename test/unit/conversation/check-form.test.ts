import { describe, expect, it } from 'vitest';
import { checkFormView, validateCheckForm } from '../../../src/conversation/check-form.js';
import type { FormBlock, SelectField } from '../../../src/conversation/view.js';
import { checkProposal } from '../../../src/domain/check/check-proposal.js';
import { EMPTY_PORTFOLIO } from '../../../src/domain/portfolio/portfolio-view.js';
import { expectCleanViews, makeContext, stranger, strategy } from './fixtures.js';

const valid = {
  partnerName: 'TU Delft',
  partnerType: 'knowledge-institution',
  priority: 'energy-transition',
  intensity: 'project',
  budget: '€ 8.000',
  months: '6',
  direction: 'we_need',
  confidential: 'false',
};

function formOf(view: ReturnType<typeof checkFormView>): FormBlock {
  const form = view.blocks.find((b): b is FormBlock => b.type === 'form');
  if (!form) throw new Error('no form');
  return form;
}

describe('the check form', () => {
  it('offers the strategy as choices, exploration included, and the mandate as hints', () => {
    const view = checkFormView(makeContext({ locale: 'en' }));
    expectCleanViews([view]);
    const form = formOf(view);
    expect(form.fields.map((f) => f.id)).toEqual([
      'partnerName',
      'partnerType',
      'priority',
      'intensity',
      'budget',
      'months',
      'direction',
      'confidential',
      'description',
    ]);
    const priority = form.fields.find((f): f is SelectField => f.id === 'priority' && f.kind === 'select');
    expect(priority?.options.at(-1)).toMatchObject({ id: '~none', label: 'None of these (exploration)' });
    expect(form.fields.find((f) => f.id === 'budget')?.hint).toBe('Your mandate goes up to €10,000.');
    expect(form.submit.action).toEqual({ type: 'submit_check_form' });
  });

  it('turns a valid submit into the contract proposal', () => {
    const result = validateCheckForm(makeContext(), valid);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.proposal).toEqual({
      partner: { name: 'TU Delft', type: 'knowledge-institution' },
      priority: 'energy-transition',
      intensity: 'project',
      budget: 8000,
      months: 6,
      direction: 'we_need',
      requester: { id: 'u-anna', role: 'employee' },
      confidential: false,
    });
    expect(checkProposal(strategy, result.proposal, EMPTY_PORTFOLIO).verdict).toBe('within_mandate');
  });

  it('accepts what Slack and Teams send: numbers, lists of one, toggles as text or lists', () => {
    const ctx = makeContext({ person: stranger });
    const result = validateCheckForm(ctx, {
      ...valid,
      budget: 12500,
      months: 24,
      priority: ['~none'],
      confidential: [{ value: 'yes' }],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.proposal).toMatchObject({ budget: 12500, months: 24, priority: null, confidential: true });
    expect(result.proposal.requester).toEqual({ id: 'U0STRANGER', role: 'employee' });
  });

  it('names every problem on its own field, in the person’s language', () => {
    const nl = validateCheckForm(makeContext(), {
      partnerName: '',
      partnerType: 'spaceship',
      intensity: 'project',
      budget: 'veel',
      months: '-3',
      direction: 'we_need',
    });
    expect(nl).toEqual({
      ok: false,
      errors: {
        partnerName: 'Vul dit in.',
        partnerType: 'Kies een van de mogelijkheden.',
        priority: 'Vul dit in.',
        budget: 'Geef een bedrag, zoals €\u00a012.500 of 12500; 0 als er geen budget is.',
        months: 'Het kan niet lager zijn dan 0.',
      },
    });
    const en = validateCheckForm(makeContext({ locale: 'en' }), {
      ...valid,
      partnerName: 'x'.repeat(201),
      months: 'soon',
    });
    expect(en).toEqual({
      ok: false,
      errors: { partnerName: 'At most 200 characters.', months: 'Give a number of months, such as 6 or 24.' },
    });
    const hidden = validateCheckForm(makeContext({ locale: 'en' }), {
      ...valid,
      partnerName: 'Evil\u202eCorp',
    });
    expect(hidden).toEqual({
      ok: false,
      errors: { partnerName: 'The name contains invisible or control characters.' },
    });
  });

  it('shows the values and errors again on the fields after a failed submit', () => {
    const ctx = makeContext();
    const values = { ...valid, budget: 'veel' };
    const result = validateCheckForm(ctx, values);
    if (result.ok) throw new Error('expected errors');
    const view = checkFormView(ctx, values, result.errors);
    expectCleanViews([view]);
    const form = formOf(view);
    expect(form.error).toBe('Een paar antwoorden vragen nog aandacht.');
    expect(form.fields.find((f) => f.id === 'budget')).toMatchObject({
      value: 'veel',
      error: expect.stringContaining('Geef een bedrag'),
    });
    expect(form.fields.find((f) => f.id === 'partnerName')).toMatchObject({ value: 'TU Delft' });
    expect(form.fields.find((f) => f.id === 'partnerName')).not.toHaveProperty('error');
    expect(view.fallbackText).toContain('Budget: Geef een bedrag');
  });
});
