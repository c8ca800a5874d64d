// What `koers export --cases` reads: the cases a page at a time in id order (from a creation
// time on, if asked), and the decisions of a page of cases, each case's in the order taken.
import { type CaseRecord, caseFromRow } from './case-record.js';
import type { DecisionAction } from './case-repo.js';
import { type Db, sqlOf } from './store-handle.js';

export interface StoredDecision {
  caseId: number;
  action: DecisionAction;
  deciderId: string;
  onBehalfOf: string | null;
  step: number;
  stepRole: string;
  reason: string | null;
  at: string;
}

/** Up to `pageSize` cases with an id above `after` (created at or after `since`), in id order. */
export async function casesAfter(
  db: Db,
  after: number,
  since: string | undefined,
  pageSize: number,
): Promise<CaseRecord[]> {
  let query = sqlOf(db).selectFrom('cases').selectAll().where('id', '>', after);
  if (since !== undefined) query = query.where('created_at', '>=', since);
  const page = await query.orderBy('id').limit(pageSize).execute();
  return page.map(caseFromRow);
}

/** The decisions of these cases, by case and version. */
export async function decisionsOfCases(db: Db, caseIds: ReadonlyArray<number>): Promise<StoredDecision[]> {
  const rows = await sqlOf(db)
    .selectFrom('decisions')
    .selectAll()
    .where('case_id', 'in', [...caseIds])
    .orderBy('case_id')
    .orderBy('version')
    .execute();
  return rows.map((r) => ({
    caseId: Number(r.case_id),
    action: r.action,
    deciderId: r.decider_id,
    onBehalfOf: r.on_behalf_of,
    step: Number(r.step),
    stepRole: r.step_role,
    reason: r.reason,
    at: r.at,
  }));
}
