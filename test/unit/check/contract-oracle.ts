// docs/check.md §3 written out a second time, plainly, on the generated model: the codes,
// the verdict and the route the check must give. Independent of src/domain/check.
import type { Proposal } from '../../../src/domain/check/proposal.js';
import { partnerKey } from '../../../src/domain/portfolio/partner-key.js';
import type { ExistingRelationship } from '../../../src/domain/portfolio/portfolio-view.js';
import type { RoleModel, StrategyModel } from './strategy-arbitraries.js';

export type Verdict = 'within_mandate' | 'escalate' | 'outside_strategy';
export const SEVERITY: Record<Verdict, number> = { within_mandate: 0, escalate: 1, outside_strategy: 2 };

export interface Expected {
  verdict: Verdict;
  route: string[];
  reasons: string[];
  notices: string[];
  /** Owners of the existing_relationship notices, in portfolio order. */
  owners: string[];
}

export const rankOfRole = (m: StrategyModel, id: string) => m.roles.findIndex((r) => r.id === id);
const rankOfIntensity = (m: StrategyModel, id: string | undefined) =>
  id === undefined ? Infinity : m.intensities.indexOf(id);

export function covers(m: StrategyModel, role: RoleModel, p: Proposal): boolean {
  return (
    rankOfIntensity(m, p.intensity) <= rankOfIntensity(m, role.maxIntensity) &&
    (p.budget ?? 0) <= (role.maxBudget ?? Infinity) &&
    (p.months ?? 0) <= (role.maxMonths ?? Infinity) &&
    (p.priority === null || role.priorities === 'all' || role.priorities.includes(p.priority))
  );
}

export function lineFor(m: StrategyModel, priority: string | null): RoleModel[] {
  const ids = (priority !== null && m.decisionLines.byPriority[priority]) || m.decisionLines.default;
  return ids.map((id) => m.roles.find((r) => r.id === id) as RoleModel);
}

export function expected(m: StrategyModel, p: Proposal, relationships: ExistingRelationship[]): Expected {
  const me = m.roles.find((r) => r.id === p.requester.role) as RoleModel;
  const myRank = rankOfRole(m, me.id);
  const policy = m.partnerTypes.find((t) => t.id === p.partner.type)?.policy;
  const line = lineFor(m, p.priority);
  const above = line.filter((r) => rankOfRole(m, r.id) > myRank);
  const budget = p.budget ?? 0;
  const months = p.months ?? 0;
  const activeExploring = relationships.filter((r) => r.status === 'active' && r.priority === null).length;
  const ex = m.exploration;
  const room =
    p.priority === null &&
    ex !== undefined &&
    activeExploring < ex.maxActive &&
    rankOfIntensity(m, p.intensity) <= rankOfIntensity(m, ex.maxIntensity) &&
    budget <= ex.maxBudget;

  const outside: string[] = [];
  const escalate: string[] = [];
  const notices: string[] = [];
  if (policy === 'excluded') outside.push('partner_type_excluded');
  if (!covers(m, me, p) && !line.some((r) => covers(m, r, p))) outside.push('beyond_all_mandates');
  if (p.priority === null && !room) outside.push('exploration_exhausted');
  if (policy === 'conditional') (above.length > 0 ? escalate : notices).push('partner_type_conditional');
  if (rankOfIntensity(m, p.intensity) > rankOfIntensity(m, me.maxIntensity))
    escalate.push('intensity_over_mandate');
  if (budget > (me.maxBudget ?? Infinity)) escalate.push('budget_over_mandate');
  if (months > (me.maxMonths ?? Infinity)) escalate.push('duration_over_mandate');
  if (p.priority !== null && me.priorities !== 'all' && !me.priorities.includes(p.priority)) {
    escalate.push('priority_not_in_mandate');
  }
  if (room) notices.push('exploration');
  const key = partnerKey(p.partner.name);
  const existing = relationships.filter((r) => r.status === 'active' && partnerKey(r.partner) === key);
  for (const _ of existing) notices.push('existing_relationship');

  const verdict: Verdict =
    outside.length > 0 ? 'outside_strategy' : escalate.length > 0 ? 'escalate' : 'within_mandate';
  let route: string[] = [];
  if (verdict === 'outside_strategy') route = [(line[line.length - 1] as RoleModel).id];
  if (verdict === 'escalate') {
    const end = above.findIndex((r) => covers(m, r, p));
    route = above.slice(0, end + 1).map((r) => r.id);
  }
  const order = [
    'partner_type_excluded',
    'beyond_all_mandates',
    'exploration_exhausted',
    'partner_type_conditional',
    'intensity_over_mandate',
    'budget_over_mandate',
    'duration_over_mandate',
    'priority_not_in_mandate',
  ];
  const reasons = [...outside, ...escalate].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return { verdict, route, reasons, notices, owners: existing.map((r) => r.owner) };
}
