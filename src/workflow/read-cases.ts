// Read side of the workflow for views: one case, my open cases, what waits for me. Every chat
// message reads some of these, so they are prepared once (src/store/prepared-query.ts).
import type { Kysely } from 'kysely';
import { dateIn } from '../domain/time.js';
import { isStoredId } from '../domain/workflow/case-id.js';
import { literalLimit } from '../store/literal-limit.js';
import { preparedRows } from '../store/prepared-query.js';
import type { Database } from '../store/schema.js';
import { type CaseRecord, caseFromRow } from './case-record.js';

const LISTED = 50;
const MINE = ['open', 'info_requested', 'advised_against'] as const;

export async function getCase(db: Kysely<Database>, id: number): Promise<CaseRecord | null> {
  if (!isStoredId(id)) return null;
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

/**
 * Open cases assigned to the person, or to someone away who named them as delegate; never their
 * own requests; oldest first. Two or three reads, each served by an index in id order, rather
 * than one OR that walks every open case in the organisation: the absent colleagues who named this
 * person (people_delegate; usually none), then the open cases of each (cases_state_assignee).
 */
export async function casesWaitingFor(
  db: Kysely<Database>,
  personId: string,
  now: Date,
  timeZone: string,
): Promise<CaseRecord[]> {
  const today = dateIn(now, timeZone);
  const assignedTo = (assigneeId: string) =>
    preparedRows(db, 'cases-assigned-to', ['open', assigneeId, personId], () =>
      db
        .selectFrom('cases')
        .selectAll()
        .where('state', '=', 'open')
        .where('assignee_id', '=', assigneeId)
        .where('requester_id', '!=', personId)
        .orderBy('id')
        .limit(literalLimit(LISTED)),
    );
  const absent = await preparedRows(db, 'absent-delegating-to', [personId, today, today], () =>
    db
      .selectFrom('people')
      .select('id')
      .where('delegate_id', '=', personId)
      .where('absent_from', '<=', today)
      .where('absent_until', '>=', today),
  );
  const rows = await assignedTo(personId);
  for (const { id } of absent) if (id !== personId) rows.push(...(await assignedTo(id)));
  if (absent.length > 0) rows.sort((a, b) => Number(a.id) - Number(b.id));
  return rows.slice(0, LISTED).map(caseFromRow);
}

/**
 * Whether one case waits for the person, as casesWaitingFor would list it however many others wait
 * too: open, not their own, assigned to them or to someone away today who named them as delegate.
 */
export async function caseWaitsFor(
  db: Kysely<Database>,
  c: CaseRecord,
  personId: string,
  now: Date,
  timeZone: string,
): Promise<boolean> {
  if (c.state !== 'open' || c.requesterId === personId || !c.assigneeId) return false;
  if (c.assigneeId === personId) return true;
  const today = dateIn(now, timeZone);
  const away = await db
    .selectFrom('people')
    .select('id')
    .where('id', '=', c.assigneeId)
    .where('delegate_id', '=', personId)
    .where('absent_from', '<=', today)
    .where('absent_until', '>=', today)
    .executeTakeFirst();
  return away !== undefined;
}
