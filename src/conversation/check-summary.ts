// The last step of the guided check: the answers read back to confirm, and the proposal they make
// (plus `confidential`), validated like any other proposal.
import { type ParseProposalResult, parseProposal } from '../domain/check/proposal.js';
import { roleName } from '../domain/strategy/compile-strategy.js';
import { textsOf } from '../domain/texts/catalogue.js';
import { answerLabel, answerValue } from './answer-values.js';
import { buttons, context, facts, text } from './build-view.js';
import { type CheckContext, requesterRole } from './check-context.js';
import { type CheckAnswers, QUESTION_STEPS, type QuestionStep } from './check-steps.js';
import { CONTROL_VALUE, EDIT_PREFIX } from './dialog-words.js';
import { controlButtons } from './step-question.js';
import type { Block } from './view.js';

export function summaryBlocks(ctx: CheckContext, answers: CheckAnswers): Block[] {
  const t = textsOf(ctx.locale).conversation;
  const r = requesterRole(ctx);
  const role = roleName(r.role, ctx.locale);
  return [
    text(t.summaryIntro),
    facts([
      ...QUESTION_STEPS.map((s) => {
        const value = answerValue(ctx, s, answers);
        return value === null ? null : { label: answerLabel(ctx.locale, s), value };
      }),
      answers.description ? { label: t.fact.description, value: answers.description } : null,
      { label: t.fact.role, value: r.assumed ? t.assumedRole(role) : role },
    ]),
    ...(answers.description ? [] : [context(t.describeAsk)]),
    buttons([
      {
        id: 'submit',
        label: t.submitButton,
        style: 'primary',
        action: { type: 'dialog', step: 'confirm', value: CONTROL_VALUE.submit },
      },
      {
        id: 'edit',
        label: t.changeButton,
        style: 'default',
        action: { type: 'dialog', value: CONTROL_VALUE.edit },
      },
      ...controlButtons(ctx, 'confirm'),
    ]),
    context(t.controlsHint),
  ];
}

/** "Which answer?": the questions to go back to, one choice each. */
export function editChoiceBlocks(ctx: CheckContext): Block[] {
  const t = textsOf(ctx.locale).conversation;
  return [
    {
      type: 'choices',
      id: 'edit',
      label: t.changeLabel,
      numbered: false,
      options: QUESTION_STEPS.map((s) => ({
        id: `${EDIT_PREFIX}${s}`,
        label: answerLabel(ctx.locale, s),
        action: { type: 'dialog', value: `${EDIT_PREFIX}${s}` },
      })),
    },
  ];
}

export type BuiltProposal = ParseProposalResult & { step?: QuestionStep };

/** The proposal the answers make, as parseProposal reads it; on a problem, the step to ask again. */
export function buildProposal(ctx: CheckContext, a: CheckAnswers): BuiltProposal {
  const raw = {
    partner: { name: a.partnerName ?? '', type: a.partnerType ?? '' },
    priority: a.priority === undefined ? '' : a.priority,
    intensity: a.intensity ?? '',
    budget: a.budget ?? 0,
    months: a.months ?? 0,
    direction: a.direction ?? '',
    requester: { id: ctx.person.id, role: requesterRole(ctx).role.id },
    confidential: a.confidential ?? false,
    ...(a.description ? { description: a.description } : {}),
  };
  const parsed = parseProposal(raw, ctx.strategy);
  if (parsed.ok) return parsed;
  const step = parsed.issues.map((i) => stepOfPath(i.path)).find((s): s is QuestionStep => s !== null);
  return step ? { ...parsed, step } : parsed;
}

function stepOfPath(path: string): QuestionStep | null {
  if (path.startsWith('partner.name')) return 'partner';
  if (path.startsWith('partner')) return 'partnerType';
  const head = path.split('.')[0] ?? '';
  return (QUESTION_STEPS as readonly string[]).includes(head) ? (head as QuestionStep) : null;
}
