import type { Proposal } from '../../src/domain/check/proposal.js';

/** A proposal with defaults; override what the test is about. */
export function proposal(over: Partial<Proposal> & { requester: Proposal['requester'] }): Proposal {
  return {
    partner: { name: 'TU Delft', type: 'knowledge-institution' },
    priority: 'energy-transition',
    intensity: 'project',
    budget: 5000,
    months: 6,
    direction: 'we_need',
    ...over,
  };
}

export const ANNA = { id: 'u-anna', role: 'employee' };
export const BRAM = { id: 'u-bram', role: 'team-lead' };
