import type { Insertable, Transaction } from 'kysely';
import type { Proposal } from '../domain/check/proposal.js';
import { partnerKey } from '../domain/portfolio/partner-key.js';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { addMonths, dateIn } from '../domain/time.js';
import { indexPartnerKeys } from '../store/partner-index.js';
import type { Database, RelationshipsTable } from '../store/schema.js';
import { proposalColumns } from './proposal-columns.js';

/** The register's row for a decided case; `unit` is the owner's unit in the directory. */
export function relationshipRow(
  strategy: Strategy,
  proposal: Proposal,
  caseId: number,
  source: 'check' | 'exception',
  now: Date,
  unit: string | null,
): Insertable<RelationshipsTable> {
  const start = dateIn(now, strategy.file.digest.timezone);
  const at = now.toISOString();
  return {
    ...proposalColumns(proposal),
    owner_id: proposal.requester.id,
    unit,
    status: 'active',
    start_date: start,
    end_date: proposal.months ? addMonths(start, Math.ceil(proposal.months)) : null,
    review_due: addMonths(start, strategy.file.review.everyMonths),
    case_id: caseId,
    direction: proposal.direction,
    confidential: proposal.confidential ? 1 : 0,
    source,
    created_at: at,
    updated_at: at,
  };
}

/** Adds a relationship to the register for a decided case (one per case: a unique index). */
export async function registerRelationship(
  trx: Transaction<Database>,
  strategy: Strategy,
  proposal: Proposal,
  caseId: number,
  source: 'check' | 'exception',
  now: Date,
): Promise<void> {
  const owner = await trx
    .selectFrom('people')
    .select('unit')
    .where('id', '=', proposal.requester.id)
    .executeTakeFirst();
  await trx
    .insertInto('relationships')
    .values(relationshipRow(strategy, proposal, caseId, source, now, owner?.unit ?? null))
    .execute();
  await indexPartnerKeys(trx, [partnerKey(proposal.partner.name)]);
}
