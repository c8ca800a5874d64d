// The options of the single-choice questions, from the strategy, in the person's language (and
// matchable in both).
import { DIRECTIONS } from '../domain/check/proposal.js';
import { formatList, formatMoney } from '../domain/i18n/format.js';
import { localize } from '../domain/strategy/compile-strategy.js';
import type { CheckContext } from './check-context.js';
import type { CheckAnswers, QuestionStep } from './check-steps.js';
import type { MatchableOption } from './choice-match.js';
import { CONTROL_VALUE } from './dialog-words.js';
import { namesOf } from './match-strategy.js';
import { en } from './texts/en.js';
import { textsFor } from './texts/index.js';
import { nl } from './texts/nl.js';

export interface StepOption extends MatchableOption {
  label: string;
  description?: string;
}

type OptionContext = Pick<CheckContext, 'strategy' | 'locale'>;

const NONE_WORDS = [
  'geen',
  'none',
  'geen van deze',
  'none of these',
  'verkenning',
  'exploration',
  'nee',
  'no',
  'anders',
  'other',
];
const DIRECTION_WORDS: Record<string, string[]> = {
  we_need: ['wij hen', 'we them', 'wij', 'we', 'wij hebben hen nodig', 'we need them', 'we_need'],
  they_need: ['zij ons', 'they us', 'zij', 'they', 'zij hebben ons nodig', 'they need us', 'they_need'],
  shared: ['gedeeld', 'samen', 'gedeelde opgave', 'shared', 'together', 'shared task', 'beide', 'both'],
};

function option(id: string, label: string, names: string[], description?: string): StepOption {
  return description ? { id, label, names, description } : { id, label, names };
}

export function stepOptions(
  ctx: OptionContext,
  step: QuestionStep,
  answers: CheckAnswers,
): StepOption[] | null {
  const { strategy, locale } = ctx;
  const t = textsFor(locale);
  switch (step) {
    case 'partnerType':
      return strategy.file.partnerTypes.map((p) =>
        option(
          p.id,
          localize(p.name, locale),
          namesOf(p.name),
          p.policy === 'allowed' ? undefined : localize(p.reason, locale) || undefined,
        ),
      );
    case 'priority':
      return [
        ...strategy.file.priorities.map((p) =>
          option(
            p.id,
            localize(p.name, locale),
            namesOf(p.name),
            localize(p.description, locale) || undefined,
          ),
        ),
        option(CONTROL_VALUE.none, t.noneOfThese, NONE_WORDS, explorationNote(ctx)),
      ];
    case 'intensity':
      return strategy.intensityList.map((x) =>
        option(x.id, localize(x.name, locale), namesOf(x.name), localize(x.description, locale) || undefined),
      );
    case 'direction': {
      const p = answers.priority ? strategy.priorities.get(answers.priority) : undefined;
      const list = (xs: string[] | undefined) => (xs && xs.length > 0 ? formatList(xs, locale) : null);
      const described = {
        we_need: t.directionDescription.we_need(list(p?.weNeed)),
        they_need: t.directionDescription.they_need(list(p?.weOffer)),
        shared: t.directionDescription.shared,
      };
      return DIRECTIONS.map((d) =>
        option(
          d,
          t.direction[d],
          [nl.direction[d], en.direction[d], ...(DIRECTION_WORDS[d] ?? [])],
          described[d],
        ),
      );
    }
    case 'confidential':
      return [
        option('no', t.confidentialNo, [
          'nee',
          'no',
          'n',
          'niet',
          'neen',
          'standaard',
          'default',
          'overslaan',
          'skip',
        ]),
        option('yes', t.confidentialYes, ['ja', 'yes', 'j', 'y', 'vertrouwelijk', 'confidential']),
      ];
    default:
      return null;
  }
}

/** What "none of these" means under this strategy: the exploration allowance, or none. */
export function explorationNote(ctx: OptionContext): string {
  const t = textsFor(ctx.locale);
  const ex = ctx.strategy.exploration;
  if (!ex) return t.noExploration;
  const intensity =
    localize(ctx.strategy.intensities.get(ex.maxIntensity)?.name, ctx.locale) || ex.maxIntensity;
  return t.explorationRoom(
    intensity.toLowerCase(),
    formatMoney(ex.maxBudget, ctx.strategy.currency, ctx.locale),
    ex.maxActive,
  );
}
