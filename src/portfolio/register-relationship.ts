// A decided case's relationship for the register: it starts today (in the organisation's time
// zone), ends after the proposal's months, and comes up for review after the strategy's interval.
import type { Proposal } from '../domain/check/proposal.js';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { addMonths, dateIn } from '../domain/time.js';
import { unitOf } from '../store/people-repo.js';
import { addCaseRelationship, type CaseRelationship } from '../store/relationship-repo.js';
import type { Tx } from '../store/store-handle.js';

/** The register's relationship for a decided case; `unit` is the owner's unit in the directory. */
export function caseRelationship(
  strategy: Strategy,
  proposal: Proposal,
  caseId: number,
  source: 'check' | 'exception',
  now: Date,
  unit: string | null,
): CaseRelationship {
  const start = dateIn(now, strategy.file.digest.timezone);
  return {
    proposal,
    caseId,
    source,
    unit,
    startDate: start,
    endDate: proposal.months ? addMonths(start, Math.ceil(proposal.months)) : null,
    reviewDue: addMonths(start, strategy.file.review.everyMonths),
    at: now.toISOString(),
  };
}

/** Adds a relationship to the register for a decided case (one per case: a unique index). */
export async function registerRelationship(
  tx: Tx,
  strategy: Strategy,
  proposal: Proposal,
  caseId: number,
  source: 'check' | 'exception',
  now: Date,
): Promise<void> {
  const owner = await unitOf(tx, proposal.requester.id);
  await addCaseRelationship(
    tx,
    caseRelationship(strategy, proposal, caseId, source, now, owner?.unit ?? null),
  );
}
