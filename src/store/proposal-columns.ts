// The proposal's facts as the columns that both a case and a register row carry under one name.
import type { Proposal } from '../domain/check/proposal.js';
import { partnerKey } from '../domain/portfolio/partner-key.js';

export function proposalColumns(p: Proposal) {
  return {
    partner: p.partner.name,
    partner_key: partnerKey(p.partner.name),
    partner_type: p.partner.type,
    priority: p.priority,
    intensity: p.intensity,
    budget: p.budget ?? 0,
    months: p.months ?? 0,
  };
}
