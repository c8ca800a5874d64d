// One answer to one question of the guided check: understood (what it sets, and anything worth
// saying about it), or not (what was expected).
import { PartnerNameSchema } from '../domain/check/proposal.js';
import { formatList, formatMoney } from '../domain/i18n/format.js';
import { localize } from '../domain/strategy/compile-strategy.js';
import { text } from './build-view.js';
import type { CheckContext } from './check-context.js';
import type { CheckAnswers, QuestionStep } from './check-steps.js';
import { matchChoice } from './choice-match.js';
import { CONTROL_VALUE } from './dialog-words.js';
import { existingNotes } from './existing-notes.js';
import { matchPriorities } from './match-strategy.js';
import { type NumberAnswer, parseAmountAnswer, parseMonthsAnswer } from './parse-number.js';
import { stepOptions } from './step-options.js';
import { textsFor } from './texts/index.js';
import type { TextBlock } from './view.js';

export type StepAnswer =
  | { ok: true; patch: CheckAnswers; notes: TextBlock[] }
  | { ok: false; problem: string };

const MAX_ECHO = 80;

export function answerStep(
  ctx: CheckContext,
  step: QuestionStep,
  input: string,
  answers: CheckAnswers,
): StepAnswer {
  const t = textsFor(ctx.locale);
  const echo = input.trim().length > MAX_ECHO ? `${input.trim().slice(0, MAX_ECHO)}…` : input.trim();
  const expected =
    step === 'budget'
      ? t.expected.budget(formatMoney(12500, ctx.strategy.currency, ctx.locale))
      : t.expected[step];
  const notUnderstood = (detail?: string): StepAnswer => ({
    ok: false,
    problem: t.didNotUnderstand(echo, detail ? `${detail} ${expected}` : expected),
  });

  switch (step) {
    case 'partner': {
      const parsed = PartnerNameSchema.safeParse(input);
      if (!parsed.success) return notUnderstood();
      return { ok: true, patch: { partnerName: parsed.data }, notes: existingNotes(ctx, parsed.data) };
    }
    case 'budget':
      return numberAnswer(parseAmountAnswer(input), (budget) => ({ budget }), notUnderstood, t);
    case 'months':
      return numberAnswer(parseMonthsAnswer(input), (months) => ({ months }), notUnderstood, t);
    default:
      break;
  }

  const options = stepOptions(ctx, step, answers) ?? [];
  const picked = matchChoice(input, options);
  if (picked === null && step === 'priority') {
    const found = matchPriorities(ctx.strategy, input);
    const name = (id: string) => localize(ctx.strategy.priorities.get(id)?.name, ctx.locale) || id;
    if (found.length === 1) {
      const id = found[0] as string;
      return { ok: true, patch: { priority: id }, notes: [text(t.priorityTaken(name(id)))] };
    }
    if (found.length > 1) {
      return {
        ok: false,
        problem: t.priorityAmbiguous(formatList(found.map(name), ctx.locale, 'disjunction')),
      };
    }
  }
  if (picked === null) return notUnderstood();
  return pickedAnswer(ctx, step, picked);
}

/** A picked option (by button, number, id or name) as an answer. */
export function pickedAnswer(ctx: CheckContext, step: QuestionStep, picked: string): StepAnswer {
  switch (step) {
    case 'partnerType':
      return { ok: true, patch: { partnerType: picked }, notes: typeNotes(ctx, picked) };
    case 'priority':
      return { ok: true, patch: { priority: picked === CONTROL_VALUE.none ? null : picked }, notes: [] };
    case 'intensity':
      return { ok: true, patch: { intensity: picked }, notes: [] };
    case 'direction':
      return { ok: true, patch: { direction: picked as NonNullable<CheckAnswers['direction']> }, notes: [] };
    case 'confidential':
      return { ok: true, patch: { confidential: picked === 'yes' }, notes: [] };
    default:
      return { ok: false, problem: textsFor(ctx.locale).answerAgain };
  }
}

/** A conditional or excluded partner type explained in the strategy's words, when picked. */
function typeNotes(ctx: CheckContext, typeId: string): TextBlock[] {
  const type = ctx.strategy.partnerTypes.get(typeId);
  if (!type || type.policy === 'allowed') return [];
  const t = textsFor(ctx.locale);
  const name = localize(type.name, ctx.locale);
  const reason = localize(type.reason, ctx.locale) || null;
  const org = ctx.strategy.file.organisation.name;
  const note =
    type.policy === 'excluded' ? t.typeExcluded(name, org, reason) : t.typeConditional(name, org, reason);
  return [text(note, true)];
}

function numberAnswer(
  n: NumberAnswer,
  patch: (value: number) => CheckAnswers,
  notUnderstood: (detail?: string) => StepAnswer,
  t: ReturnType<typeof textsFor>,
): StepAnswer {
  if (n.ok) return { ok: true, patch: patch(n.value), notes: [] };
  if (n.reason === 'negative') return notUnderstood(t.negativeNumber);
  if (n.reason === 'too_large') return notUnderstood(t.tooLarge);
  return notUnderstood();
}
