// What the chat channels ask of the store about a case, through the application's channel port:
// who may decide it now.
import { isStoredId } from '../domain/workflow/case-id.js';
import { preparedRows } from './prepared-query.js';
import { type Db, sqlOf } from './store-handle.js';

/** The case's assignee and the assignee's delegate (directory ids), in one query; [] for none. */
export async function caseDecidersOf(db: Db, caseId: number): Promise<string[]> {
  if (!isStoredId(caseId)) return [];
  const k = sqlOf(db);
  const [row] = await preparedRows(k, 'case-deciders', [caseId], () =>
    k
      .selectFrom('cases')
      .leftJoin('people', 'people.id', 'cases.assignee_id')
      .select(['cases.assignee_id as assignee', 'people.delegate_id as delegate'])
      .where('cases.id', '=', caseId),
  );
  if (!row?.assignee) return [];
  return row.delegate ? [row.assignee, row.delegate] : [row.assignee];
}
