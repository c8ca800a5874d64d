// What the chat channels ask of the store about people and cases, through the application's
// channel port: a person's row (their language, their name), and who may decide a case now.
import { isStoredId } from '../domain/workflow/case-id.js';
import { findPersonByPlatformId, getPerson, type PersonRow } from './people-repo.js';
import { preparedRows } from './prepared-query.js';
import { type Db, sqlOf } from './store-handle.js';

export function personById(db: Db, id: string): Promise<PersonRow | undefined> {
  return getPerson(sqlOf(db), id);
}

export function personByPlatformId(
  db: Db,
  platform: 'slack' | 'teams',
  userId: string,
): Promise<PersonRow | undefined> {
  return findPersonByPlatformId(sqlOf(db), platform, userId);
}

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
