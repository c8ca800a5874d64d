// One question of the guided check as blocks: progress, the question, what the person's mandate
// allows, the options, the answer so far, and the way back or out.
import { formatMoney, formatMonths } from '../domain/i18n/format.js';
import { textsOf } from '../domain/texts/catalogue.js';
import { answerValue } from './answer-values.js';
import { buttons, context, text } from './build-view.js';
import { type CheckContext, requesterRole } from './check-context.js';
import { type CheckAnswers, QUESTION_STEPS, type QuestionStep } from './check-steps.js';
import { CONTROL_VALUE } from './dialog-words.js';
import { fold } from './fold.js';
import type { StepOption } from './step-options.js';
import { stepOptions } from './step-options.js';
import { keywordWeight } from './understanding/match-option.js';
import { wordsOf } from './understanding/tokens.js';
import type { Block, Button } from './view.js';

export function questionBlocks(ctx: CheckContext, step: QuestionStep, answers: CheckAnswers): Block[] {
  const t = textsOf(ctx.locale).conversation;
  const index = QUESTION_STEPS.indexOf(step);
  const partner = answers.partnerName ?? '';
  const questions: Record<QuestionStep, string> = {
    ...t.question,
    partnerType: t.question.partnerType(partner),
    confidential: t.question.confidential(partner),
  };
  const blocks: Block[] = [
    context(t.progress(index + 1, QUESTION_STEPS.length)),
    text(questions[step], true),
  ];

  const { role } = requesterRole(ctx);
  if (step === 'budget' && Number.isFinite(role.maxBudgetLimit)) {
    blocks.push(
      context(t.mandateBudget(formatMoney(role.maxBudgetLimit, ctx.strategy.currency, ctx.locale))),
    );
  }
  if (step === 'months' && Number.isFinite(role.maxMonthsLimit)) {
    blocks.push(context(t.mandateMonths(formatMonths(role.maxMonthsLimit, ctx.locale))));
  }

  const options = stepOptions(ctx, step, answers);
  // "Gemeente Leiden" sounds like a government body: offered as a hint, never filled in, because
  // the type decides whether a partner is excluded or conditional.
  const suggested = step === 'partnerType' && options ? typeSuggestedByName(partner, options) : null;
  if (suggested) blocks.push(context(t.typeFromName(partner, lowerFirst(suggested.label))));
  if (options) {
    const selected = selectedOption(step, answers);
    blocks.push({
      type: 'choices',
      id: step,
      options: options.map((o) => ({
        id: o.id,
        label: o.label,
        ...(o.description ? { description: o.description } : {}),
        action: { type: 'dialog', step, value: o.id },
      })),
      ...(selected ? { selected } : {}),
    });
  }
  const current = answerValue(ctx, step, answers);
  if (current !== null) blocks.push(context(t.currentAnswer(current)));

  blocks.push(buttons(controlButtons(ctx, step)));
  blocks.push(context(t.controlsHint));
  return blocks;
}

export function controlButtons(ctx: Pick<CheckContext, 'locale'>, step: QuestionStep | 'confirm'): Button[] {
  const t = textsOf(ctx.locale).conversation;
  const out: Button[] = [];
  if (step !== 'partner') {
    out.push({
      id: 'back',
      label: t.backButton,
      style: 'default',
      action: { type: 'dialog', value: CONTROL_VALUE.back },
    });
  }
  // The first question offers the whole check as one form instead (a modal in Slack, a card in Teams).
  if (step === 'partner')
    out.push({
      id: 'form',
      label: t.formButton,
      style: 'default',
      action: { type: 'start_check', form: true },
    });
  out.push({
    id: 'cancel',
    label: t.cancelButton,
    style: 'danger',
    action: { type: 'dialog', value: CONTROL_VALUE.cancel },
  });
  return out;
}

function selectedOption(step: QuestionStep, a: CheckAnswers): string | undefined {
  switch (step) {
    case 'partnerType':
      return a.partnerType;
    case 'priority':
      return a.priority === undefined ? undefined : (a.priority ?? CONTROL_VALUE.none);
    case 'intensity':
      return a.intensity;
    case 'direction':
      return a.direction;
    case 'confidential':
      return a.confidential === undefined ? undefined : a.confidential ? 'yes' : 'no';
    default:
      return undefined;
  }
}

/** The one partner type whose keywords the partner's name holds ("Gemeente …", "… B.V."). */
function typeSuggestedByName(partner: string, options: ReadonlyArray<StepOption>): StepOption | null {
  const words = wordsOf(fold(partner).replace(/\.(?=\p{L}|$)/gu, ''));
  if (words.length === 0) return null;
  const hits = options.filter(
    (o) =>
      keywordWeight(
        words,
        (o.keywords ?? []).map((k) => wordsOf(fold(k))),
      ) >= 1,
  );
  return hits.length === 1 ? (hits[0] as StepOption) : null;
}

/** "Overheid" → "overheid", but "GGD" stays "GGD". */
function lowerFirst(name: string): string {
  const [first = ''] = name.split(/\s+/u);
  return first.length > 1 && first === first.toUpperCase()
    ? name
    : name.charAt(0).toLowerCase() + name.slice(1);
}
