// Read side of the workflow for views: one case, my open cases, what waits for me. Every chat
// message reads some of these, so they are prepared once (src/store/prepared-query.ts).
import type { Kysely } from 'kysely';
import { dateIn } from '../domain/time.js';
import { literalLimit } from '../store/literal-limit.js';
import { preparedRows } from '../store/prepared-query.js';
import type { Database } from '../store/schema.js';
import { type CaseRecord, caseFromRow } from './case-record.js';

const LISTED = 50;
const MINE = ['open', 'info_requested', 'advised_against'] as const;

export async function getCase(db: Kysely<Database>, id: number): Promise<CaseRecord | null> {
  const [row] = await preparedRows(db, 'case-by-id', [id], () =>
    db.selectFrom('cases').selectAll().where('id', '=', id),
  );
  return row ? caseFromRow(row) : null;
}

export async function openCasesRequestedBy(db: Kysely<Database>, personId: string): Promise<CaseRecord[]> {
  const rows = await preparedRows(db, 'cases-requested-by', [personId, ...MINE], () =>
    db
      .selectFrom('cases')
      .selectAll()
      .where('requester_id', '=', personId)
      .where('state', 'in', [...MINE])
      .orderBy('id', 'desc')
      .limit(literalLimit(LISTED)),
  );
  return rows.map(caseFromRow);
}

/** Open cases assigned to the person, or to someone away who named them as delegate. */
export async function casesWaitingFor(
  db: Kysely<Database>,
  personId: string,
  now: Date,
  timeZone: string,
): Promise<CaseRecord[]> {
  const today = dateIn(now, timeZone);
  const rows = await preparedRows(
    db,
    'cases-waiting-for',
    ['open', personId, personId, today, today, personId],
    () =>
      db
        .selectFrom('cases')
        .selectAll('cases')
        .leftJoin('people as assignee', 'assignee.id', 'cases.assignee_id')
        .where('cases.state', '=', 'open')
        .where((eb) =>
          eb.or([
            eb('cases.assignee_id', '=', personId),
            eb.and([
              eb('assignee.delegate_id', '=', personId),
              eb('assignee.absent_from', '<=', today),
              eb('assignee.absent_until', '>=', today),
            ]),
          ]),
        )
        .where('cases.requester_id', '!=', personId)
        .orderBy('cases.id')
        .limit(literalLimit(LISTED)),
  );
  return rows.map(caseFromRow);
}
