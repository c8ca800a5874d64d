// Why a proposal goes past a role on its route: what of it that role's mandate does not cover,
// in words ("het budget (€ 60.000) is hoger dan het mandaat van de teamleider (€ 50.000)").
import { formatList, formatMoney, formatMonths, roleInRunningText } from '../i18n/format.js';
import { type CompiledRole, localize, roleName, type Strategy } from '../strategy/compile-strategy.js';
import type { Locale } from '../strategy/strategy-schema.js';
import { textsOf } from '../texts/catalogue.js';
import { priorityAllowed } from './covers.js';
import { extentOf } from './evaluate-proposal.js';
import type { Proposal } from './proposal.js';

export function whyBeyond(
  strategy: Strategy,
  proposal: Proposal,
  role: CompiledRole,
  locale: Locale,
): string | null {
  const x = extentOf(strategy, proposal);
  const w = textsOf(locale).check.beyond;
  const whose = roleInRunningText(roleName(role, locale), locale);
  const money = (n: number) => formatMoney(n, strategy.currency, locale);
  const parts: string[] = [];
  if (x.budget > role.maxBudgetLimit)
    parts.push(w.budget(money(x.budget), whose, money(role.maxBudgetLimit)));
  if (x.intensityRank > role.maxIntensityRank) {
    const name = localize(strategy.intensityList[x.intensityRank]?.name, locale);
    const upTo = localize(strategy.intensityList[role.maxIntensityRank]?.name, locale);
    parts.push(w.intensity(name, whose, upTo));
  }
  if (x.months > role.maxMonthsLimit)
    parts.push(w.duration(formatMonths(x.months, locale), whose, formatMonths(role.maxMonthsLimit, locale)));
  if (!priorityAllowed(role, x.priority))
    parts.push(w.priority(localize(strategy.priorities.get(x.priority ?? '')?.name, locale), whose));
  return parts.length === 0 ? null : formatList(parts, locale);
}
