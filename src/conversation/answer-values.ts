// An answer as the person reads it back: names instead of ids, formatted amounts.
import { formatMoney, formatMonths } from '../domain/i18n/format.js';
import { localize } from '../domain/strategy/compile-strategy.js';
import { textsOf } from '../domain/texts/catalogue.js';
import type { CheckContext } from './check-context.js';
import type { CheckAnswers, QuestionStep } from './check-steps.js';

type ValueContext = Pick<CheckContext, 'strategy' | 'locale'>;

export function answerValue(ctx: ValueContext, step: QuestionStep, a: CheckAnswers): string | null {
  const { strategy, locale } = ctx;
  const t = textsOf(locale).conversation;
  switch (step) {
    case 'partner':
      return a.partnerName ?? null;
    case 'partnerType':
      return a.partnerType === undefined
        ? null
        : localize(strategy.partnerTypes.get(a.partnerType)?.name, locale) || a.partnerType;
    case 'priority':
      if (a.priority === undefined) return null;
      return a.priority === null
        ? t.explorationValue
        : localize(strategy.priorities.get(a.priority)?.name, locale) || a.priority;
    case 'intensity':
      return a.intensity === undefined
        ? null
        : localize(strategy.intensities.get(a.intensity)?.name, locale) || a.intensity;
    case 'budget':
      return a.budget === undefined ? null : formatMoney(a.budget, strategy.currency, locale);
    case 'months':
      return a.months === undefined ? null : formatMonths(a.months, locale);
    case 'direction':
      return a.direction === undefined ? null : t.direction[a.direction];
    case 'confidential':
      return a.confidential === undefined ? null : a.confidential ? t.yes : t.no;
  }
}

/** The label of an answer (the same words as the summary's facts). */
export function answerLabel(locale: ValueContext['locale'], step: QuestionStep): string {
  const f = textsOf(locale).conversation.fact;
  const labels: Record<QuestionStep, string> = {
    partner: f.partner,
    partnerType: f.partnerType,
    priority: f.priority,
    intensity: f.intensity,
    budget: f.budget,
    months: f.duration,
    direction: f.direction,
    confidential: f.confidential,
  };
  return labels[step];
}
