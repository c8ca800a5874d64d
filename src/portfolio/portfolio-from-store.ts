// The check's view of the register, built from the rows the submit's one context read returned
// (its active relationships with the partner, and the count of active explorations).
import type { ExistingRelationship, PortfolioView } from '../domain/portfolio/portfolio-view.js';
import type { RegisterMatch } from '../store/submit-context.js';

export function portfolioViewOf(
  key: string,
  matches: RegisterMatch[],
  exploringCount: number,
): PortfolioView {
  const existing: ExistingRelationship[] = matches.map((m) => ({
    partner: m.partner,
    owner: m.owner_id,
    priority: m.priority,
    partnerType: m.partner_type,
    intensity: m.intensity,
    unit: m.unit,
    status: 'active',
  }));
  return { activeWith: (k) => (k === key ? existing : []), activeExplorationCount: () => exploringCount };
}
