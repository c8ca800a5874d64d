// Why a proposal goes past a role on its route: what of it that role's mandate does not cover,
// in words ("het budget (€ 60.000) is hoger dan het mandaat van de teamleider (€ 50.000)").
import { formatList, formatMoney, formatMonths, roleInRunningText } from '../i18n/format.js';
import { type CompiledRole, localize, roleName, type Strategy } from '../strategy/compile-strategy.js';
import type { Locale } from '../strategy/strategy-schema.js';
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
  const nl = locale === 'nl';
  const whose = roleInRunningText(roleName(role, locale), locale);
  const money = (n: number) => formatMoney(n, strategy.currency, locale);
  const parts: string[] = [];
  if (x.budget > role.maxBudgetLimit)
    parts.push(
      nl
        ? `het budget (${money(x.budget)}) is hoger dan het mandaat van ${whose} (${money(role.maxBudgetLimit)})`
        : `the budget (${money(x.budget)}) is above the mandate of ${whose} (${money(role.maxBudgetLimit)})`,
    );
  if (x.intensityRank > role.maxIntensityRank) {
    const name = localize(strategy.intensityList[x.intensityRank]?.name, locale);
    const upTo = localize(strategy.intensityList[role.maxIntensityRank]?.name, locale);
    parts.push(
      nl
        ? `de intensiteit (${name}) gaat verder dan het mandaat van ${whose} (tot ${upTo})`
        : `the intensity (${name}) goes beyond the mandate of ${whose} (up to ${upTo})`,
    );
  }
  if (x.months > role.maxMonthsLimit)
    parts.push(
      nl
        ? `de looptijd (${formatMonths(x.months, locale)}) is langer dan het mandaat van ${whose} (${formatMonths(role.maxMonthsLimit, locale)})`
        : `the duration (${formatMonths(x.months, locale)}) is longer than the mandate of ${whose} (${formatMonths(role.maxMonthsLimit, locale)})`,
    );
  if (!priorityAllowed(role, x.priority)) {
    const name = localize(strategy.priorities.get(x.priority ?? '')?.name, locale);
    parts.push(
      nl
        ? `de prioriteit ${name} valt buiten het mandaat van ${whose}`
        : `the priority ${name} is outside the mandate of ${whose}`,
    );
  }
  return parts.length === 0 ? null : formatList(parts, locale);
}
