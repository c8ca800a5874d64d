// What the check needs to know of the register: active relationships by partner key, and how
// many active exploratory relationships there are. Built once; a check never scans the register.
import { partnerKey } from './partner-key.js';

export interface ExistingRelationship {
  partner: string;
  owner: string;
  priority: string | null;
  partnerType?: string;
  intensity?: string;
  unit?: string | null;
  status: 'active' | 'ended' | 'planned';
}

export interface PortfolioView {
  activeWith(partnerKey: string): ReadonlyArray<ExistingRelationship>;
  activeExplorationCount(): number;
}

export const EMPTY_PORTFOLIO: PortfolioView = {
  activeWith: () => [],
  activeExplorationCount: () => 0,
};

export function indexPortfolio(relationships: Iterable<ExistingRelationship>): PortfolioView {
  const byKey = new Map<string, ExistingRelationship[]>();
  let exploration = 0;
  for (const r of relationships) {
    if (r.status !== 'active') continue;
    if (r.priority === null) exploration++;
    const key = partnerKey(r.partner);
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  return {
    activeWith: (key) => byKey.get(key) ?? [],
    activeExplorationCount: () => exploration,
  };
}
