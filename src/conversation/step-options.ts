// The options of the single-choice questions, from the strategy, in the person's language, with
// everything that helps read a typed answer (names in both languages, keywords, descriptions).
import { DIRECTIONS } from '../domain/check/proposal.js';
import { formatList, formatMoney } from '../domain/i18n/format.js';
import { localize } from '../domain/strategy/compile-strategy.js';
import type { LocalizedText } from '../domain/strategy/strategy-schema.js';
import { textsOf } from '../domain/texts/catalogue.js';
import type { CheckContext } from './check-context.js';
import type { CheckAnswers, QuestionStep } from './check-steps.js';
import { CONTROL_VALUE } from './dialog-words.js';
import { intensityConceptWords, partnerTypeConceptWords } from './understanding/concept-words.js';
import type { OptionTerms } from './understanding/match-option.js';

export interface StepOption extends OptionTerms {
  label: string;
  description?: string;
}

type OptionContext = Pick<CheckContext, 'strategy' | 'locale'>;

/** Both languages of a strategy text (or the one it has). */
export function namesOf(text: LocalizedText | undefined): string[] {
  if (text === undefined) return [];
  if (typeof text === 'string') return [text];
  return [text.nl, text.en].filter((s): s is string => s !== undefined);
}

const NONE_WORDS = [
  'geen',
  'none',
  'geen van deze',
  'none of these',
  'geen prioriteit',
  'no priority',
  'verkenning',
  'exploration',
  'verkennen',
  'explore',
  'nee',
  'no',
  'anders',
  'other',
  'past nergens',
  'nothing fits',
];
const DIRECTION_WORDS: Record<string, { names: string[]; keywords: string[] }> = {
  we_need: {
    names: ['wij hen', 'we them', 'wij hebben hen nodig', 'we hebben hen nodig', 'we need them', 'we_need'],
    keywords: [
      'wij hebben hun',
      'we hebben hun',
      'wij hebben hen',
      'we hebben hen',
      'we need their',
      'we need them',
      'wij zoeken',
      'we zoeken',
      'we need',
      'hebben wij nodig',
      'hebben we nodig',
      'wij hebben nodig',
      'hun kennis',
      'their expertise',
    ],
  },
  they_need: {
    names: ['zij ons', 'they us', 'zij hebben ons nodig', 'ze hebben ons nodig', 'they need us', 'they_need'],
    keywords: [
      'zij hebben onze',
      'ze hebben onze',
      'zij hebben ons',
      'ze hebben ons',
      'they need our',
      'they need us',
      'they need',
      'zij zoeken',
      'ze zoeken',
      'hun vraag',
      'hebben ons nodig',
      'hebben onze',
      'onze data',
      'our data',
    ],
  },
  shared: {
    names: ['gedeeld', 'samen', 'gedeelde opgave', 'shared', 'together', 'shared task', 'beide', 'both'],
    keywords: [
      'samen',
      'wederzijds',
      'mutual',
      'elkaar',
      'each other',
      'allebei',
      'gezamenlijk',
      'joint',
      'samen oppakken',
      'both ways',
      'gedeelde',
      'shared',
      'both',
    ],
  },
};

function option(id: string, label: string, terms: Omit<OptionTerms, 'id'>, description?: string): StepOption {
  return description ? { id, label, ...terms, description } : { id, label, ...terms };
}

export function stepOptions(
  ctx: OptionContext,
  step: QuestionStep,
  answers: CheckAnswers,
): StepOption[] | null {
  const { strategy, locale } = ctx;
  const t = textsOf(locale).conversation;
  switch (step) {
    case 'partnerType':
      return strategy.file.partnerTypes.map((p) =>
        option(
          p.id,
          localize(p.name, locale),
          {
            names: namesOf(p.name),
            keywords: [...p.keywords, ...partnerTypeConceptWords(p.id, namesOf(p.name))],
            descriptions: namesOf(p.reason),
          },
          p.policy === 'allowed' ? undefined : localize(p.reason, locale) || undefined,
        ),
      );
    case 'priority':
      return [
        ...strategy.file.priorities.map((p) =>
          option(
            p.id,
            localize(p.name, locale),
            { names: namesOf(p.name), keywords: p.keywords, descriptions: namesOf(p.description) },
            localize(p.description, locale) || undefined,
          ),
        ),
        option(CONTROL_VALUE.none, t.noneOfThese, { names: NONE_WORDS }, explorationNote(ctx)),
      ];
    case 'intensity':
      return strategy.intensityList.map((x) =>
        option(
          x.id,
          localize(x.name, locale),
          {
            names: namesOf(x.name),
            keywords: [...x.keywords, ...intensityConceptWords(x.id, namesOf(x.name))],
            descriptions: namesOf(x.description),
          },
          localize(x.description, locale) || undefined,
        ),
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
          {
            names: [
              textsOf('nl').conversation.direction[d],
              textsOf('en').conversation.direction[d],
              ...(DIRECTION_WORDS[d]?.names ?? []),
            ],
            keywords: DIRECTION_WORDS[d]?.keywords ?? [],
          },
          described[d],
        ),
      );
    }
    case 'confidential':
      return [
        option('no', t.confidentialNo, {
          names: [
            'nee',
            'no',
            'n',
            'niet',
            'neen',
            'standaard',
            'default',
            'overslaan',
            'skip',
            'openbaar',
            'public',
          ],
        }),
        option('yes', t.confidentialYes, {
          names: ['ja', 'yes', 'j', 'y', 'vertrouwelijk', 'confidential', 'geheim', 'secret'],
        }),
      ];
    default:
      return null;
  }
}

/** What "none of these" means under this strategy: the exploration allowance, or none. */
export function explorationNote(ctx: OptionContext): string {
  const t = textsOf(ctx.locale).conversation;
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
