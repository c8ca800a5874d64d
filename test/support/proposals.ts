import type { Proposal } from '../../src/domain/check/proposal.js';
import type { CaseRecord } from '../../src/workflow/case-record.js';
import type { Workflow } from '../../src/workflow/workflow.js';

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

/** Anna asks for a € 20.000 project with `partner`: over her mandate, so the case opens (for Bram). */
export async function escalatedCase(
  workflow: Pick<Workflow, 'submit'>,
  partner = 'Deltares',
): Promise<CaseRecord> {
  const out = await workflow.submit(
    { personId: 'u-anna', platform: 'slack' },
    proposal({ requester: ANNA, partner: { name: partner, type: 'knowledge-institution' }, budget: 20_000 }),
  );
  if (!out.ok || out.case.state !== 'open') throw new Error('expected an open case');
  return out.case;
}
