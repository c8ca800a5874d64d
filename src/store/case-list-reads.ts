// The case reads every chat message makes some of: one case by id, a requester's cases in some
// states, the open cases assigned to someone, and the colleagues away today who named a person as
// their delegate. Prepared once (prepared-query.ts); LIMIT goes in as a literal (literal-limit.ts).
import { type CaseRecord, caseFromRow } from './case-record.js';
import { literalLimit } from './literal-limit.js';
import { preparedRows } from './prepared-query.js';
import { type Db, sqlOf } from './store-handle.js';

/** The case with this id (a stored id), or null. */
export async function caseById(db: Db, id: number): Promise<CaseRecord | null> {
  const k = sqlOf(db);
  const [row] = await preparedRows(k, 'case-by-id', [id], () =>
    k.selectFrom('cases').selectAll().where('id', '=', id),
  );
  return row ? caseFromRow(row) : null;
}

/** The requester's cases in `states`, newest first, at most `limit`. */
export async function casesRequestedBy(
  db: Db,
  personId: string,
  states: ReadonlyArray<string>,
  limit: number,
): Promise<CaseRecord[]> {
  const k = sqlOf(db);
  const rows = await preparedRows(k, 'cases-requested-by', [personId, ...states], () =>
    k
      .selectFrom('cases')
      .selectAll()
      .where('requester_id', '=', personId)
      .where('state', 'in', [...states])
      .orderBy('id', 'desc')
      .limit(literalLimit(limit)),
  );
  return rows.map(caseFromRow);
}

/** Open cases assigned to `assigneeId` that `personId` did not request, oldest first, at most `limit`. */
export async function openCasesAssignedTo(
  db: Db,
  assigneeId: string,
  personId: string,
  limit: number,
): Promise<CaseRecord[]> {
  const k = sqlOf(db);
  const rows = await preparedRows(k, 'cases-assigned-to', ['open', assigneeId, personId], () =>
    k
      .selectFrom('cases')
      .selectAll()
      .where('state', '=', 'open')
      .where('assignee_id', '=', assigneeId)
      .where('requester_id', '!=', personId)
      .orderBy('id')
      .limit(literalLimit(limit)),
  );
  return rows.map(caseFromRow);
}

/** The people away on `today` who named `personId` as their delegate (people_delegate). */
export function absentDelegatingTo(db: Db, personId: string, today: string): Promise<Array<{ id: string }>> {
  const k = sqlOf(db);
  return preparedRows(k, 'absent-delegating-to', [personId, today, today], () =>
    k
      .selectFrom('people')
      .select('id')
      .where('delegate_id', '=', personId)
      .where('absent_from', '<=', today)
      .where('absent_until', '>=', today),
  );
}

/** Whether `assigneeId` is away on `today` and named `personId` as their delegate. */
export async function isAwayDelegatingTo(
  db: Db,
  assigneeId: string,
  personId: string,
  today: string,
): Promise<boolean> {
  const away = await sqlOf(db)
    .selectFrom('people')
    .select('id')
    .where('id', '=', assigneeId)
    .where('delegate_id', '=', personId)
    .where('absent_from', '<=', today)
    .where('absent_until', '>=', today)
    .executeTakeFirst();
  return away !== undefined;
}

/** When each case still waiting for a decision (or an answer) was opened, as epoch milliseconds. */
export async function openCaseOpenedTimes(db: Db): Promise<number[]> {
  const rows = await sqlOf(db)
    .selectFrom('cases')
    .select('created_at')
    .where('state', 'in', ['open', 'info_requested'])
    .execute();
  return rows.map((r) => Date.parse(r.created_at));
}
