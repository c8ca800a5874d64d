// A check's reasons, notices and suggestions as sentences: the names, amounts and limits the
// catalogue's sentences speak of, formatted for the reader from the strategy.
import { formatList, formatMoney, formatMonths, inRunningText, roleInRunningText } from '../i18n/format.js';
import type { CompiledRole, Strategy } from '../strategy/compile-strategy.js';
import { localize, roleName } from '../strategy/compile-strategy.js';
import type { Locale } from '../strategy/strategy-schema.js';
import { textsOf } from '../texts/catalogue.js';
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
const mandateOf = (c: TextContext, r: CompiledRole) => {
  const m = words(c).mandate;
  return c.whose ? m.of(c.whose, role(c, r)) : m.own(role(c, r));
};
const words = (c: TextContext) => textsOf(c.locale).check;

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
const deciderInText = (c: TextContext, r: CompiledRole) => roleInRunningText(role(c, r), c.locale);
const priorityList = (c: TextContext, ids: ReadonlyArray<string>) =>
  formatList(
    ids.map((p) => priorityName(c, p)),
    c.locale,
    'disjunction',
  );

function limitsOf(c: TextContext, r: CompiledRole): string {
  const w = words(c).limits;
  const parts: string[] = [];
  if (Number.isFinite(r.maxIntensityRank)) parts.push(w.intensity(intensityAt(c, r.maxIntensityRank)));
  if (Number.isFinite(r.maxBudgetLimit)) parts.push(w.budget(money(c, r.maxBudgetLimit)));
  if (Number.isFinite(r.maxMonthsLimit)) parts.push(w.duration(months(c, r.maxMonthsLimit)));
  if (r.allowedPriorities !== null) {
    const names = [...r.allowedPriorities].map((p) => priorityName(c, p));
    parts.push(names.length === 0 ? w.noPriorities : w.priorities(formatList(names, c.locale)));
  }
  return parts.length === 0 ? w.none : formatList(parts, c.locale);
}

export const reasonText = {
  partner_type_excluded: (c: TextContext, type: string) =>
    words(c).reason.partner_type_excluded(org(c), typeInText(c, type), typeReason(c, type)),

  beyond_all_mandates: (c: TextContext, line: ReadonlyArray<CompiledRole>, top: CompiledRole) =>
    words(c).reason.beyond_all_mandates(
      line.map((r) => role(c, r)).join(' → '),
      role(c, top),
      limitsOf(c, top),
    ),

  exploration_exhausted: (
    c: TextContext,
    shortfalls: ReadonlyArray<ExplorationShortfall>,
    active: number,
    intensity: string,
    budget: number,
  ) => {
    const ex = c.strategy.exploration;
    const w = words(c).reason.exploration_exhausted;
    const parts: string[] = [];
    for (const s of shortfalls) {
      if (s === 'no_allowance' || !ex) parts.push(w.no_allowance(org(c)));
      else if (s === 'full') parts.push(w.full(active, ex.maxActive));
      else if (s === 'intensity')
        parts.push(
          w.intensity(intensityName(c, ex.maxIntensity), inRunningText(intensityName(c, intensity))),
        );
      else parts.push(w.budget(money(c, budget), money(c, ex.maxBudget)));
    }
    return parts.join(' ');
  },

  partner_type_conditional: (c: TextContext, type: string, decider: CompiledRole) =>
    words(c).reason.partner_type_conditional(
      org(c),
      typeInText(c, type),
      typeReason(c, type),
      deciderInText(c, decider),
    ),

  intensity_over_mandate: (c: TextContext, intensity: string, r: CompiledRole) =>
    words(c).reason.intensity_over_mandate(
      intensityName(c, intensity),
      mandateOf(c, r),
      intensityAt(c, r.maxIntensityRank),
    ),

  budget_over_mandate: (c: TextContext, budget: number, r: CompiledRole) =>
    words(c).reason.budget_over_mandate(money(c, budget), mandateOf(c, r), money(c, r.maxBudgetLimit)),

  duration_over_mandate: (c: TextContext, n: number, r: CompiledRole) =>
    words(c).reason.duration_over_mandate(months(c, n), mandateOf(c, r), months(c, r.maxMonthsLimit)),

  priority_not_in_mandate: (c: TextContext, priority: string, r: CompiledRole) => {
    const allowed = [...(r.allowedPriorities ?? [])].map((p) => priorityName(c, p));
    const scope = allowed.length === 0 ? words(c).limits.noPriorities : formatList(allowed, c.locale);
    return words(c).reason.priority_not_in_mandate(priorityName(c, priority), mandateOf(c, r), scope);
  },
};

export const noticeText = {
  partner_type_conditional: (c: TextContext, type: string, r: CompiledRole) =>
    words(c).notice.partner_type_conditional(org(c), typeInText(c, type), typeReason(c, type), role(c, r)),

  exploration: (c: TextContext, activeAfter: number) =>
    words(c).notice.exploration(activeAfter, c.strategy.exploration?.maxActive ?? 0),

  existing_relationship: (
    c: TextContext,
    owner: string,
    partner: string,
    priority: string | null,
    intensity: string | undefined,
  ) => {
    const w = words(c).notice;
    const what = [
      intensity ? intensityName(c, intensity) : null,
      priority ? priorityName(c, priority) : w.exploration_word,
    ].filter((x): x is string => x !== null);
    return w.existing_relationship(owner, partner, what.join(', '));
  },
};

export const suggestionText = {
  lower_budget: (c: TextContext, to: number, alone: boolean) =>
    words(c).suggestion.lower_budget(money(c, to), alone),
  shorten_duration: (c: TextContext, to: number, alone: boolean) =>
    words(c).suggestion.shorten_duration(months(c, to), alone),
  lower_intensity: (c: TextContext, to: string, from: string, alone: boolean) =>
    words(c).suggestion.lower_intensity(
      inRunningText(intensityName(c, to)),
      inRunningText(intensityName(c, from)),
      alone,
    ),
  choose_priority: (c: TextContext, ids: ReadonlyArray<string>, alone: boolean) =>
    words(c).suggestion.choose_priority(priorityList(c, ids), alone),
  link_priority: (c: TextContext, ids: ReadonlyArray<string>) =>
    words(c).suggestion.link_priority(priorityList(c, ids)),
  combined: (c: TextContext) => words(c).suggestion.combined,
  request_exception: (c: TextContext, decider: CompiledRole | undefined) =>
    words(c).suggestion.request_exception(decider ? deciderInText(c, decider) : null),
};
