// The words of a check, in Dutch and English. Every reason says what the limit is and whose it
// is, in the strategy's own names, so a person can see the frame and challenge it.
import { formatList, formatMoney, formatMonths, inRunningText, roleInRunningText } from '../i18n/format.js';
import type { CompiledRole, Strategy } from '../strategy/compile-strategy.js';
import { localize, roleName } from '../strategy/compile-strategy.js';
import type { Locale } from '../strategy/strategy-schema.js';
import type { ExplorationShortfall } from './evaluate-proposal.js';

export interface TextContext {
  strategy: Strategy;
  locale: Locale;
  /**
   * Whose mandate the reasons speak of when the reader is not the requester (an approver, a
   * channel): their name. Absent: the requester reads it ("uw mandaat").
   */
  whose?: string;
}

/** "uw mandaat als Medewerker", or "het mandaat van Anna de Vries als Medewerker" for another reader. */
const mandateOf = (c: TextContext, r: CompiledRole) =>
  c.locale === 'nl'
    ? c.whose
      ? `het mandaat van ${c.whose} als ${role(c, r)}`
      : `uw mandaat als ${role(c, r)}`
    : c.whose
      ? `the mandate of ${c.whose} as ${role(c, r)}`
      : `your mandate as ${role(c, r)}`;

export const money = (c: TextContext, amount: number) => formatMoney(amount, c.strategy.currency, c.locale);
export const months = (c: TextContext, n: number) => formatMonths(n, c.locale);
export const role = (c: TextContext, r: CompiledRole) => roleName(r, c.locale);
export const intensityName = (c: TextContext, id: string) =>
  localize(c.strategy.intensities.get(id)?.name, c.locale) || id;
export const intensityAt = (c: TextContext, rank: number) => {
  const x = c.strategy.intensityList[rank];
  return x ? localize(x.name, c.locale) : '';
};
export const priorityName = (c: TextContext, id: string) =>
  localize(c.strategy.priorities.get(id)?.name, c.locale) || id;
export const typeName = (c: TextContext, id: string) =>
  localize(c.strategy.partnerTypes.get(id)?.name, c.locale) || id;
const org = (c: TextContext) => c.strategy.file.organisation.name;
/** The type's reason after its name: in parentheses, or after a colon when it has its own. */
const typeReason = (c: TextContext, id: string) => {
  const r = localize(c.strategy.partnerTypes.get(id)?.reason, c.locale);
  if (r === '') return '';
  return /[()]/u.test(r) ? `: ${r}` : ` (${r})`;
};
const typeInText = (c: TextContext, id: string) => inRunningText(typeName(c, id));

function limitsOf(c: TextContext, r: CompiledRole): string {
  const parts: string[] = [];
  const nl = c.locale === 'nl';
  if (Number.isFinite(r.maxIntensityRank))
    parts.push(`${nl ? 'intensiteit tot' : 'intensity up to'} ${intensityAt(c, r.maxIntensityRank)}`);
  if (Number.isFinite(r.maxBudgetLimit))
    parts.push(`${nl ? 'budget tot' : 'budget up to'} ${money(c, r.maxBudgetLimit)}`);
  if (Number.isFinite(r.maxMonthsLimit))
    parts.push(`${nl ? 'looptijd tot' : 'duration up to'} ${months(c, r.maxMonthsLimit)}`);
  if (r.allowedPriorities !== null) {
    const names = [...r.allowedPriorities].map((p) => priorityName(c, p));
    parts.push(
      names.length === 0
        ? nl
          ? 'geen prioriteiten'
          : 'no priorities'
        : `${nl ? 'prioriteiten' : 'priorities'} ${formatList(names, c.locale)}`,
    );
  }
  return parts.length === 0 ? (nl ? 'zonder grenzen' : 'without limits') : formatList(parts, c.locale);
}

export const reasonText = {
  partner_type_excluded: (c: TextContext, type: string) =>
    c.locale === 'nl'
      ? `De samenwerkingsstrategie van ${org(c)} sluit samenwerking met een ${typeInText(c, type)} uit${typeReason(c, type)}.`
      : `${org(c)}'s collaboration strategy excludes working with a ${typeInText(c, type)}${typeReason(c, type)}.`,

  beyond_all_mandates: (c: TextContext, line: ReadonlyArray<CompiledRole>, top: CompiledRole) => {
    const steps = line.map((r) => role(c, r)).join(' → ');
    return c.locale === 'nl'
      ? `Dit voorstel past in geen enkel mandaat op de besluitvormingslijn (${steps}); ook het ruimste, van ${role(c, top)}, gaat niet verder dan ${limitsOf(c, top)}.`
      : `This proposal fits no mandate on the decision line (${steps}); even the widest, that of ${role(c, top)}, goes no further than ${limitsOf(c, top)}.`;
  },

  exploration_exhausted: (
    c: TextContext,
    shortfalls: ReadonlyArray<ExplorationShortfall>,
    active: number,
    intensity: string,
    budget: number,
  ) => {
    const ex = c.strategy.exploration;
    const nl = c.locale === 'nl';
    const parts: string[] = [];
    for (const s of shortfalls) {
      if (s === 'no_allowance' || !ex) {
        parts.push(
          nl
            ? `Dit voorstel valt onder geen van de prioriteiten, en de samenwerkingsstrategie van ${org(c)} biedt geen speelruimte voor verkenning.`
            : `This proposal falls under none of the priorities, and ${org(c)}'s collaboration strategy has no allowance for exploration.`,
        );
      } else if (s === 'full') {
        parts.push(
          nl
            ? `De speelruimte voor verkenning is vol: er lopen al ${active} verkennende samenwerkingen, de strategie staat er ${ex.maxActive} tegelijk toe.`
            : `The exploration allowance is used up: ${active} exploratory relationships are active, and the strategy allows ${ex.maxActive} at a time.`,
        );
      } else if (s === 'intensity') {
        parts.push(
          nl
            ? `Verkenning buiten de prioriteiten gaat volgens de strategie tot ${intensityName(c, ex.maxIntensity)}; dit voorstel is een ${inRunningText(intensityName(c, intensity))}.`
            : `Exploration outside the priorities goes up to ${intensityName(c, ex.maxIntensity)} in the strategy; this proposal is a ${inRunningText(intensityName(c, intensity))}.`,
        );
      } else {
        parts.push(
          nl
            ? `Het budget (${money(c, budget)}) is hoger dan de speelruimte voor verkenning (${money(c, ex.maxBudget)}).`
            : `The budget (${money(c, budget)}) is above the exploration allowance (${money(c, ex.maxBudget)}).`,
        );
      }
    }
    return parts.join(' ');
  },

  partner_type_conditional: (c: TextContext, type: string, decider: CompiledRole) =>
    c.locale === 'nl'
      ? `Met een ${typeInText(c, type)} werkt ${org(c)} alleen onder voorwaarden samen${typeReason(c, type)}; daarover beslist ${roleInRunningText(role(c, decider), 'nl')}.`
      : `${org(c)} works with a ${typeInText(c, type)} only on conditions${typeReason(c, type)}; ${roleInRunningText(role(c, decider), 'en')} decides on that.`,

  intensity_over_mandate: (c: TextContext, intensity: string, r: CompiledRole) =>
    c.locale === 'nl'
      ? `De intensiteit (${intensityName(c, intensity)}) gaat verder dan ${mandateOf(c, r)} (tot ${intensityAt(c, r.maxIntensityRank)}).`
      : `The intensity (${intensityName(c, intensity)}) goes beyond ${mandateOf(c, r)} (up to ${intensityAt(c, r.maxIntensityRank)}).`,

  budget_over_mandate: (c: TextContext, budget: number, r: CompiledRole) =>
    c.locale === 'nl'
      ? `Het budget (${money(c, budget)}) is hoger dan ${mandateOf(c, r)} (${money(c, r.maxBudgetLimit)}).`
      : `The budget (${money(c, budget)}) is above ${mandateOf(c, r)} (${money(c, r.maxBudgetLimit)}).`,

  duration_over_mandate: (c: TextContext, n: number, r: CompiledRole) =>
    c.locale === 'nl'
      ? `De looptijd (${months(c, n)}) is langer dan ${mandateOf(c, r)} (${months(c, r.maxMonthsLimit)}).`
      : `The duration (${months(c, n)}) is longer than ${mandateOf(c, r)} (${months(c, r.maxMonthsLimit)}).`,

  priority_not_in_mandate: (c: TextContext, priority: string, r: CompiledRole) => {
    const allowed = [...(r.allowedPriorities ?? [])].map((p) => priorityName(c, p));
    const nl = c.locale === 'nl';
    const scope =
      allowed.length === 0 ? (nl ? 'geen prioriteiten' : 'no priorities') : formatList(allowed, c.locale);
    return nl
      ? `De prioriteit ${priorityName(c, priority)} valt niet binnen ${mandateOf(c, r)} (dat omvat ${scope}).`
      : `The priority ${priorityName(c, priority)} is not within ${mandateOf(c, r)} (it covers ${scope}).`;
  },
};

export const noticeText = {
  partner_type_conditional: (c: TextContext, type: string, r: CompiledRole) =>
    c.locale === 'nl'
      ? `Met een ${typeInText(c, type)} werkt ${org(c)} alleen onder voorwaarden samen${typeReason(c, type)}; als ${role(c, r)} beslist u daar zelf over.`
      : `${org(c)} works with a ${typeInText(c, type)} only on conditions${typeReason(c, type)}; as ${role(c, r)} that decision is yours.`,

  exploration: (c: TextContext, activeAfter: number) => {
    const max = c.strategy.exploration?.maxActive ?? 0;
    return c.locale === 'nl'
      ? `Dit voorstel valt onder geen van de prioriteiten en telt als verkenning: daarmee worden ${activeAfter} van de ${max} plekken in de speelruimte gebruikt.`
      : `This proposal falls under none of the priorities and counts as exploration: it would use ${activeAfter} of the ${max} places in the allowance.`;
  },

  existing_relationship: (
    c: TextContext,
    owner: string,
    partner: string,
    priority: string | null,
    intensity: string | undefined,
  ) => {
    const nl = c.locale === 'nl';
    const what = [
      intensity ? intensityName(c, intensity) : null,
      priority ? priorityName(c, priority) : nl ? 'verkenning' : 'exploration',
    ].filter((x): x is string => x !== null);
    return nl
      ? `${owner} werkt al met ${partner} samen (${what.join(', ')}).`
      : `${owner} already works with ${partner} (${what.join(', ')}).`;
  },
};

export const suggestionText = {
  lower_budget: (c: TextContext, to: number, alone: boolean) =>
    c.locale === 'nl'
      ? `Met een budget van hoogstens ${money(c, to)} ${alone ? 'valt het binnen uw mandaat: dan beslist u zelf.' : 'blijft het budget binnen uw mandaat.'}`
      : `With a budget of at most ${money(c, to)} ${alone ? 'it is within your mandate: yours to decide.' : 'the budget stays within your mandate.'}`,
  shorten_duration: (c: TextContext, to: number, alone: boolean) =>
    c.locale === 'nl'
      ? `Met een looptijd van hoogstens ${months(c, to)} ${alone ? 'valt het binnen uw mandaat: dan beslist u zelf.' : 'blijft de looptijd binnen uw mandaat.'}`
      : `With a duration of at most ${months(c, to)} ${alone ? 'it is within your mandate: yours to decide.' : 'the duration stays within your mandate.'}`,
  lower_intensity: (c: TextContext, to: string, from: string, alone: boolean) =>
    c.locale === 'nl'
      ? `Als ${inRunningText(intensityName(c, to))} in plaats van ${inRunningText(intensityName(c, from))} ${alone ? 'is het aan u om te beslissen.' : 'blijft de intensiteit binnen uw mandaat.'}`
      : `As ${inRunningText(intensityName(c, to))} instead of ${inRunningText(intensityName(c, from))} ${alone ? 'it is yours to decide.' : 'the intensity stays within your mandate.'}`,
  choose_priority: (c: TextContext, ids: ReadonlyArray<string>, alone: boolean) => {
    const names = formatList(
      ids.map((p) => priorityName(c, p)),
      c.locale,
      'disjunction',
    );
    return c.locale === 'nl'
      ? `Onder een prioriteit binnen uw mandaat (${names}) ${alone ? 'beslist u zelf.' : 'valt het thema binnen uw mandaat.'}`
      : `Under a priority within your mandate (${names}) ${alone ? 'it is yours to decide.' : 'the theme is within your mandate.'}`;
  },
  link_priority: (c: TextContext, ids: ReadonlyArray<string>) => {
    const names = formatList(
      ids.map((p) => priorityName(c, p)),
      c.locale,
      'disjunction',
    );
    return c.locale === 'nl'
      ? `Draagt het bij aan ${names}? Kies dan die prioriteit: dan is geen speelruimte voor verkenning nodig.`
      : `Does it contribute to ${names}? Then choose that priority: no exploration allowance is needed.`;
  },
  combined: (c: TextContext) =>
    c.locale === 'nl'
      ? 'Met deze aanpassingen samen valt het binnen uw mandaat: dan beslist u zelf.'
      : 'With these changes together it is within your mandate: yours to decide.',
  request_exception: (c: TextContext, decider: CompiledRole | undefined) =>
    c.locale === 'nl'
      ? `U kunt een uitzondering vragen${decider ? `; daarover beslist ${roleInRunningText(role(c, decider), 'nl')}` : ''}.`
      : `You can ask for an exception${decider ? `; ${roleInRunningText(role(c, decider), 'en')} decides on it` : ''}.`,
};
