// Any view Koers can build renders to Block Kit that Slack accepts: random views (long and odd
// text, many blocks, options, buttons, facts and fields) checked against the same limits the fake
// Slack enforces (row I2 of docs/reliability.md), and nothing in them is live markup (I4).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderHome, renderMessage, renderModal } from '../../../src/channels/slack/render-block-kit.js';
import {
  type ActionPayload,
  type Block,
  type FormField,
  VIEW_KINDS,
  type View,
} from '../../../src/conversation/index.js';
import { limitProblem } from '../../support/fake-slack.js';
import { liveMarkup } from './slack-helpers.js';

const words = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ maxLength: 5000 }),
  fc.constantFrom('<!channel>', '<https://evil|bank>', '&<>&amp;', '*_~`', 'a\nb\n\nc'),
);
const action: fc.Arbitrary<ActionPayload> = fc.oneof(
  fc.record({
    type: fc.constant('dialog' as const),
    value: fc.string({ minLength: 1, maxLength: 120 }),
    step: fc.string({ maxLength: 40 }),
  }),
  fc.record({
    type: fc.constant('decide' as const),
    caseId: fc.string({ minLength: 1, maxLength: 100 }),
    step: fc.nat(),
    version: fc.nat(),
    decision: fc.constantFrom('approve' as const, 'reject' as const),
  }),
  fc.constant({ type: 'start_check' as const }),
);
const field: fc.Arbitrary<FormField> = fc.oneof(
  fc.record({
    kind: fc.constant('text' as const),
    id: fc.string({ minLength: 1, maxLength: 300 }),
    label: words,
    required: fc.boolean(),
    value: words,
    maxLength: fc.integer({ min: 1, max: 10_000 }),
    error: words,
  }),
  fc.record({
    kind: fc.constant('number' as const),
    id: fc.string({ minLength: 1, maxLength: 40 }),
    label: words,
    required: fc.boolean(),
    value: fc.string(),
    min: fc.nat(),
    hint: words,
  }),
  fc.record({
    kind: fc.constant('select' as const),
    id: fc.string({ minLength: 1, maxLength: 40 }),
    label: words,
    required: fc.boolean(),
    options: fc.array(
      fc.record({ id: fc.string({ minLength: 1, maxLength: 300 }), label: words, description: words }),
      { minLength: 1, maxLength: 130 },
    ),
  }),
  fc.record({
    kind: fc.constant('toggle' as const),
    id: fc.string({ minLength: 1, maxLength: 40 }),
    label: words,
    required: fc.constant(false),
    value: fc.boolean(),
  }),
);
const block: fc.Arbitrary<Block> = fc.oneof(
  fc.record({ type: fc.constant('text' as const), text: words, emphasis: fc.boolean() }),
  fc.record({ type: fc.constant('context' as const), text: words }),
  fc.record({
    type: fc.constant('facts' as const),
    facts: fc.array(fc.record({ label: words, value: words }), { maxLength: 25 }),
  }),
  fc.record({
    type: fc.constant('buttons' as const),
    buttons: fc.array(
      fc.record({
        id: fc.string(),
        label: words,
        style: fc.constantFrom('primary' as const, 'danger' as const, 'default' as const),
        action,
      }),
      { maxLength: 30 },
    ),
  }),
  fc.record({
    type: fc.constant('choices' as const),
    id: fc.string(),
    label: words,
    options: fc.array(fc.record({ id: fc.string(), label: words, description: words, action }), {
      maxLength: 120,
    }),
  }),
  fc.record({
    type: fc.constant('form' as const),
    id: fc.string(),
    fields: fc.array(field, { maxLength: 12 }),
    submit: fc.record({ label: words, action }),
    error: words,
  }),
);
const view: fc.Arbitrary<View> = fc.record({
  kind: fc.constantFrom(...VIEW_KINDS),
  title: words,
  blocks: fc.array(block, { maxLength: 70 }),
  fallbackText: fc.string({ maxLength: 50_000 }),
});

describe('Block Kit rendering within Slack limits', () => {
  it('every message, modal and Home tab is one Slack accepts, with no live markup', () => {
    fc.assert(
      fc.property(view, (v) => {
        const message = renderMessage(v);
        expect(limitProblem('chat.postMessage', { ...message })).toBeNull();
        const modal = renderModal(v, { action: { type: 'submit_check_form' }, channel: 'D123', ts: '1.2' });
        expect(limitProblem('views.open', { view: modal })).toBeNull();
        expect(limitProblem('views.publish', { view: renderHome([v, v]) })).toBeNull();
        const rendered = [
          { method: 'x', args: { message, title: modal.title, blocks: modal.blocks }, at: 0, outcome: 'ok' },
        ];
        expect(liveMarkup(rendered)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
