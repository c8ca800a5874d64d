// One typed answer to one question of the guided check: understood (what it sets, and what was
// read into it, said back so nothing is stored silently wrong), or not (what was expected, and the
// closest options to pick from).

import { PartnerNameSchema } from '../domain/check/proposal.js';
import { formatList, formatMoney, formatMonths } from '../domain/i18n/format.js';
import { localize } from '../domain/strategy/compile-strategy.js';
import { textsOf } from '../domain/texts/catalogue.js';
import { text } from './build-view.js';
import type { CheckContext } from './check-context.js';
import type { CheckAnswers, QuestionStep } from './check-steps.js';
import { CONTROL_VALUE } from './dialog-words.js';
import { existingNotes } from './existing-notes.js';
import { stepOptions } from './step-options.js';
import { matchOption } from './understanding/match-option.js';
import { parseAmount } from './understanding/parse-amount.js';
import { parseDuration } from './understanding/parse-duration.js';
import { readPartnerAnswer } from './understanding/partner-name.js';
import { readYesNo } from './understanding/yes-no.js';
import type { TextBlock } from './view.js';

/** An option offered after an answer that was not understood or could mean several. */
export interface OfferedChoice {
  /** What picking it sends as the answer to this step (an option id, or `~partner:N`). */
  value: string;
  label: string;
}

export type StepAnswer =
  | { ok: true; patch: CheckAnswers; notes: TextBlock[] }
  | {
      ok: false;
      problem: string;
      /** Choices to offer with the problem ("did you mean", "which one"). */
      choices?: OfferedChoice[];
      /** Partner names the person may mean; `~partner:N` picks one. */
      partnerChoices?: string[];
    };

export const PARTNER_CHOICE_PREFIX = '~partner:';
const MAX_ECHO = 80;
const CONFIDENTIAL_YES = ['vertrouwelijk', 'confidential', 'geheim', 'secret', 'anoniem', 'anonymous'];
const CONFIDENTIAL_NO = ['openbaar', 'public', 'standaard', 'default', 'overslaan', 'skip'];

export function answerStep(
  ctx: CheckContext,
  step: QuestionStep,
  input: string,
  answers: CheckAnswers,
  /** `whole`: a partner name picked from offered choices, taken as it is. */
  how: { whole?: boolean } = {},
): StepAnswer {
  const t = textsOf(ctx.locale).conversation;
  const echo = input.trim().length > MAX_ECHO ? `${input.trim().slice(0, MAX_ECHO)}…` : input.trim();
  const example = formatMoney(12500, ctx.strategy.currency, ctx.locale);
  const expected = step === 'budget' ? t.expected.budget(example) : t.expected[step];
  const notUnderstood = (detail?: string): StepAnswer => ({
    ok: false,
    problem: t.didNotUnderstand(echo, detail ? `${detail} ${expected}` : expected),
  });

  switch (step) {
    case 'partner': {
      const read = how.whole
        ? { name: input.trim(), trimmed: false }
        : readPartnerAnswer(input, (name) => ctx.knownPartner?.(name) ?? false);
      if ('choices' in read && read.choices) {
        return { ok: false, problem: t.partnerWhich(read.name), partnerChoices: read.choices };
      }
      const parsed = PartnerNameSchema.safeParse(read.name);
      if (!parsed.success) return notUnderstood();
      const notes = read.trimmed ? [text(t.readAs(parsed.data))] : [];
      return {
        ok: true,
        patch: { partnerName: parsed.data },
        notes: [...notes, ...existingNotes(ctx, parsed.data)],
      };
    }
    case 'budget': {
      const n = parseAmount(input);
      if (n.ok) {
        const said = n.inferred
          ? [text(t.readAs(formatMoney(n.value, ctx.strategy.currency, ctx.locale)))]
          : [];
        return { ok: true, patch: { budget: n.value }, notes: said };
      }
      if (n.reason === 'ambiguous') return { ok: false, problem: t.amountAmbiguous(echo, example) };
      if (n.reason === 'negative') return notUnderstood(t.negativeNumber);
      if (n.reason === 'too_large') return notUnderstood(t.tooLarge);
      return notUnderstood();
    }
    case 'months': {
      const n = parseDuration(input);
      if (n.ok) {
        const months = formatMonths(n.months, ctx.locale);
        const said =
          n.inferred === 'rounded' ? [text(t.roundedUp(months))] : n.inferred ? [text(t.readAs(months))] : [];
        return { ok: true, patch: { months: n.months }, notes: said };
      }
      if (n.reason === 'ambiguous') return { ok: false, problem: t.monthsAmbiguous(echo) };
      if (n.reason === 'negative') return notUnderstood(t.negativeNumber);
      if (n.reason === 'too_large') return notUnderstood(t.tooLarge);
      return notUnderstood();
    }
    case 'confidential': {
      const yes = readYesNo(input, { yes: CONFIDENTIAL_YES, no: CONFIDENTIAL_NO });
      if (yes !== null) {
        const literal = /^(?:ja|nee|yes|no|j|n|y)$/iu.test(input.trim().replace(/[.!]+$/u, ''));
        const value = yes ? t.confidentialYes : t.confidentialNo;
        return { ok: true, patch: { confidential: yes }, notes: literal ? [] : [text(t.readAs(value))] };
      }
      // Neither yes nor no (or both): only a button's number or the option's own words count.
      const options = stepOptions(ctx, step, answers) ?? [];
      const matched = matchOption(input, options, { numbered: true });
      if (matched.kind === 'match' && matched.literal) return pickedAnswer(ctx, step, matched.id);
      return notUnderstood();
    }
    default:
      break;
  }

  const options = stepOptions(ctx, step, answers) ?? [];
  const label = (id: string) => options.find((o) => o.id === id)?.label ?? id;
  const matched = matchOption(input, options, { numbered: true });
  if (matched.kind === 'match') {
    const picked = pickedAnswer(ctx, step, matched.id);
    if (picked.ok && !matched.literal) picked.notes.unshift(text(t.readAs(label(matched.id))));
    return picked;
  }
  if (matched.kind === 'ambiguous') {
    return {
      ok: false,
      problem: t.whichOne(formatList(matched.ids.map(label), ctx.locale, 'disjunction')),
      choices: matched.ids.map((id) => ({ value: id, label: label(id) })),
    };
  }
  const answer = notUnderstood();
  if (matched.closest.length > 0 && !answer.ok) {
    return { ...answer, choices: matched.closest.map((id) => ({ value: id, label: label(id) })) };
  }
  return answer;
}

/** A picked option (by button, number, id or name) as an answer. */
export function pickedAnswer(
  ctx: CheckContext,
  step: QuestionStep,
  picked: string,
): StepAnswer & { ok: boolean } {
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
      return { ok: false, problem: textsOf(ctx.locale).conversation.answerAgain };
  }
}

/** A conditional or excluded partner type explained in the strategy's words, when picked. */
function typeNotes(ctx: CheckContext, typeId: string): TextBlock[] {
  const type = ctx.strategy.partnerTypes.get(typeId);
  if (!type || type.policy === 'allowed') return [];
  const t = textsOf(ctx.locale).conversation;
  const name = localize(type.name, ctx.locale);
  const reason = localize(type.reason, ctx.locale) || null;
  const org = ctx.strategy.file.organisation.name;
  const note =
    type.policy === 'excluded' ? t.typeExcluded(name, org, reason) : t.typeConditional(name, org, reason);
  return [text(note, true)];
}
