// The small forms around a decision: a reason for a rejection, a question for the requester, and
// the requester's answer. Their submit carries the same payload as the button that opened them.

import { textsOf } from '../domain/texts/catalogue.js';
import { buildView, text } from './build-view.js';
import type { CaseSummary } from './case-summary.js';
import type { View } from './view.js';
import type { ViewContext } from './view-context.js';

export const MAX_DECISION_TEXT = 1000;

export type DecisionFormField = 'reason' | 'question' | 'answer';

export function decisionFormView(
  vc: ViewContext,
  c: CaseSummary,
  decision: 'reject' | 'ask_info',
  error?: string,
): View {
  const t = textsOf(vc.locale).conversation;
  const field: DecisionFormField = decision === 'reject' ? 'reason' : 'question';
  return buildView(
    'decision_form',
    [
      text(t.caseTitle(c.partner), true),
      {
        type: 'form',
        id: decision,
        fields: [
          {
            kind: 'text',
            id: field,
            label: decision === 'reject' ? t.reasonLabel : t.questionLabel,
            required: true,
            multiline: true,
            maxLength: MAX_DECISION_TEXT,
            ...(error ? { error } : {}),
          },
        ],
        submit: {
          label: t.sendButton,
          action: { type: 'decide', caseId: c.caseId, step: c.step, version: c.version, decision },
        },
      },
    ],
    decision === 'reject' ? t.rejectFormTitle : t.askInfoFormTitle,
  );
}

export function answerInfoFormView(vc: ViewContext, c: CaseSummary, error?: string): View {
  const t = textsOf(vc.locale).conversation;
  return buildView(
    'decision_form',
    [
      text(t.infoAsked(c.infoQuestion ?? ''), true),
      {
        type: 'form',
        id: 'answer_info',
        fields: [
          {
            kind: 'text',
            id: 'answer',
            label: t.answerLabel,
            required: true,
            multiline: true,
            maxLength: MAX_DECISION_TEXT,
            ...(error ? { error } : {}),
          },
        ],
        submit: { label: t.sendButton, action: { type: 'answer_info', caseId: c.caseId } },
      },
    ],
    t.answerFormTitle,
  );
}

export type FormTextResult = { ok: true; text: string } | { ok: false; error: string };

/** The text of one of these forms' fields: required, trimmed, at most MAX_DECISION_TEXT. */
export function readFormText(
  vc: Pick<ViewContext, 'locale'>,
  values: Record<string, unknown>,
  field: DecisionFormField,
): FormTextResult {
  const t = textsOf(vc.locale).conversation;
  const raw = values[field];
  const value = typeof raw === 'string' ? raw.normalize('NFC').trim() : '';
  if (value === '') return { ok: false, error: t.required };
  if (value.length > MAX_DECISION_TEXT) return { ok: false, error: t.textTooLong(MAX_DECISION_TEXT) };
  return { ok: true, text: value };
}
